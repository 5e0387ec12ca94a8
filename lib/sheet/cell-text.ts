/**
 * A cell turned into the text the entry form would have received, so that the one entry schema
 * (lib/entry-schema.ts) judges it exactly as it judges a typed figure. Only what a sheet adds is
 * handled here: numbers stored as numbers or under a % format, 万/亿 and unit suffixes (converted to
 * the indicator's own unit by moving the decimal point in the text, never through floating point),
 * thousands separators that must come in groups of three, and text that could run as a formula.
 */
import { readNumberText } from "@/lib/number-text";
import { halfWidth, type Cell } from "./grid";

export type CellText = { text: string } | { error: string } | null;

/** What a cell's figure is measured in. */
export type Measure = { unit: string; kind: string };

const MAGNITUDE: Record<string, number> = { 万: 4, 亿: 8 };

/** "万元" → { exponent: 4, base: "元" }; "人" → { exponent: 0, base: "人" }. */
export function splitMagnitude(unit: string): { exponent: number; base: string } {
  const first = unit.charAt(0);
  const exponent = MAGNITUDE[first];
  return exponent !== undefined ? { exponent, base: unit.slice(1) } : { exponent: 0, base: unit };
}

/** Move the decimal point of a plain decimal ("1.39", 4 → "13900"; "8784400", -4 → "878.44"). */
export function shiftDecimal(text: string, places: number): string {
  const [whole = "", fraction = ""] = text.split(".");
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const decimals = digits.slice(point).replace(/0+$/, "");
  return decimals ? `${integer}.${decimals}` : integer;
}

/**
 * A number as Excel means it: the double nearest what was typed or computed, read to Excel's 15
 * significant digits (a formula's 0.30000000000000004 is 0.3), written out without an exponent.
 */
export function numberText(value: number): string {
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toFixed(20).replace(/\.?0+$/, "");
}

const DASHES = /^[-—–－/／]+$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]?[\d.,\s]+%?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export function cellToEntryText(cell: Cell, measure: Measure, unitHint: string | null): CellText {
  switch (cell.kind) {
    case "blank":
      return null;
    case "date":
      return { error: "应填数字，这个单元格是日期（请把单元格格式改为“常规”或“数值”）" };
    case "bool":
      return { error: "应填数字，不是 TRUE/FALSE" };
    case "error":
      return { error: `公式计算出错（${cell.text}），没有可导入的数值` };
    case "formula":
      return { error: "公式没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入" };
    case "number":
      return numberCell(cell.value, cell.percent, measure, unitHint);
    case "text":
      return textCell(cell.text, measure, unitHint);
  }
}

function isPercentUnit(unit: string): boolean {
  return unit === "%";
}

function numberCell(value: number, percent: boolean, measure: Measure, unitHint: string | null): CellText {
  const text = numberText(value);
  if (percent) {
    if (!isPercentUnit(measure.unit)) return { error: `单元格是百分比格式，而该指标单位是“${measure.unit}”` };
    return { text: value < 0 ? text : shiftDecimal(text, 2) };
  }
  return scaled(text, null, measure, unitHint);
}

function textCell(raw: string, measure: Measure, unitHint: string | null): CellText {
  const text = halfWidth(raw).trim();
  if (text === "" || DASHES.test(text)) return null;
  if (FORMULA_START.test(text) && !SIGNED_NUMBER.test(text)) {
    return { error: `以“${text.charAt(0)}”开头，可能是公式，已拒绝（请只填数字）` };
  }
  const match = /^([+-]?[\d.,\s]*\d[\d.,\s]*)([^\d]*)$/.exec(measure.kind === "rank" ? text.replace(/^第/, "") : text);
  if (!match?.[1]) return { text: raw };
  const number = match[1].trim();
  const suffix = (match[2] ?? "").trim();
  if (number.includes(",") && !GROUPED.test(number.replace(/\s/g, ""))) {
    return { error: "千分位逗号的位置不对（应每三位一组，如 14,312）" };
  }
  if (suffix === "") return scaled(number, null, measure, unitHint);
  if (suffix === "%" || suffix === "％") {
    if (!isPercentUnit(measure.unit)) return { error: `该指标单位是“${measure.unit}”，不能填百分比` };
    const read = readNumberText(number);
    return read.ok ? { text: read.text } : { error: read.error };
  }
  const { exponent, base } = splitMagnitude(suffix);
  const own = splitMagnitude(measure.unit);
  if (base !== "" && base !== own.base && base !== measure.unit) {
    return { error: `单位“${suffix}”与指标单位“${measure.unit}”不符` };
  }
  return scaled(number, exponent, measure, unitHint);
}

/**
 * Convert to the indicator's unit: `cellExponent` is the 万/亿 the cell itself carries (null when it
 * carries no unit); otherwise the unit named in the sheet's 单位 column or header applies.
 */
function scaled(number: string, cellExponent: number | null, measure: Measure, unitHint: string | null): CellText {
  const own = splitMagnitude(measure.unit);
  const hint = unitHint ? splitMagnitude(halfWidth(unitHint).trim()) : null;
  const given = cellExponent ?? (hint && hint.base === own.base ? hint.exponent : own.exponent);
  const places = given - own.exponent;
  const read = readNumberText(number);
  if (!read.ok) return { error: read.error };
  const normalized = read.text;
  if (places === 0) return { text: normalized };
  if (isPercentUnit(measure.unit) || measure.kind === "rank") return { error: "该指标不能使用“万”“亿”" };
  if (!/^\d+(\.\d+)?$/.test(normalized)) return { text: normalized };
  return { text: shiftDecimal(normalized, places) };
}
