/**
 * Periods are months ("2024-03"), quarters ("2024-Q1") and years ("2024").
 * Only months and whole-year figures are stored; quarters are always computed.
 */

export type Month = `${number}-${string}`;
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
const YEAR_PATTERN = /^\d{4}$/;

export const QUARTER_NAMES = ["一", "二", "三", "四"] as const;

/**
 * The years a period may name, wherever one is read (forms, URLs, imports): far wider than the
 * platform's history, narrow enough that month arithmetic around a period never leaves four digits.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

export function isMonth(text: string): text is Month {
  const match = MONTH_PATTERN.exec(text);
  return match !== null && isYearInRange(Number(match[1]));
}

export function isQuarter(text: string): text is Quarter {
  const match = QUARTER_PATTERN.exec(text);
  return match !== null && isYearInRange(Number(match[1]));
}

export function isYear(text: string): boolean {
  return YEAR_PATTERN.test(text) && isYearInRange(Number(text));
}

export function monthParts(month: Month): { year: number; month: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`不是有效的月份：${month}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function makeMonth(year: number, month: number): Month {
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

export function addMonths(month: Month, count: number): Month {
  const { year, month: m } = monthParts(month);
  return makeMonth(year, m + count);
}

export function previousMonth(month: Month): Month {
  return addMonths(month, -1);
}

export function sameMonthLastYear(month: Month): Month {
  return addMonths(month, -12);
}

export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/** Months from `first` to `last`, both included; empty when `last` is before `first`. */
export function monthRange(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

export function monthsOfYear(year: number): Month[] {
  return monthRange(makeMonth(year, 1), makeMonth(year, 12));
}

/** January up to and including `month`. */
export function yearToDate(month: Month): Month[] {
  return monthRange(makeMonth(monthParts(month).year, 1), month);
}

export function quarterOf(month: Month): Quarter {
  const { year, month: m } = monthParts(month);
  return `${year}-Q${quarterNumber(m)}`;
}

function quarterNumber(month: number): 1 | 2 | 3 | 4 {
  if (month <= 3) return 1;
  if (month <= 6) return 2;
  if (month <= 9) return 3;
  return 4;
}

export function quarterParts(quarter: Quarter): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) throw new Error(`不是有效的季度：${quarter}`);
  return { year: Number(match[1]), quarter: quarterNumber(Number(match[2]) * 3) };
}

export function monthsOfQuarter(quarter: Quarter): Month[] {
  const { year, quarter: q } = quarterParts(quarter);
  const first = makeMonth(year, (q - 1) * 3 + 1);
  return monthRange(first, addMonths(first, 2));
}

export function previousQuarter(quarter: Quarter): Quarter {
  const [first] = monthsOfQuarter(quarter);
  return quarterOf(addMonths(first!, -3));
}

export function nextQuarter(quarter: Quarter): Quarter {
  const months = monthsOfQuarter(quarter);
  return quarterOf(addMonths(months[2] ?? months[0] ?? "2000-01", 1));
}

export function sameQuarterLastYear(quarter: Quarter): Quarter {
  const { year, quarter: q } = quarterParts(quarter);
  return `${year - 1}-Q${q}`;
}

/** The calendar month a date falls in, read in China Standard Time (UTC+8, no daylight saving). */
export function monthOfDate(date: Date): Month {
  const chinaTime = new Date(date.getTime() + 8 * 60 * 60 * 1000);
  return makeMonth(chinaTime.getUTCFullYear(), chinaTime.getUTCMonth() + 1);
}

export function isFutureMonth(month: Month, today: Date): boolean {
  return month > monthOfDate(today);
}

export function formatMonth(month: Month): string {
  const { year, month: m } = monthParts(month);
  return `${year}年${m}月`;
}

export function formatQuarter(quarter: Quarter): string {
  const { year, quarter: q } = quarterParts(quarter);
  return `${year}年第${QUARTER_NAMES[q - 1]}季度`;
}

/** A stored period: a month, or a year for whole-year figures such as the 2023 baseline. */
export function formatPeriod(period: string): string {
  if (isMonth(period)) return formatMonth(period);
  if (isQuarter(period)) return formatQuarter(period);
  if (isYear(period)) return `${period}年全年`;
  return period;
}
