/**
 * A sheet as the importer sees it: a rectangle of cells, each one of a few kinds, whatever file
 * (xlsx, csv, pasted cells) it came from. Rows and columns count from 0; addresses are Excel's ("C14").
 */

export type Cell =
  | { kind: "blank" }
  /** `percent`: shown under a % number format, so 0.0487 means 4.87%. */
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "text"; text: string }
  | { kind: "date"; date: Date }
  | { kind: "bool"; value: boolean }
  /** A formula whose cached result is an error value such as #DIV/0!. */
  | { kind: "error"; text: string }
  /** A formula saved without its computed value (some tools write none). */
  | { kind: "formula"; formula: string };

export const BLANK: Cell = { kind: "blank" };

export type Range = { top: number; left: number; bottom: number; right: number };

export type Sheet = {
  name: string;
  rows: Cell[][];
  /** Merged ranges: only their top-left cell holds a value. */
  merges: Range[];
};

export function cellAt(sheet: Sheet, row: number, col: number): Cell {
  return sheet.rows[row]?.[col] ?? BLANK;
}

const covers = (range: Range, row: number, col: number) => row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;

/**
 * For each cell of a sheet's grid, the merged range covering it (its index in `merges`, or -1):
 * built once per sheet, so that finding a cell's range does not scan every range — a sheet may
 * have thousands, and the importer asks for tens of thousands of cells. Ranges must not overlap
 * (Excel never writes that); where one does, the earlier range keeps the cell and the rest of
 * the later one is left out, so building costs no more than the grid's size.
 */
const mergeIndexes = new WeakMap<Sheet, { width: number; index: Int32Array }>();

function mergeIndexOf(sheet: Sheet): { width: number; index: Int32Array } {
  const known = mergeIndexes.get(sheet);
  if (known) return known;
  const height = sheet.rows.length;
  const width = columnCount(sheet);
  const index = new Int32Array(height * width).fill(-1);
  sheet.merges.forEach((range, number) => {
    for (let row = range.top; row <= Math.min(range.bottom, height - 1); row += 1) {
      for (let col = range.left; col <= Math.min(range.right, width - 1); col += 1) {
        if (index[row * width + col] !== -1) return;
        index[row * width + col] = number;
      }
    }
  });
  const built = { width, index };
  mergeIndexes.set(sheet, built);
  return built;
}

/** The merged range a cell is part of, if any. */
function mergeAt(sheet: Sheet, row: number, col: number): Range | undefined {
  if (sheet.merges.length === 0) return undefined;
  const { width, index } = mergeIndexOf(sheet);
  // outside the grid every cell is blank; only there is the list searched
  if (row >= sheet.rows.length || col >= width) return sheet.merges.find((range) => covers(range, row, col));
  return sheet.merges[index[row * width + col] ?? -1];
}

/** The value shown in a cell, a merged cell's own value taken from the top-left cell of its range. */
export function shownAt(sheet: Sheet, row: number, col: number): Cell {
  const merge = mergeAt(sheet, row, col);
  return merge ? cellAt(sheet, merge.top, merge.left) : cellAt(sheet, row, col);
}

export function isMergedAway(sheet: Sheet, row: number, col: number): boolean {
  const merge = mergeAt(sheet, row, col);
  return merge !== undefined && (row !== merge.top || col !== merge.left);
}

export function columnCount(sheet: Sheet): number {
  return sheet.rows.reduce((widest, row) => Math.max(widest, row.length), 0);
}

export function isBlank(cell: Cell): boolean {
  return cell.kind === "blank" || (cell.kind === "text" && cell.text.trim() === "");
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let letters = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "C14" → { row: 13, col: 2 }. */
export function parseAddress(address: string): { row: number; col: number } | null {
  const match = /^([A-Z]{1,3})(\d{1,7})$/.exec(address);
  if (!match?.[1] || !match[2]) return null;
  const col = [...match[1]].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(match[2]) - 1, col };
}

/** A cell's text for matching labels: full-width letters and digits made ASCII, spaces removed. */
export function labelText(cell: Cell): string {
  if (cell.kind === "text") return halfWidth(cell.text).replace(/[\s\u3000]+/g, "");
  if (cell.kind === "number") return String(cell.value);
  return "";
}

/** Full-width ASCII (Ｆ, ２, （) as typed with a Chinese input method becomes plain ASCII. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}
