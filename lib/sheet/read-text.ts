/**
 * CSV and pasted cells as one sheet of text cells, parsed with papaparse. A CSV saved by WPS or an
 * older Excel is often GBK/GB18030, not UTF-8: bytes that are not valid UTF-8 are read as GB18030
 * (a superset of GBK). Excel's "Unicode text" is UTF-16 with a byte-order mark.
 */
import Papa from "papaparse";
import type { Cell } from "./grid";
import { MAX_CELLS, MESSAGES } from "./limits";
import type { SheetsRead } from "./read-xlsx";

export function decodeText(bytes: Uint8Array): string | null {
  const [a, b, c] = bytes;
  try {
    if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
    if (a === 0xfe && b === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

/** Parse delimited text: tab-separated when the first line has a tab (cells copied from Excel/WPS), else guessed. */
export function readDelimitedText(text: string, sheetName: string): SheetsRead {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const rows: Cell[][] = [];
  let cells = 0;
  let tooMany = false;
  Papa.parse<string[]>(text.replace(/^\ufeff/, ""), {
    delimiter: firstLine.includes("\t") ? "\t" : "",
    delimitersToGuess: [",", "\t", ";"],
    skipEmptyLines: false,
    step: (result, parser) => {
      const row = result.data.map((value): Cell => (value.trim() === "" ? { kind: "blank" } : { kind: "text", text: value }));
      cells += row.filter((cell) => cell.kind !== "blank").length;
      if (cells > MAX_CELLS) {
        tooMany = true;
        parser.abort();
        return;
      }
      rows.push(row);
    },
  });
  if (tooMany) return { ok: false, message: MESSAGES.tooManyCells(cells) };
  while (rows.length > 0 && rows.at(-1)?.every((cell) => cell.kind === "blank")) rows.pop();
  return { ok: true, sheets: [{ name: sheetName, rows, merges: [] }] };
}
