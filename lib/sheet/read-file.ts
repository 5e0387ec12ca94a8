/**
 * Bytes in, sheets out — or one clear Chinese reason why not. The format is told by the content
 * (magic bytes), never by the file name; nothing here throws.
 */
import type { Sheet } from "./grid";
import { MAX_CELLS, MAX_FILE_BYTES, MESSAGES } from "./limits";
import { decodeText, readDelimitedText } from "./read-text";
import { readXlsx } from "./read-xlsx";
import { inspectWorkbookZip } from "./zip-guard";

export type SourceKind = "xlsx" | "csv" | "paste";
export type ReadOutcome = { ok: true; kind: SourceKind; sheets: Sheet[] } | { ok: false; message: string };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const BINARY_FORMATS: { magic: number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: "（这是 PDF 文件）" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "（这是图片）" },
  { magic: [0xff, 0xd8, 0xff], what: "（这是图片）" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "（这是图片）" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "（这是 RAR 压缩包）" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "（这是 7z 压缩包）" },
  { magic: [0x1f, 0x8b], what: "（这是 gzip 压缩包）" },
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** An Office file with an opening password is an OLE container holding an "EncryptedPackage" stream. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from("EncryptedPackage", "utf16le"));
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  return !utf16 && head.includes(0);
}

export async function readUpload(bytes: Uint8Array, fileName: string): Promise<ReadOutcome> {
  try {
    if (bytes.byteLength === 0) return { ok: false, message: MESSAGES.empty };
    if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, message: MESSAGES.tooLarge(bytes.byteLength) };
    if (startsWith(bytes, OLE_MAGIC)) return { ok: false, message: isEncryptedOffice(bytes) ? MESSAGES.encrypted : MESSAGES.oldXls };
    if (startsWith(bytes, [0x50, 0x4b])) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const verdict = await inspectWorkbookZip(buffer);
      if (!verdict.ok) return verdict;
      return withSheets("xlsx", await readXlsx(buffer));
    }
    const binary = BINARY_FORMATS.find((format) => startsWith(bytes, format.magic));
    if (binary) return { ok: false, message: MESSAGES.notSpreadsheet(binary.what) };
    if (looksBinary(bytes)) return { ok: false, message: MESSAGES.notSpreadsheet("") };
    const text = decodeText(bytes);
    if (text === null) return { ok: false, message: MESSAGES.undecodable };
    return withSheets("csv", readDelimitedText(text, sheetNameOf(fileName)));
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  }
}

export function readPaste(text: string): ReadOutcome {
  try {
    if (text.trim() === "") return { ok: false, message: MESSAGES.empty };
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) return { ok: false, message: MESSAGES.tooLarge(Buffer.byteLength(text)) };
    return withSheets("paste", readDelimitedText(text, "粘贴内容"));
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  }
}

function withSheets(kind: SourceKind, read: { ok: true; sheets: Sheet[] } | { ok: false; message: string }): ReadOutcome {
  if (!read.ok) return read;
  let cells = 0;
  for (const sheet of read.sheets) for (const row of sheet.rows) for (const cell of row) if (cell.kind !== "blank") cells += 1;
  if (cells === 0) return { ok: false, message: MESSAGES.emptySheets };
  if (cells > MAX_CELLS) return { ok: false, message: MESSAGES.tooManyCells(cells) };
  return { ok: true, kind, sheets: read.sheets };
}

function sheetNameOf(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, "") || "CSV";
}
