/**
 * Target rules and their evaluation. A target belongs to one indicator and one year; it is judged
 * over a window of months (one month, a quarter, or January to date) of that year.
 */
import type { IndicatorKind } from "./catalog";
import { roundTo } from "./numbers";
import { monthParts, yearToDate, type Month } from "./periods";
import type { Comparator, TargetRule } from "./records";
import type { Series } from "./aggregate";

export type TargetSpec = {
  rule: TargetRule;
  comparator: Comparator;
  value: number;
  year: number;
  source: string;
};

export type Status = "green" | "amber" | "red" | "none";

/** Attainment thresholds: at or above `green` is on track, at or above `amber` is close. */
export type StatusBands = { green: number; amber: number };
export const DEFAULT_BANDS: StatusBands = { green: 1, amber: 0.9 };

export const TARGET_RULE_LABELS: Record<TargetRule, string> = {
  monthly_min: "每月不少于",
  monthly_avg: "月均不少于",
  annual_total: "全年合计不少于",
  year_end_level: "年末达到",
  rank_at_most: "全省排名不低于第",
};

export type CatchUp = {
  /** Months still to be counted this year: months to come and months not yet reported. */
  remainingMonths: number;
  /** What each of them must bring for the year's target to be met; 0 when it is already met. */
  perMonth: number;
};

export type TargetEvaluation = {
  actual: number | null;
  expected: number;
  /** actual ÷ expected (for an "at most" target, expected ÷ actual); null without data. */
  attainment: number | null;
  status: Status;
  monthsElapsed: number;
  monthsReported: number;
  /** Months in the window whose own figure meets the target value (monthly rules). */
  monthsMeeting: number;
  /** Consecutive months meeting the target value, counting back from the window's last month. */
  streak: number;
  catchUp: CatchUp | null;
};

type Indicator = { kind: IndicatorKind; decimals: number };

/**
 * Judge `target` over `window`: consecutive months of the target's year (one month, a quarter,
 * or year to date). The catch-up is always for the whole year, from January to the window's end.
 */
export function evaluateTarget(
  target: TargetSpec,
  indicator: Indicator,
  series: Series,
  window: readonly Month[],
  bands: StatusBands = DEFAULT_BANDS,
): TargetEvaluation {
  const last = window.at(-1);
  if (!last) throw new Error("评估区间不能为空");
  const reported = window.filter((month) => series.has(month));
  const values = reported.map((month) => series.get(month) ?? 0);
  const meets = (value: number) => compare(value, target.value, target.comparator);

  const base = {
    monthsElapsed: window.length,
    monthsReported: reported.length,
    monthsMeeting: values.filter(meets).length,
    streak: streakEndingAt(series, window, meets),
  };
  const { actual, expected } = judgedFigures(target, indicator, window, values, series);
  const attainment = actual === null ? null : ratio(actual, expected, target.comparator);
  return {
    ...base,
    actual,
    expected,
    attainment,
    status: statusOf(attainment, bands),
    catchUp: catchUp(target, indicator, series, last),
  };
}

function judgedFigures(
  target: TargetSpec,
  indicator: Indicator,
  window: readonly Month[],
  values: number[],
  series: Series,
): { actual: number | null; expected: number } {
  if (values.length === 0) return { actual: null, expected: expectedFor(target, window.length) };
  switch (target.rule) {
    case "monthly_min":
      return {
        actual: target.comparator === "at_least" ? Math.min(...values) : Math.max(...values),
        expected: target.value,
      };
    case "monthly_avg":
      return { actual: roundTo(sum(values) / values.length, indicator.decimals + 2), expected: target.value };
    case "annual_total":
      return { actual: roundTo(sum(values), indicator.decimals), expected: expectedFor(target, window.length) };
    case "year_end_level":
    case "rank_at_most":
      return { actual: lastReported(series, window), expected: target.value };
  }
}

/** Step pacing: an annual total is expected to have reached X·m/12 after m months. */
function expectedFor(target: TargetSpec, months: number): number {
  return target.rule === "annual_total" ? (target.value * months) / 12 : target.value;
}

function compare(value: number, threshold: number, comparator: Comparator): boolean {
  return comparator === "at_least" ? value >= threshold : value <= threshold;
}

function ratio(actual: number, expected: number, comparator: Comparator): number {
  if (comparator === "at_least") return expected === 0 ? 1 : actual / expected;
  return actual === 0 ? 1 : expected / actual;
}

export function statusOf(attainment: number | null, bands: StatusBands = DEFAULT_BANDS): Status {
  if (attainment === null) return "none";
  // a hair of floating-point noise must not turn exactly-on-target amber
  const rounded = roundTo(attainment, 9);
  if (rounded >= bands.green) return "green";
  if (rounded >= bands.amber) return "amber";
  return "red";
}

function streakEndingAt(series: Series, window: readonly Month[], meets: (value: number) => boolean): number {
  let streak = 0;
  for (const month of [...window].reverse()) {
    const value = series.get(month);
    if (value === undefined || !meets(value)) break;
    streak += 1;
  }
  return streak;
}

function lastReported(series: Series, window: readonly Month[]): number | null {
  for (const month of [...window].reverse()) {
    const value = series.get(month);
    if (value !== undefined) return value;
  }
  return null;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * What each month still to be counted this year must bring: for an annual total or a monthly
 * average, the rest of 12·X (or X) spread over them; for a year-end level, the growth per month
 * still needed. Counts round up (a fraction of an order cannot be brought). None for monthly
 * minimums, ranks and "at most" targets, and none once every month of the year is counted.
 */
function catchUp(target: TargetSpec, indicator: Indicator, series: Series, asOf: Month): CatchUp | null {
  if (target.comparator !== "at_least") return null;
  const { month } = monthParts(asOf);
  const months = yearToDate(asOf);
  const reported = months.filter((m) => series.has(m));
  const remainingMonths = 12 - reported.length;
  if (remainingMonths <= 0) return null;

  if (target.rule === "annual_total" || target.rule === "monthly_avg") {
    const required = target.rule === "annual_total" ? target.value : target.value * 12;
    const shortfall = required - sum(reported.map((m) => series.get(m) ?? 0));
    return { remainingMonths, perMonth: perMonth(shortfall, remainingMonths, indicator.decimals) };
  }
  if (target.rule === "year_end_level" && indicator.kind !== "rank") {
    const level = lastReported(series, months) ?? 0;
    const monthsLeft = 12 - month;
    if (monthsLeft === 0) return null;
    const shortfall = target.value - level;
    return { remainingMonths: monthsLeft, perMonth: perMonth(shortfall, monthsLeft, indicator.decimals) };
  }
  return null;
}

function perMonth(shortfall: number, months: number, decimals: number): number {
  if (shortfall <= 0) return 0;
  const step = 10 ** -decimals;
  return roundTo(Math.ceil(roundTo(shortfall / months / step, 9)) * step, decimals);
}
