/**
 * Reading a bulletin's cells into figures, once a spreadsheet reader has produced the cells and
 * an administrator has said which column holds which indicator. Office tables write numbers in
 * many ways; each cell is read in its indicator's own unit:
 *
 * - a plain number (8810, "8,810", "８８１０") is already in the indicator's unit;
 * - a number written with 万 or 亿, or with a unit, is converted to the indicator's unit:
 *   "878.44万" for 科普服务量 (万人次) is 878.44; "1.2万" for 新增注册用户 (户) is 12000;
 *   "8784400人次" for 万人次 is 878.44; "4.87%" for a percentage is 4.87;
 * - a rank may read 12, "12", "第12名" or "12名";
 * - "", "-", "—", "/", "无", "暂无", "未填报" are blank: not reported, never 0.
 *
 * A figure finer than the indicator's decimals is rounded half-up and the cell is listed as
 * rounded; a count with a fraction, a negative figure or anything else is an error for that cell.
 * (A percentage an office program stores as a fraction, 0.0487 shown as 4.87%, is the reader's to
 * turn into 4.87 from the cell's number format; this module only sees the number.)
 */
import type { IndicatorDefinition } from "../catalog";
import { readNumberText } from "../number-text";
import { roundTo } from "../numbers";

export type RawCell = string | number | null | undefined;

type CellIndicator = Pick<IndicatorDefinition, "key" | "unit" | "decimals" | "kind">;

export type CellReading =
  | { kind: "blank" }
  | { kind: "value"; value: number; rounded: boolean }
  | { kind: "error"; message: string };

const BLANK_WORDS = new Set(["", "-", "--", "—", "——", "/", "无", "暂无", "未填报", "未报", "N/A", "NA"]);
const NUMBER_WITH_SUFFIX = /^(\d+(?:\.\d+)?)(万|亿)?(.*)$/;
const MULTIPLIERS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export function readFigureCell(raw: RawCell, indicator: CellIndicator): CellReading {
  if (raw == null) return { kind: "blank" };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "error", message: "不是有效的数字" };
    return checked(raw, indicator);
  }
  const cleaned = cleanText(raw);
  if ("error" in cleaned) return { kind: "error", message: `${cleaned.error}：${raw.trim()}` };
  const text = cleaned.text;
  if (BLANK_WORDS.has(text) || BLANK_WORDS.has(text.toUpperCase())) return { kind: "blank" };
  if (text.startsWith("-")) return { kind: "error", message: "不能为负数" };
  if (indicator.kind === "rank") {
    const rank = /^第?(\d+)名?$/.exec(text);
    return rank ? checked(Number(rank[1]), indicator) : { kind: "error", message: `无法识别的名次：${raw.trim()}` };
  }
  const match = NUMBER_WITH_SUFFIX.exec(text);
  const unitScale = MULTIPLIERS[indicator.unit.charAt(0)] ?? 1;
  const baseUnit = unitScale === 1 ? indicator.unit : indicator.unit.slice(1);
  if (!match?.[1]) return { kind: "error", message: `无法识别的数字：${raw.trim()}` };
  const [, digits, multiplier, rest = ""] = match;
  if (rest !== "" && rest !== baseUnit) {
    return { kind: "error", message: `无法识别的数字：${raw.trim()}（单位应为${indicator.unit}）` };
  }
  const written = Number(digits);
  if (multiplier === undefined && rest === "") return checked(written, indicator);
  // written in a stated unit: convert to the indicator's, exactly enough for any declared decimals
  return checked(roundTo((written * (multiplier ? (MULTIPLIERS[multiplier] ?? 1) : 1)) / unitScale, 10), indicator);
}

function checked(value: number, indicator: CellIndicator): CellReading {
  if (value < 0) return { kind: "error", message: "不能为负数" };
  if (indicator.kind === "rank") {
    return Number.isInteger(value) && value >= 1 ? { kind: "value", value, rounded: false } : { kind: "error", message: "名次应为不小于 1 的整数" };
  }
  const clean = roundTo(value, 9);
  const rounded = roundTo(clean, indicator.decimals);
  if (indicator.decimals === 0 && rounded !== clean) return { kind: "error", message: `应为整数（单位：${indicator.unit}）` };
  if (indicator.unit === "%" && rounded > 100) return { kind: "error", message: "百分比应在 0 到 100 之间" };
  return { kind: "value", value: rounded, rounded: rounded !== clean };
}

/** Which column holds the unit's name and which hold indicators (a figure, or a stated rank). */
export type BulletinMapping = {
  /** 0-based: the column, or the columns side by side (市（州） + 县（市、区）), a unit's name is read from. */
  nameColumns: readonly number[];
  /**
   * 0-based column → catalog key: a figure (popsci_volume) or the rank the bulletin states
   * (popsci_volume_rank); `unit` the unit its heading states ("数值（人次）"), to read its plain numbers in.
   */
  columns: readonly { column: number; key: string; unit?: string | null }[];
};

function cellName(cell: RawCell): string {
  return cell == null ? "" : String(cell).replace(/\s+/g, " ").trim();
}

/**
 * A row's unit name from its name columns: the parts joined ("攀枝花市" + "西区"), a part the next one
 * already starts with left out ("攀枝花市" + "攀枝花市西区"), a blank part skipped.
 */
export function unitNameOf(cells: readonly RawCell[], columns: readonly number[]): string {
  let name = "";
  for (const part of columns.map((column) => cellName(cells[column]))) {
    if (part === "") continue;
    name = name !== "" && part.replace(/\s/g, "").startsWith(name.replace(/\s/g, "")) ? part : `${name}${part}`;
  }
  return name;
}

const SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8 };

function scaled(unit: string): { base: string; scale: number } {
  const scale = SCALES[unit.charAt(0)];
  return scale && unit.length > 1 ? { base: unit.slice(1), scale } : { base: unit, scale: 1 };
}

/**
 * The unit a column states, when its plain numbers must be converted to the indicator's: the same
 * unit but for 万 or 亿 ("人次" for 万人次, "亿元" for 万元). Another word for the same thing
 * ("个" for 家) or the indicator's own unit needs no conversion: null.
 */
export function conversionUnit(stated: string | null | undefined, indicatorUnit: string): string | null {
  if (!stated) return null;
  const column = scaled(stated.normalize("NFKC").trim());
  const own = scaled(indicatorUnit);
  return column.base === own.base && column.scale !== own.scale ? `${stated.normalize("NFKC").trim()}` : null;
}

export type BulletinLine = {
  /** The sheet's row number, as a user would look it up. */
  row: number;
  name: string;
  /** Mapped figures that are not blank, by catalog key. */
  figures: Map<string, number>;
};

export type CellNote = { row: number; column: number; name: string; key: string; raw: string; message: string };

export type BulletinReading =
  | { ok: false; problems: string[] }
  | {
      ok: true;
      lines: BulletinLine[];
      /** Cells that could not be read: the import must not go on until they are fixed or unmapped. */
      errors: CellNote[];
      /** Cells rounded to the indicator's decimals. */
      rounded: CellNote[];
      /** Rows left out: no name, a total or average row, a note. */
      skipped: { row: number; name: string; reason: string }[];
    };

const TOTAL_ROW = /^(合计|总计|小计|全省|全市|全州|平均|均值)/;
const NOTE_ROW = /^(注|备注|说明|数据来源|制表)/;

/** A row's name that is no unit: a total or average row, or a note under the table. */
export function isNonUnitName(name: string): boolean {
  return TOTAL_ROW.test(name) || NOTE_ROW.test(name);
}

/**
 * Read the data rows of a bulletin (the header rows already left out by the caller) through a
 * mapping. `firstRow` is the sheet row number of the first of them, for messages (第12行 D列).
 */
export function readBulletinRows(
  rows: readonly (readonly RawCell[])[],
  mapping: BulletinMapping,
  indicators: readonly CellIndicator[],
  firstRow = 1,
): BulletinReading {
  const problems = mappingProblems(mapping, indicators);
  if (problems.length > 0) return { ok: false, problems };
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const lines: BulletinLine[] = [];
  const errors: CellNote[] = [];
  const rounded: CellNote[] = [];
  const skipped: { row: number; name: string; reason: string }[] = [];

  rows.forEach((cells, index) => {
    const row = firstRow + index;
    const name = unitNameOf(cells, mapping.nameColumns);
    if (name === "") {
      if (mapping.columns.some(({ column }) => readFigureCellText(cells[column]) !== "")) {
        skipped.push({ row, name, reason: "单位名称为空" });
      }
      return;
    }
    const reason = TOTAL_ROW.test(name) ? "合计或平均行" : NOTE_ROW.test(name) ? "注释行" : null;
    if (reason) {
      skipped.push({ row, name, reason });
      return;
    }
    const figures = new Map<string, number>();
    for (const { column, key, unit } of mapping.columns) {
      const indicator = byKey.get(key);
      if (!indicator) continue;
      const reading = readFigureCell(inColumnUnit(cells[column], conversionUnit(unit, indicator.unit)), indicator);
      const note = { row, column, name, key, raw: readFigureCellText(cells[column]) };
      if (reading.kind === "error") errors.push({ ...note, message: reading.message });
      if (reading.kind !== "value") continue;
      if (reading.rounded) rounded.push({ ...note, message: `已按${indicator.decimals}位小数四舍五入为 ${reading.value}` });
      figures.set(key, reading.value);
    }
    lines.push({ row, name, figures });
  });
  return { ok: true, lines, errors, rounded, skipped };
}

/** A plain number under a heading that states its unit, written with that unit for readFigureCell to convert: 8784400 → "8784400人次". */
function inColumnUnit(raw: RawCell, unit: string | null): RawCell {
  if (unit === null || raw == null) return raw;
  if (typeof raw === "number") return Number.isFinite(raw) ? `${raw}${unit}` : raw;
  return /^[\s\d.,，０-９．]+$/.test(raw) && /\d|[０-９]/.test(raw) ? `${raw.trim()}${unit}` : raw;
}

/** The mapping's own mistakes, in Chinese: unknown keys, a key or column used twice, the name column mapped. */
export function mappingProblems(mapping: BulletinMapping, indicators: readonly Pick<IndicatorDefinition, "key">[]): string[] {
  const problems: string[] = [];
  const known = new Set(indicators.map((indicator) => indicator.key));
  const keys = new Set<string>();
  const columns = new Set<number>(mapping.nameColumns);
  if (mapping.nameColumns.length === 0 || mapping.nameColumns.some((column) => !Number.isInteger(column) || column < 0)) problems.push("请指定单位名称所在的列");
  if (mapping.columns.length === 0) problems.push("请至少为一列指定指标");
  for (const { column, key } of mapping.columns) {
    const letter = columnLetter(column);
    if (!Number.isInteger(column) || column < 0) problems.push(`列号无效：${column}`);
    else if (mapping.nameColumns.includes(column)) problems.push(`${letter}列是单位名称列，不能再对应指标`);
    else if (columns.has(column)) problems.push(`${letter}列对应了两个指标`);
    if (!known.has(key)) problems.push(`${letter}列对应的指标不存在：${key}`);
    else if (keys.has(key)) problems.push(`指标 ${key} 对应了两列`);
    columns.add(column);
    keys.add(key);
  }
  return problems;
}

/** 0 → A, 25 → Z, 26 → AA: a column as a spreadsheet names it. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function readFigureCellText(raw: RawCell): string {
  return raw == null ? "" : String(raw).trim();
}

/**
 * A cell's text with full-width forms made ASCII, whitespace gone, and its leading number read by the
 * app's one number reader (thousands separators only in groups of three), its suffix kept: "8,784,400 人次" → "8784400人次".
 */
function cleanText(raw: string): { text: string } | { error: string } {
  const ascii = raw.normalize("NFKC").replace(/\s/g, "");
  const match = /^([+-]?[\d.,]*\d)(.*)$/s.exec(ascii);
  if (!match?.[1]) return { text: ascii };
  const read = readNumberText(match[1]);
  return read.ok ? { text: `${read.text}${match[2] ?? ""}` } : { error: read.error };
}
