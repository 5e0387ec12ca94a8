/**
 * 环比 and 同比: a period against the one before it and against the same period a year earlier,
 * each by its kind's rule (flows: sums of the period's months; stocks, rates and ranks: period-end
 * values). Where either side is missing or incomplete there is no comparison, never a made-up zero.
 */
import { summarize, type PeriodSummary, type Series } from "./aggregate";
import type { IndicatorKind } from "./catalog";
import { roundTo } from "./numbers";
import {
  monthsOfQuarter,
  previousMonth,
  previousQuarter,
  sameMonthLastYear,
  sameQuarterLastYear,
  type Month,
  type Quarter,
} from "./periods";

export type Comparison = {
  current: PeriodSummary;
  earlier: PeriodSummary;
  /** current − earlier, or null when there is nothing to compare. */
  delta: number | null;
  /** delta ÷ earlier (never for ranks, whose change is counted in places), or null. */
  relative: number | null;
  /** Why there is no comparison, in Chinese. */
  reason: string | null;
};

type Indicator = { kind: IndicatorKind; decimals: number };

export function comparePeriods(
  indicator: Indicator,
  series: Series,
  currentMonths: readonly Month[],
  earlierMonths: readonly Month[],
): Comparison {
  const current = summarize(indicator.kind, series, currentMonths, indicator.decimals);
  const earlier = summarize(indicator.kind, series, earlierMonths, indicator.decimals);
  const none = (reason: string): Comparison => ({ current, earlier, delta: null, relative: null, reason });
  if (current.value === null) return none("本期无数据");
  if (earlier.value === null) return none("无可比数据");
  if (!current.complete) return none("本期数据不完整");
  if (!earlier.complete) return none("对比期数据不完整");
  const delta = roundTo(current.value - earlier.value, indicator.decimals);
  const relative = indicator.kind === "rank" || earlier.value === 0 ? null : delta / earlier.value;
  return { current, earlier, delta, relative, reason: null };
}

/** A month against the month before (环比) and the same month last year (同比). */
export function compareMonth(indicator: Indicator, series: Series, month: Month) {
  return {
    monthOnMonth: comparePeriods(indicator, series, [month], [previousMonth(month)]),
    yearOnYear: comparePeriods(indicator, series, [month], [sameMonthLastYear(month)]),
  };
}

/** A quarter against the quarter before (环比) and the same quarter last year (同比). */
export function compareQuarter(indicator: Indicator, series: Series, quarter: Quarter) {
  const months = monthsOfQuarter(quarter);
  return {
    quarterOnQuarter: comparePeriods(indicator, series, months, monthsOfQuarter(previousQuarter(quarter))),
    yearOnYear: comparePeriods(indicator, series, months, monthsOfQuarter(sameQuarterLastYear(quarter))),
  };
}
