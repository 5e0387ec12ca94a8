/**
 * An xlsx workbook's visible sheets as grids of cells, read with exceljs: a formula counts as the
 * value Excel or WPS last computed for it (its cached result), a date cell as a date, a number
 * under a % format as a percentage.
 */
import ExcelJS from "exceljs";
import { BLANK, parseAddress, type Cell, type Range, type Sheet } from "./grid";
import { MAX_CELLS, MAX_SHEET_AREA, MESSAGES } from "./limits";

export type SheetsRead = { ok: true; sheets: Sheet[] } | { ok: false; message: string };

export async function readXlsx(bytes: Buffer): Promise<SheetsRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; a plain ArrayBuffer copy satisfies both
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    await workbook.xlsx.load(copy);
  } catch {
    return { ok: false, message: MESSAGES.corrupt };
  }
  const sheets: Sheet[] = [];
  let cells = 0;
  for (const worksheet of workbook.worksheets) {
    if (worksheet.state !== "visible") continue;
    const found: { row: number; col: number; cell: Cell }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = toCell(cell);
        if (value.kind !== "blank") found.push({ row: rowNumber - 1, col: colNumber - 1, cell: value });
      });
    });
    cells += found.length;
    if (cells > MAX_CELLS) return { ok: false, message: MESSAGES.tooManyCells(cells) };
    const height = Math.max(0, ...found.map((entry) => entry.row + 1));
    const width = Math.max(0, ...found.map((entry) => entry.col + 1));
    if (height * width > MAX_SHEET_AREA) return { ok: false, message: MESSAGES.areaTooLarge(worksheet.name) };
    const rows: Cell[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => BLANK));
    for (const entry of found) {
      const row = rows[entry.row];
      if (row) row[entry.col] = entry.cell;
    }
    sheets.push({ name: worksheet.name, rows, merges: worksheet.model.merges.flatMap(parseRange) });
  }
  return { ok: true, sheets };
}

function parseRange(text: string): Range[] {
  const [from, to] = text.split(":");
  const start = from ? parseAddress(from) : null;
  const end = to ? parseAddress(to) : start;
  if (!start || !end) return [];
  return [{ top: start.row, left: start.col, bottom: end.row, right: end.col }];
}

function toCell(cell: ExcelJS.Cell): Cell {
  const percent = /%/.test(cell.numFmt ?? "");
  return fromValue(cell.value, percent);
}

function fromValue(value: ExcelJS.CellValue, percent: boolean): Cell {
  if (value === null || value === undefined) return BLANK;
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value, percent } : { kind: "error", text: "#NUM!" };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: "error", text: "#VALUE!" } : { kind: "date", date: value };
  if ("error" in value) return { kind: "error", text: value.error };
  if ("richText" in value) return { kind: "text", text: value.richText.map((run) => run.text).join("") };
  if ("hyperlink" in value) return { kind: "text", text: String(value.text) };
  if ("result" in value && value.result !== undefined) return fromValue(value.result, percent);
  const formula = "sharedFormula" in value ? value.sharedFormula : value.formula;
  return { kind: "formula", formula };
}
