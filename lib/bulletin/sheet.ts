/**
 * Where a bulletin's table sits in a sheet the spreadsheet reader (lib/sheet/) produced, whatever
 * office program wrote it: title and note rows above, a header of one or two rows (a merged
 * indicator heading over 数值 / 全省排名), a 序号 column, the units' column, then one row per unit,
 * totals and footnotes below. The table comes out as plain cells (a % cell as its percentage) with
 * a heading per column, for the column mapping and lib/bulletin/cells.ts.
 */
import { z } from "zod";
import { indicatorMatcher } from "../sheet/indicator-match";
import { cellAt, columnCount, isMergedAway, labelText, shownAt, type Cell, type Sheet } from "../sheet/grid";
import { MAX_CELLS } from "../sheet/limits";
import { makeMonth, type Month } from "../periods";
import { roundTo } from "../numbers";
import type { IndicatorDefinition } from "../catalog";
import type { RawCell } from "./cells";

export type BulletinColumn = {
  column: number;
  heading: string;
  /** The unit the heading states in brackets ("数值（万人次）" → 万人次), or null. */
  unit: string | null;
};

export type BulletinTable = {
  sheet: string;
  title: string | null;
  /** The month the title or the note above the table names ("2026年10月"), if any. */
  month: Month | null;
  /**
   * Every column whose heading names a unit (单位, 市（州）, 县（市、区）, 代码 …), in sheet order, with
   * its heading: which of them make up the unit's name is chosen by content (./name-columns.ts).
   */
  nameCandidates: { column: number; heading: string }[];
  /** Every column with a heading, other than the name candidates and 序号. */
  columns: BulletinColumn[];
  /** The sheet's row number (1-based) of the first data row. */
  firstRow: number;
  rows: RawCell[][];
};

const NAME_HEADINGS = ["单位", "单位名称", "地区", "区县", "县区", "县(市、区)", "县(市,区)", "县（市、区）", "县市区", "县(区)", "区(县)", "区（县）", "名称", "地方", "市(州)", "市州", "市(州)名称", "地市", "镇街", "乡镇(街道)", "乡镇（街道）", "乡镇"];
/** Columns that may identify a unit by a code (an alias such as "510403" makes it match). */
const CODE_HEADINGS = ["代码", "单位代码", "行政区划代码", "区划代码", "地区代码"];
const SEQ_HEADINGS = ["序号", "排序", "编号", "序", "no", "no."];
const RANK_WORDS = ["全省排名", "排名", "名次", "全省名次", "全省位次", "位次"];
const VALUE_WORDS = ["数值", "数量", "数据", "完成数", "完成情况", "值"];
const HEADER_SEARCH_ROWS = 20;
const MONTH_IN_TEXT = /(\d{4})\s*年\s*(\d{1,2})\s*月/;

/** The separator between a merged heading and the heading under it. */
export const HEADING_SEPARATOR = " / ";

/** A heading cell compared as a label: half-width brackets, no spaces. */
function label(cell: Cell): string {
  return labelText(cell);
}

const NAME_LABELS = new Set(NAME_HEADINGS.map((heading) => labelText({ kind: "text", text: heading })));
const CODE_LABELS = new Set(CODE_HEADINGS.map((heading) => labelText({ kind: "text", text: heading })));

function isNameHeading(cell: Cell): boolean {
  return NAME_LABELS.has(label(cell));
}

function isCodeHeading(cell: Cell): boolean {
  return CODE_LABELS.has(label(cell));
}

/** "数值（万人次）" → { text: "数值", unit: "万人次" }; full-width and half-width brackets alike. */
export function headingUnit(text: string): { text: string; unit: string | null } {
  const match = /^(.*?)\s*[(（]\s*([^()（）]{1,8}?)\s*[)）]$/.exec(text.normalize("NFKC").trim());
  return match?.[2] ? { text: match[1] ?? "", unit: match[2] } : { text: text.trim(), unit: null };
}

function cellText(cell: Cell): string {
  if (cell.kind === "text") return cell.text.trim();
  if (cell.kind === "number") return String(cell.value);
  return "";
}

/** A cell as lib/bulletin/cells.ts reads it. */
export function rawCell(cell: Cell): RawCell {
  switch (cell.kind) {
    case "blank":
      return null;
    case "number":
      // a percentage stored as a fraction under a % format: 0.0487 shows as 4.87%
      return cell.percent ? roundTo(cell.value * 100, 9) : cell.value;
    case "text":
      return cell.text;
    case "date":
      return cell.date.toISOString().slice(0, 10);
    case "bool":
      return cell.value ? "TRUE" : "FALSE";
    case "error":
      return cell.text;
    case "formula":
      return `公式无计算结果：=${cell.formula}`;
  }
}

function monthIn(text: string): Month | null {
  const match = MONTH_IN_TEXT.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? makeMonth(year, month) : null;
}

export type TableOutcome = { ok: true; table: BulletinTable } | { ok: false; message: string };

/** The first sheet holding a bulletin table (a header with a units' column and data under it). */
export function findBulletinTable(sheets: readonly Sheet[]): TableOutcome {
  for (const sheet of sheets) {
    const table = tableIn(sheet);
    if (table) return { ok: true, table };
  }
  return {
    ok: false,
    message: `没有找到通报表格：表头中应有“单位”（或“地区”“区县”“县（市、区）”）一列，每个单位一行。本次未写入任何数据。`,
  };
}

function tableIn(sheet: Sheet): BulletinTable | null {
  const width = columnCount(sheet);
  for (let top = 0; top < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); top += 1) {
    const names: number[] = [];
    for (let col = 0; col < width; col += 1) {
      const cell = shownAt(sheet, top, col);
      if ((isNameHeading(cell) || isCodeHeading(cell)) && !isMergedAway(sheet, top, col)) names.push(col);
    }
    if (!names.some((col) => isNameHeading(shownAt(sheet, top, col)))) continue;
    const depth = Math.max(...names.map((col) => headerDepth(sheet, top, col, width)));
    const columns: BulletinColumn[] = [];
    for (let col = 0; col < width; col += 1) {
      if (names.includes(col)) continue;
      const parts: string[] = [];
      for (let row = top; row < top + depth; row += 1) {
        const text = cellText(shownAt(sheet, row, col));
        if (text !== "" && !parts.includes(text)) parts.push(text);
      }
      const heading = parts.join(HEADING_SEPARATOR);
      if (heading === "" || (parts.length === 1 && SEQ_HEADINGS.includes(label(shownAt(sheet, top, col)).toLowerCase()))) continue;
      // the unit the lowest heading states, else the one over it: "科普服务量 / 数值（万人次）", "科普服务量（万人次） / 数值"
      const unit = [...parts].reverse().map((part) => headingUnit(part).unit).find((found) => found !== null) ?? null;
      columns.push({ column: col, heading, unit });
    }
    const first = top + depth;
    // a city's name merged down over its counties is read in each of their rows
    const rows = sheet.rows
      .slice(first)
      .map((row, index) => Array.from({ length: width }, (_, col) => rawCell(names.includes(col) ? shownAt(sheet, first + index, col) : (row[col] ?? { kind: "blank" }))));
    while (rows.length > 0 && (rows.at(-1) ?? []).every((cell) => cell === null || String(cell).trim() === "")) rows.pop();
    const above = sheet.rows.slice(0, top).flatMap((row) => row.map(cellText)).filter((text) => text !== "");
    return {
      sheet: sheet.name,
      title: above[0] ?? null,
      month: above.map(monthIn).find((month) => month !== null) ?? monthIn(sheet.name),
      nameCandidates: names.map((col) => ({ column: col, heading: cellText(shownAt(sheet, top, col)) })),
      columns,
      firstRow: first + 1,
      rows,
    };
  }
  return null;
}

/**
 * How many rows the header takes: the rows the units' heading is merged down over, or two when the
 * row under it leaves the units' column blank and carries sub-headings (数值 / 全省排名).
 */
function headerDepth(sheet: Sheet, top: number, nameColumn: number, width: number): number {
  const merged = sheet.merges.find((range) => range.top === top && range.left <= nameColumn && range.right >= nameColumn);
  if (merged && merged.bottom > top) return merged.bottom - top + 1;
  const below = top + 1;
  if (below >= sheet.rows.length || cellText(cellAt(sheet, below, nameColumn)) !== "") return 1;
  for (let col = 0; col < width; col += 1) {
    const text = label(cellAt(sheet, below, col));
    if (RANK_WORDS.includes(text) || VALUE_WORDS.includes(text)) return 2;
  }
  return 1;
}

type MappableIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals" | "ranksKey">;

/** A remembered mapping: column headings → catalog keys ("" for a column not imported). */
export type RememberedMapping = { nameHeading: string | null; columns: { heading: string; key: string }[] };

/**
 * A key for each column: what was remembered for its heading, else the indicator its heading names
 * (a heading over 全省排名/排名/名次 names the rank of that indicator), else "" (not imported).
 */
export function suggestMapping(
  columns: readonly BulletinColumn[],
  catalog: readonly MappableIndicator[],
  remembered: RememberedMapping | null,
): Map<number, string> {
  const known = new Set(catalog.map((indicator) => indicator.key));
  const match = indicatorMatcher(catalog);
  const rankOf = (key: string) => catalog.find((indicator) => indicator.kind === "rank" && indicator.ranksKey === key)?.key ?? null;
  const byHeading = new Map((remembered?.columns ?? []).map((entry) => [entry.heading, entry.key]));
  const used = new Set<string>();
  const mapping = new Map<number, string>();
  for (const { column, heading } of columns) {
    const kept = byHeading.get(heading);
    let key: string | null = kept !== undefined && (kept === "" || known.has(kept)) ? kept : null;
    if (key === null) {
      // "数值（条）" is 数值 and "科普服务量（万人次）" is 科普服务量: the bracketed unit says how to read the cells
      const parts = heading.split(HEADING_SEPARATOR).map((part) => headingUnit(part).text);
      const last = labelText({ kind: "text", text: parts.at(-1) ?? "" });
      const main = parts.length > 1 ? parts.slice(0, -1).join("") : heading;
      const found = match(main) ?? (parts.length > 1 ? match(parts.join("")) : null);
      const figure = found && found.target.detail === null ? found.target.key : null;
      if (figure && parts.length > 1 && RANK_WORDS.includes(last)) key = catalog.find((indicator) => indicator.key === figure)?.kind === "rank" ? figure : rankOf(figure);
      else if (figure && (parts.length === 1 || VALUE_WORDS.includes(last))) key = figure;
      else if (parts.length === 1) {
        // "科普服务量排名": a figure's name followed by a rank word
        const bare = parts[0] ?? heading;
        const word = RANK_WORDS.find((candidate) => bare.endsWith(candidate));
        const base = word ? match(bare.slice(0, -word.length)) : null;
        key = base && base.target.detail === null ? rankOf(base.target.key) : null;
      }
    }
    if (key && key !== "" && used.has(key)) key = "";
    if (key) used.add(key);
    mapping.set(column, key ?? "");
  }
  return mapping;
}

const rawCellSchema = z.union([z.string().max(500), z.number().finite(), z.null()]);

/** The table as the preview hands it back (a hidden field), checked again: never trusted. */
export const bulletinTableSchema = z
  .object({
    sheet: z.string().max(200),
    title: z.string().max(500).nullable(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable(),
    nameCandidates: z.array(z.object({ column: z.number().int().min(0).max(1000), heading: z.string().max(300) })).min(1).max(10),
    columns: z.array(z.object({ column: z.number().int().min(0).max(1000), heading: z.string().max(300), unit: z.string().max(20).nullable() })).max(1000),
    firstRow: z.number().int().min(1).max(1_000_000),
    rows: z.array(z.array(rawCellSchema).max(1000)).max(20_000),
  })
  .refine((table) => table.rows.reduce((sum, row) => sum + row.length, 0) <= MAX_CELLS * 2, "表格过大");

export function readBulletinTable(json: string): BulletinTable | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = bulletinTableSchema.safeParse(raw);
  if (!parsed.success) return null;
  const month = parsed.data.month;
  return { ...parsed.data, month: month === null ? null : makeMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))) };
}
