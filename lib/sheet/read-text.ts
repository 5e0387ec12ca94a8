/**
 * CSV and pasted cells as one sheet of text cells, parsed with papaparse. A CSV saved by WPS or an
 * older Excel is often GBK/GB18030, not UTF-8: bytes that are not valid UTF-8 are read as GB18030
 * (a superset of GBK). Excel's "Unicode text" is UTF-16 with a byte-order mark.
 */
import Papa from "papaparse";
import { BLANK, type Cell } from "./grid";
import { MESSAGES, READ_LIMITS } from "./limits";
import { ReadBudget, type Stop } from "./read-budget";
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

/**
 * Papaparse reads a string in chunks too when given a chunk size (its StringStreamer), calling `step`
 * for each row and `chunk` after each chunk; its typings declare both only for files and streams.
 */
type ChunkedParse = Papa.ParseConfig<string[]> & { chunkSize: number; chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => void };

/** Papaparse reads the text this many characters at a time, so no row is parsed far past the line limit. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Parse delimited text: tab-separated when the first line has a tab (cells copied from Excel/WPS),
 * else guessed. Every row and field is counted as it is parsed, blank or not (lib/sheet/read-budget.ts),
 * and parsing stops at the first limit; a row still open after more than a line's worth of text (an
 * unclosed quote) stops it too.
 */
export function readDelimitedText(text: string, sheetName: string): SheetsRead {
  const body = text.replace(/^\ufeff/, "");
  const lineEnd = body.indexOf("\n");
  const firstLine = lineEnd === -1 ? body : body.slice(0, lineEnd);
  const budget = new ReadBudget();
  const rows: Cell[][] = [];
  let stop: Stop = null;
  let rowNumber = 0;
  let rowStart = 0;
  let fed = 0;
  const config: ChunkedParse = {
    delimiter: firstLine.includes("\t") ? "\t" : "",
    delimitersToGuess: [",", "\t", ";"],
    skipEmptyLines: false,
    chunkSize: CHUNK_CHARS,
    step: (result, parser) => {
      rowNumber += 1;
      const rowEnd = result.meta.cursor;
      const fields = result.data;
      stop =
        budget.row() ??
        (fields.length > READ_LIMITS.columns ? MESSAGES.tooManyColumns(rowNumber) : null) ??
        (rowEnd - rowStart > READ_LIMITS.lineChars ? MESSAGES.lineTooLong(rowNumber) : null) ??
        budget.cells(fields.length) ??
        keepRow(fields, rowNumber, budget, rows);
      rowStart = rowEnd;
      if (stop) parser.abort();
    },
    chunk: (result, parser) => {
      fed = Math.min(fed + CHUNK_CHARS, body.length);
      // what papaparse carries over to the next chunk is the row it has not finished
      if (!stop && fed < body.length && fed - result.meta.cursor > READ_LIMITS.lineChars) {
        stop = MESSAGES.lineTooLong(rowNumber + 1);
        parser.abort();
      }
    },
  };
  Papa.parse(body, config);
  stop ??= budget.fillStop();
  if (stop) return { ok: false, message: stop };
  while (rows.length > 0 && rows.at(-1)?.every((cell) => cell.kind === "blank")) rows.pop();
  // the rows are ragged; what reads them next sees a rectangle as wide as the widest
  const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  const gridStop = budget.grid(sheetName, rows.length * width);
  if (gridStop) return { ok: false, message: gridStop };
  return { ok: true, sheets: [{ name: sheetName, rows, merges: [] }] };
}

/** A parsed row as cells, kept while the cells with a value are within MAX_CELLS (counted on past it). */
function keepRow(fields: readonly string[], rowNumber: number, budget: ReadBudget, rows: Cell[][]): Stop {
  const row: Cell[] = [];
  let filled = 0;
  for (const [index, value] of fields.entries()) {
    if (value.trim() === "") {
      row.push(BLANK);
      continue;
    }
    const stop = budget.text(value.length, () => `第 ${rowNumber} 行第 ${index + 1} 列`);
    if (stop) return stop;
    filled += 1;
    row.push({ kind: "text", text: value });
  }
  budget.fill(filled);
  if (!budget.overFilled) rows.push(row);
  return null;
}
