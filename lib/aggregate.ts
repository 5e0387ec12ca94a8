/**
 * A figure over a period, by the indicator's kind: a flow is the sum of its months,
 * a stock, rate or rank is its value at the end of the period. Ranks are never summed or averaged.
 */
import type { IndicatorKind } from "./catalog";
import { roundTo } from "./numbers";
import { monthParts, type Month } from "./periods";

/** Stored values of one indicator by period: months ("2024-03") and whole years ("2023"). */
export type Series = ReadonlyMap<string, number>;

export type PeriodSummary = {
  value: number | null;
  /** The stored period the value comes from: the last month reported, or the year of a whole-year figure. */
  asOf: string | null;
  reportedMonths: number;
  expectedMonths: number;
  /** True when the value is a whole-year figure, not built from months. */
  fromAnnual: boolean;
  /** Every month of the period reported, or a whole-year figure stands for them. */
  complete: boolean;
};

const NO_DATA = { value: null, asOf: null, fromAnnual: false, complete: false } as const;

export function summarize(
  kind: IndicatorKind,
  series: Series,
  months: readonly Month[],
  decimals: number,
): PeriodSummary {
  const reported = months.filter((month) => series.has(month));
  const counts = { reportedMonths: reported.length, expectedMonths: months.length };
  const annual = wholeYearFigure(series, months);

  if (kind === "flow") {
    if (annual !== null) return { ...counts, ...annual };
    if (reported.length === 0) return { ...counts, ...NO_DATA };
    const sum = reported.reduce((total, month) => total + (series.get(month) ?? 0), 0);
    return {
      ...counts,
      value: roundTo(sum, decimals),
      asOf: reported.at(-1) ?? null,
      fromAnnual: false,
      complete: reported.length === months.length,
    };
  }

  const last = reported.at(-1);
  if (last === undefined) return { ...counts, ...(annual ?? NO_DATA) };
  return {
    ...counts,
    value: series.get(last) ?? null,
    asOf: last,
    fromAnnual: false,
    complete: last === months.at(-1),
  };
}

/** A whole-year figure applies only when the period asked for is exactly that calendar year. */
function wholeYearFigure(series: Series, months: readonly Month[]) {
  const first = months[0];
  const last = months.at(-1);
  if (months.length !== 12 || !first || !last) return null;
  const { year, month } = monthParts(first);
  if (month !== 1 || monthParts(last).year !== year) return null;
  const value = series.get(String(year));
  if (value === undefined) return null;
  return { value, asOf: String(year), fromAnnual: true, complete: true };
}

/** The change from an earlier figure to a later one, or null when either is missing: never a made-up zero. */
export function change(current: number | null, earlier: number | null, decimals: number): number | null {
  if (current === null || earlier === null) return null;
  return roundTo(current - earlier, decimals);
}
