/**
 * Look inside an xlsx (a zip) before anything inflates it: refuse encrypted parts, containers that
 * are not a workbook, zip bombs, and a part the reader would parse (a sheet, the shared strings,
 * the styles) that unpacks to more than a real 20 000-cell workbook needs. Declared sizes are
 * checked first; then every part is inflated as a stream, counting bytes and discarding them, with
 * yauzl validating that no part unpacks to more than it declared — so a zip that lies about its
 * sizes is caught without holding its output.
 */
import yauzl from "yauzl";
import { MESSAGES, ZIP_LIMITS } from "./limits";

/** Where Excel, WPS and LibreOffice put the parts lib/sheet/read-xlsx.ts parses (it checks any other it opens itself). */
const PARSED_PART = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/i;

export type ZipVerdict = { ok: true } | { ok: false; message: string };

export async function inspectWorkbookZip(bytes: Buffer): Promise<ZipVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  }
  try {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      if (entries.length >= ZIP_LIMITS.entries) return { ok: false, message: MESSAGES.zipBomb };
      if (entry.isEncrypted()) return { ok: false, message: MESSAGES.encrypted };
      declared += entry.uncompressedSize;
      if (entry.uncompressedSize > ZIP_LIMITS.entryBytes || declared > ZIP_LIMITS.totalBytes || tooDense(entry)) {
        return { ok: false, message: MESSAGES.zipBomb };
      }
      if (PARSED_PART.test(entry.fileName) && entry.uncompressedSize > ZIP_LIMITS.partBytes) {
        return { ok: false, message: MESSAGES.partTooLarge(entry.uncompressedSize) };
      }
      entries.push(entry);
    }
    const names = new Set(entries.map((entry) => entry.fileName));
    if (!names.has("xl/workbook.xml")) return { ok: false, message: containerMessage(names) };

    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        // validateEntrySizes makes the stream fail as soon as a part unpacks past its declared size
        for await (const _chunk of stream) {
          // discarded: only the count matters
        }
      } catch (error) {
        const lied = error instanceof Error && /too many bytes/i.test(error.message);
        return { ok: false, message: lied ? MESSAGES.zipBomb : MESSAGES.corrupt };
      }
    }
    return { ok: true };
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  } finally {
    zip.close();
  }
}

function tooDense(entry: yauzl.Entry): boolean {
  if (entry.uncompressedSize <= 1024 * 1024) return false;
  return entry.uncompressedSize / Math.max(entry.compressedSize, 1) > ZIP_LIMITS.ratio;
}

function containerMessage(names: ReadonlySet<string>): string {
  if (names.has("mimetype") && names.has("content.xml")) return MESSAGES.ods;
  if (names.has("word/document.xml")) return MESSAGES.notExcelZip("（Word 文档）");
  if (names.has("ppt/presentation.xml")) return MESSAGES.notExcelZip("（PowerPoint 演示文稿）");
  return MESSAGES.notExcelZip("");
}
