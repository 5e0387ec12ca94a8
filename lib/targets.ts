/**
 * Targets: what each is, which one is in force for a year, and how the figures measure up against
 * it as they stand at a month. A target applies from its first year onward until it is replaced (by
 * one set from a later year) or retired; every period is judged by the target in force for that
 * period's year. The words a page shows for a judgement are built once, in `./judgement`.
 *
 * A target's period is its own, whatever page asks: every rule here is a year's requirement (月均不少于
 * is "on average over the year", 全年合计 the year's total, 年末 the year-end level, a rank the
 * standing at the year's end), so a target is always judged on its year up to the month asked about
 * (`judgedMonths`). A quarter's or a month's own figures are facts to show beside it, never its judgement.
 *
 * Rounding: the judged figure, the attainment, the gaps and the catch-up are computed from the
 * figures as stored, unrounded; a page rounds each once, to show it. The status is decided from the
 * attainment as shown (to 0.1 %): what reads "达成 100.0%" is green, what reads "99.9%" is not.
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
  /** The first year it applies to. */
  fromYear: number;
  /** The last year it applies to; null while it stands ("自2024年起"). */
  untilYear: number | null;
  source: string;
};

/** A stored target as the rules see it: withdrawn ones (replaced within their own first year) never apply. */
export type TimedTarget = TargetSpec & { id: number; key: string; withdrawn: boolean };

/**
 * green/amber/red: judged against the target; pending: what is reported would meet it, but a month
 * that counts has no figure yet, so it cannot be called met; none: nothing reported to judge.
 */
export type Status = "green" | "amber" | "red" | "pending" | "none";

export const STATUS_LABELS: Record<Status, string> = {
  green: "达标",
  amber: "接近目标",
  red: "未达标",
  pending: "数据不全",
  none: "未填报",
};

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

export function coversYear(target: Pick<TimedTarget, "fromYear" | "untilYear" | "withdrawn">, year: number): boolean {
  return !target.withdrawn && target.fromYear <= year && (target.untilYear === null || target.untilYear >= year);
}

/**
 * The targets in force in `year`: for each indicator and rule, of the targets covering the year,
 * the one set from the latest year (a later target replaces an earlier one from its own year on).
 */
export function targetsInForce<T extends TimedTarget>(all: readonly T[], year: number): T[] {
  const winners = new Map<string, T>();
  for (const target of all) {
    if (!coversYear(target, year)) continue;
    const slot = `${target.key}|${target.rule}`;
    const current = winners.get(slot);
    if (!current || target.fromYear > current.fromYear || (target.fromYear === current.fromYear && target.id > current.id)) {
      winners.set(slot, target);
    }
  }
  return all.filter((target) => winners.get(`${target.key}|${target.rule}`) === target);
}

/** The in-force targets of `year`, by indicator key, in the order given. */
export function targetsByKeyInForce<T extends TimedTarget>(all: readonly T[], year: number): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const target of targetsInForce(all, year)) byKey.set(target.key, [...(byKey.get(target.key) ?? []), target]);
  return byKey;
}

/**
 * The first year from which another target of the same indicator and rule replaces this one,
 * or null while nothing does.
 */
export function replacedFrom<T extends TimedTarget>(target: T, all: readonly T[]): number | null {
  const later = all.filter(
    (other) => other !== target && !other.withdrawn && other.key === target.key && other.rule === target.rule && other.fromYear > target.fromYear,
  );
  const years = later.map((other) => other.fromYear).filter((year) => coversYear(target, year));
  return years.length === 0 ? null : Math.min(...years);
}

export type CatchUp = {
  /** Months still to be counted this year: months to come and months not yet reported. */
  remainingMonths: number;
  /** Of those, months already past that have no figure. */
  unreportedMonths: number;
  /** What each of them must bring (for a level: the growth per month) for the year's target to be met; 0 when it is already met. */
  perMonth: number;
};

/**
 * The months a judgement counts. `counted`: every month of the period up to the last month that has
 * ended, and the month now running once it has a figure; a future month never counts. `missing`:
 * counted months without a figure.
 */
export type JudgementWindow = { months: readonly Month[]; counted: Month[]; missing: Month[]; today: Month };

export function judgementWindow(months: readonly Month[], series: Series, today: Month): JudgementWindow {
  const counted = months.filter((month) => month < today || (month === today && series.has(month)));
  return { months, counted, missing: counted.filter((month) => !series.has(month)), today };
}

/**
 * The months a target is judged on, as the figures stand at `asOf`: its year from January to `asOf`
 * (every rule is a year's requirement; see the top of this file).
 */
export function judgedMonths(asOf: Month): Month[] {
  return yearToDate(asOf);
}

export type TargetEvaluation = {
  window: JudgementWindow;
  /** The judged figure, unrounded (an average is sum ÷ months as it comes). */
  actual: number | null;
  /** The month of the judged figure, for a level or a rank (the last one reported). */
  actualMonth: Month | null;
  expected: number;
  /** actual ÷ expected (for an "at most" target, expected ÷ actual), unrounded; null without data. */
  attainment: number | null;
  /** The attainment as shown, to 0.1 % (0.996 for 99.6 %): the status is decided on this. */
  shownAttainment: number | null;
  status: Status;
  monthsReported: number;
  /** Reported months whose own figure meets the target value. */
  monthsMeeting: number;
  /** Consecutive counted months meeting the target value, back from the last one counted (a missing month ends it). */
  streak: number;
  /** The reported months whose own figure misses the target value (a monthly minimum). */
  monthsMissing: Month[];
  catchUp: CatchUp | null;
};

type Indicator = { kind: IndicatorKind; decimals: number };

/**
 * Judge `target` on its year up to `asOf`, as the figures stand on `today` (the month now running:
 * later months never count, the running one only once it has a figure). A month with no figure is
 * never counted as met: while one is missing a judgement cannot be green. The catch-up is for the
 * whole year, from January to the last month counted.
 */
export function evaluateTarget(
  target: TargetSpec,
  indicator: Indicator,
  series: Series,
  asOf: Month,
  today: Month,
  bands: StatusBands = DEFAULT_BANDS,
): TargetEvaluation {
  const window = judgementWindow(judgedMonths(asOf), series, today);
  const reported = window.counted.filter((month) => series.has(month));
  const valueOf = (month: Month) => series.get(month) ?? 0;
  const meets = (value: number) => compare(value, target.value, target.comparator);
  const monthsMissing = reported.filter((month) => !meets(valueOf(month)));
  const base = {
    window,
    monthsReported: reported.length,
    monthsMeeting: reported.length - monthsMissing.length,
    monthsMissing,
    streak: streakEndingAt(series, window.counted, meets),
    catchUp: catchUp(target, indicator, series, window),
  };
  const judged = judgedFigures(target, window, reported, series);
  if (judged.actual === null) {
    return { ...base, actual: null, actualMonth: null, expected: judged.expected, attainment: null, shownAttainment: null, status: "none" };
  }
  const attainment = ratio(judged.actual, judged.expected, target.comparator);
  const shownAttainment = roundTo(attainment, 3);
  let status = statusOf(shownAttainment, bands);
  // a monthly minimum is missed by any one month; levels and ranks look only at the latest figure
  if (target.rule === "monthly_min" && monthsMissing.length > 0 && status === "green") status = "amber";
  const stale = judged.actualMonth !== null && judged.actualMonth !== window.counted.at(-1);
  const incomplete = judged.actualMonth !== null ? stale : window.missing.length > 0;
  if (status === "green" && incomplete) status = "pending";
  return { ...base, actual: judged.actual, actualMonth: judged.actualMonth, expected: judged.expected, attainment, shownAttainment, status };
}

function judgedFigures(
  target: TargetSpec,
  window: JudgementWindow,
  reported: readonly Month[],
  series: Series,
): { actual: number | null; actualMonth: Month | null; expected: number } {
  const values = reported.map((month) => series.get(month) ?? 0);
  const expected = target.rule === "annual_total" ? (target.value * reported.length) / 12 : target.value;
  if (values.length === 0) {
    return { actual: null, actualMonth: null, expected: target.rule === "annual_total" ? (target.value * window.counted.length) / 12 : target.value };
  }
  switch (target.rule) {
    case "monthly_min":
      return { actual: target.comparator === "at_least" ? Math.min(...values) : Math.max(...values), actualMonth: null, expected };
    case "monthly_avg":
      return { actual: sum(values) / values.length, actualMonth: null, expected };
    case "annual_total":
      // missing months are not counted as zero: the pace is for the months reported
      return { actual: sum(values), actualMonth: null, expected };
    case "year_end_level":
    case "rank_at_most": {
      const month = reported.at(-1) ?? null;
      return { actual: month === null ? null : (series.get(month) ?? null), actualMonth: month, expected };
    }
  }
}

function compare(value: number, threshold: number, comparator: TargetSpec["comparator"]): boolean {
  return comparator === "at_least" ? value >= threshold : value <= threshold;
}

function ratio(actual: number, expected: number, comparator: TargetSpec["comparator"]): number {
  if (comparator === "at_least") return expected === 0 ? 1 : actual / expected;
  return actual === 0 ? 1 : expected / actual;
}

/** The status of an attainment, judged as it is shown, to 0.1 % (so "达成 100.0%" is always green, "99.9%" never). */
export function statusOf(attainment: number | null, bands: StatusBands = DEFAULT_BANDS): Status {
  if (attainment === null) return "none";
  const shown = roundTo(attainment, 3);
  if (shown >= roundTo(bands.green, 3)) return "green";
  if (shown >= roundTo(bands.amber, 3)) return "amber";
  return "red";
}

function streakEndingAt(series: Series, counted: readonly Month[], meets: (value: number) => boolean): number {
  let streak = 0;
  for (const month of [...counted].reverse()) {
    const value = series.get(month);
    if (value === undefined || !meets(value)) break;
    streak += 1;
  }
  return streak;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * What each month still to be counted this year must bring: for an annual total or a monthly
 * average, the rest of 12·X (or X) spread over the months not yet reported (to come, or past and
 * missing); for a year-end level, the growth per month still needed until December. Counts round
 * up (a fraction of an order cannot be brought). None for monthly minimums, ranks and "at most"
 * targets, and none once every month of the year is counted.
 */
function catchUp(target: TargetSpec, indicator: Indicator, series: Series, window: JudgementWindow): CatchUp | null {
  const last = window.counted.at(-1);
  if (target.comparator !== "at_least" || !last) return null;
  const { month } = monthParts(last);
  const yearSoFar = yearToDate(last);
  const reported = yearSoFar.filter((m) => series.has(m));
  const unreportedMonths = yearSoFar.length - reported.length;

  if (target.rule === "annual_total" || target.rule === "monthly_avg") {
    const remainingMonths = 12 - reported.length;
    if (remainingMonths <= 0) return null;
    const required = target.rule === "annual_total" ? target.value : target.value * 12;
    const shortfall = required - sum(reported.map((m) => series.get(m) ?? 0));
    return { remainingMonths, unreportedMonths, perMonth: perMonth(shortfall, remainingMonths, indicator.decimals) };
  }
  if (target.rule === "year_end_level" && indicator.kind !== "rank") {
    const latest = [...reported].reverse()[0];
    const monthsLeft = 12 - month;
    if (latest === undefined || monthsLeft === 0) return null;
    const shortfall = target.value - (series.get(latest) ?? 0);
    return { remainingMonths: monthsLeft, unreportedMonths: 0, perMonth: perMonth(shortfall, monthsLeft, indicator.decimals) };
  }
  return null;
}

function perMonth(shortfall: number, months: number, decimals: number): number {
  if (shortfall <= 0) return 0;
  const step = 10 ** -decimals;
  return roundTo(Math.ceil(roundTo(shortfall / months / step, 9)) * step, decimals);
}
