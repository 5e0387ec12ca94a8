/**
 * One worksheet's cells, streamed from its XML: every row and cell element is counted against the
 * import's reading budget as it is met (a formatted empty cell too); cells with a value are kept by
 * address until MAX_CELLS, then only counted. Values are read as exceljs reads them: a formula as
 * its cached result (number, text, TRUE/FALSE or error), a number under a date format as a date,
 * under a % format as a percentage; a hyperlink's cell as the value it shows. Merged ranges are kept
 * as ranges, and once the sheet is read the other cells of a range take its top-left value (as
 * exceljs gave them) — the copies counted as cells before any is made.
 */
import { BLANK, parseAddress, type Cell, type Range, type Sheet } from "./grid";
import { MAX_CELLS, MESSAGES, READ_LIMITS } from "./limits";
import type { ReadBudget, Stop } from "./read-budget";
import { CorruptPart, type WorkbookParts } from "./xlsx-parts";
import { officeUnescape, type CellFormat, type WorkbookInfo } from "./xlsx-workbook";

export type SheetRead = { ok: true; sheet: Sheet | null } | { ok: false; message: string };

/** Columns are below 18 278 ("ZZZ"), so row × this + column is unique. */
const ROW_STRIDE = 20_000;
const DAY_MS = 24 * 60 * 60 * 1000;

type Found = { row: number; col: number; cell: Cell };

/** A `<c>` element while it is read. */
type CellElement = {
  row: number;
  col: number;
  address: string;
  format: CellFormat;
  type: string;
  value: string[];
  /** The formula's text, once an `<f>` is met; its sharing (t="shared") and group (si). */
  formula: string[] | null;
  shareType: string | undefined;
  sharedIndex: string | undefined;
  chars: number;
};

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

function numberCell(text: string, format: CellFormat, date1904: boolean): Cell {
  const value = parseFloat(text);
  if (format.date) {
    const date = excelDate(value, date1904);
    return Number.isNaN(date.getTime()) ? { kind: "error", text: "#VALUE!" } : { kind: "date", date };
  }
  return Number.isFinite(value) ? { kind: "number", value, percent: format.percent } : { kind: "error", text: "#NUM!" };
}

function parseRange(text: string): Range | null {
  const [from, to] = text.split(":");
  const start = from ? parseAddress(from) : null;
  const end = to ? parseAddress(to) : start;
  if (!start || !end) return null;
  return { top: Math.min(start.row, end.row), left: Math.min(start.col, end.col), bottom: Math.max(start.row, end.row), right: Math.max(start.col, end.col) };
}

export async function readSheet(parts: WorkbookParts, part: string, name: string, info: WorkbookInfo, budget: ReadBudget): Promise<SheetRead> {
  const found = new Map<number, Found>();
  const merges: Range[] = [];
  /** A shared formula's group → the address of the cell that holds its text (as exceljs names it). */
  const sharedMasters = new Map<string, string>();
  let inSheetData = false;
  let rowIndex = -1;
  let lastCol = -1;
  let cell: CellElement | null = null;
  let target: "value" | "formula" | null = null;
  let phonetic = 0;

  const valueOf = (element: CellElement): Cell => {
    const text = element.value.join("");
    const isFormula = element.formula !== null && (element.formula.length > 0 || element.shareType !== undefined);
    if (isFormula && text === "") {
      const own = element.formula?.join("") ?? "";
      const formula = element.shareType === "shared" && own === "" ? (sharedMasters.get(element.sharedIndex ?? "") ?? "") : own;
      return { kind: "formula", formula };
    }
    if (text === "") return BLANK;
    switch (element.type) {
      case "s": {
        if (isFormula) return numberCell(text, element.format, info.date1904);
        const shared = info.sharedStrings[parseInt(text, 10)];
        if (shared === undefined) throw new CorruptPart(part);
        return { kind: "text", text: shared };
      }
      case "str":
        return { kind: "text", text };
      case "inlineStr":
        return isFormula ? numberCell(text, element.format, info.date1904) : { kind: "text", text: officeUnescape(text) };
      case "b":
        return { kind: "bool", value: parseInt(text, 10) !== 0 };
      case "e":
        return { kind: "error", text };
      default:
        return numberCell(text, element.format, info.date1904);
    }
  };

  const keep = (element: CellElement): Stop => {
    const value = valueOf(element);
    if (value.kind === "text" && element.type !== "s") {
      const stop = budget.text(value.text.length, () => `工作表“${name}”的单元格 ${element.address}`);
      if (stop) return stop;
    }
    if (value.kind === "formula") {
      const stop = budget.text(value.formula.length, () => `工作表“${name}”的单元格 ${element.address}`);
      if (stop) return stop;
    }
    const key = element.row * ROW_STRIDE + element.col;
    if (value.kind === "blank") {
      // a later element for the same address replaces the earlier one
      if (found.delete(key)) budget.fill(-1);
      return null;
    }
    if (budget.overFilled) {
      budget.fill(1);
      return null;
    }
    if (!found.has(key)) budget.fill(1);
    if (!budget.overFilled) found.set(key, { row: element.row, col: element.col, cell: value });
    return null;
  };

  const stop = await parts.read(part, {
    open: (tag, attributes) => {
      if (tag === "sheetData") inSheetData = true;
      else if (tag === "mergeCell") {
        const range = parseRange(attributes.ref ?? "");
        if (!range) return;
        const mergeStop = budget.merge();
        if (mergeStop) return mergeStop;
        merges.push(range);
      } else if (!inSheetData) return;
      else if (tag === "row") {
        const rowStop = budget.row();
        if (rowStop) return rowStop;
        const number = attributes.r === undefined ? rowIndex + 2 : Number(attributes.r);
        if (!Number.isInteger(number) || number < 1) throw new CorruptPart(part);
        rowIndex = number - 1;
        lastCol = -1;
      } else if (tag === "c") {
        const cellStop = budget.cells(1);
        if (cellStop) return cellStop;
        const position = attributes.r === undefined ? { row: Math.max(rowIndex, 0), col: lastCol + 1 } : parseAddress(attributes.r);
        if (!position) throw new CorruptPart(part);
        lastCol = position.col;
        cell = {
          row: position.row,
          col: position.col,
          address: attributes.r ?? "",
          format: info.formatOf(parseInt(attributes.s ?? "0", 10) || 0),
          type: attributes.t ?? "n",
          value: [],
          formula: null,
          shareType: undefined,
          sharedIndex: undefined,
          chars: 0,
        };
      } else if (!cell) return;
      else if (tag === "f") {
        target = "formula";
        cell.formula = [];
        cell.shareType = attributes.t;
        cell.sharedIndex = attributes.si;
        if (attributes.t === "shared" && attributes.ref !== undefined && attributes.si !== undefined) sharedMasters.set(attributes.si, cell.address);
      } else if (tag === "v") target = "value";
      else if (tag === "rPh") phonetic += 1;
      else if (tag === "t" && phonetic === 0) target = "value";
    },
    text: (text) => {
      if (!cell || target === null) return;
      cell.chars += text.length;
      const address = cell.address;
      if (cell.chars > READ_LIMITS.cellChars) return MESSAGES.cellTooLong(`工作表“${name}”的单元格 ${address}`);
      if (target === "formula") cell.formula?.push(text);
      else cell.value.push(text);
    },
    close: (tag) => {
      if (tag === "sheetData") inSheetData = false;
      else if (tag === "f" || tag === "v" || tag === "t") target = null;
      else if (tag === "rPh") phonetic -= 1;
      else if (tag === "c" && cell) {
        const element = cell;
        cell = null;
        target = null;
        return keep(element);
      }
    },
  });
  if (stop) return { ok: false, message: stop };
  if (budget.overFilled) return { ok: true, sheet: null };
  const merged = spreadMerges(found, merges, budget);
  if (!merged) return { ok: true, sheet: null };
  return grid(name, found, merges, budget);
}

/**
 * Give each merged range's other cells its top-left value, as exceljs did; when the copies would
 * pass MAX_CELLS they are only counted. False when they were.
 */
function spreadMerges(found: Map<number, Found>, merges: readonly Range[], budget: ReadBudget): boolean {
  const spread = merges.flatMap((range) => {
    const master = found.get(range.top * ROW_STRIDE + range.left);
    return master ? [{ range, cell: master.cell }] : [];
  });
  const copies = spread.reduce((sum, { range }) => sum + (range.bottom - range.top + 1) * (range.right - range.left + 1) - 1, 0);
  if (budget.filled + copies > MAX_CELLS) {
    budget.fill(copies);
    return false;
  }
  for (const { range, cell } of spread) {
    for (let row = range.top; row <= range.bottom; row += 1) {
      for (let col = range.left; col <= range.right; col += 1) {
        if (row === range.top && col === range.left) continue;
        const key = row * ROW_STRIDE + col;
        if (!found.has(key)) budget.fill(1);
        found.set(key, { row, col, cell });
      }
    }
  }
  return true;
}

function grid(name: string, found: ReadonlyMap<number, Found>, merges: Range[], budget: ReadBudget): SheetRead {
  let height = 0;
  let width = 0;
  for (const entry of found.values()) {
    height = Math.max(height, entry.row + 1);
    width = Math.max(width, entry.col + 1);
  }
  const stop = budget.grid(name, height * width);
  if (stop) return { ok: false, message: stop };
  const rows: Cell[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => BLANK));
  for (const entry of found.values()) {
    const row = rows[entry.row];
    if (row) row[entry.col] = entry.cell;
  }
  return { ok: true, sheet: { name, rows, merges } };
}
