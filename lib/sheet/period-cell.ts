/**
 * Reading a period from a header or a period column: "2026年3月", "2026-03", "2026/3", "202603",
 * "2026.3", an Excel date, a whole year "2026年" / "2026" / "2026年全年", and — when the year is known
 * from a merged cell above or a title row — a bare "3月" or "全年".
 */
import { makeMonth } from "@/lib/periods";
import { halfWidth, type Cell } from "./grid";

export type CellPeriod = { period: string; whole: "month" | "year" };

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function month(year: number, m: number): CellPeriod | null {
  if (year < MIN_YEAR || year > MAX_YEAR || !Number.isInteger(m) || m < 1 || m > 12) return null;
  return { period: makeMonth(year, m), whole: "month" };
}

function year(y: number): CellPeriod | null {
  return y >= MIN_YEAR && y <= MAX_YEAR ? { period: String(y), whole: "year" } : null;
}

const YEAR_WORDS = "(?:全年|全年合计|年度|年度合计|合计|全年累计)";

export function periodOfText(raw: string, contextYear: number | null): CellPeriod | null {
  const text = halfWidth(raw).replace(/[\s\u3000]+/g, "");
  let match = /^(\d{4})年(\d{1,2})月份?$/.exec(text) ?? /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (match) return month(Number(match[1]), Number(match[2]));
  match = new RegExp(`^(\\d{4})年?${YEAR_WORDS}?$`).exec(text);
  if (match) return year(Number(match[1]));
  if (contextYear === null) return null;
  match = /^(\d{1,2})月份?$/.exec(text);
  if (match) return month(contextYear, Number(match[1]));
  if (new RegExp(`^${YEAR_WORDS}$`).test(text)) return year(contextYear);
  return null;
}

/**
 * A number typed as a period: 2026 (a year), 202603, or 2026.3 — which Excel keeps as a number, so
 * October arrives as 2026.1; `afterSeptember` says the header before it was September.
 */
export function periodOfNumber(value: number, afterSeptember = false): CellPeriod | null {
  if (Number.isInteger(value)) {
    if (value >= 190001 && value <= 210012) return month(Math.floor(value / 100), value % 100);
    return year(value);
  }
  const whole = Math.floor(value);
  const fraction = Math.round((value - whole) * 100);
  const m = fraction % 10 === 0 ? fraction / 10 : fraction;
  return month(whole, m === 1 && afterSeptember ? 10 : m);
}

export function periodOfCell(cell: Cell, contextYear: number | null, afterSeptember = false): CellPeriod | null {
  if (cell.kind === "text") return periodOfText(cell.text, contextYear);
  if (cell.kind === "number" && !cell.percent) return periodOfNumber(cell.value, afterSeptember);
  if (cell.kind === "date") return month(cell.date.getUTCFullYear(), cell.date.getUTCMonth() + 1);
  return null;
}

/** A year mentioned in a title or sheet name: "西区科协2026年指标数据" → 2026. */
export function yearMentioned(text: string): number | null {
  const match = /(19|20)\d{2}(?=\s*年|$|\D)/.exec(halfWidth(text));
  const found = match ? Number(match[0]) : null;
  return found !== null && found >= MIN_YEAR && found <= MAX_YEAR ? found : null;
}
