/** A file download: the ASCII name for old clients, the Chinese one (RFC 5987) for the rest. */
export function downloadResponse(body: Uint8Array | string, type: string, asciiName: string, chineseName: string): Response {
  const content = typeof body === "string" ? body : new Uint8Array(body);
  return new Response(content, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`,
      "Cache-Control": "no-store",
    },
  });
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv; charset=utf-8";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

/** A plain-text 4xx in Chinese for a download link gone wrong. */
export function refusal(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
