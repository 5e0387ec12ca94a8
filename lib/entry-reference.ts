/**
 * What the monthly form shows beside each field to compare with: last month's figure, or — when
 * last month has none — the last figure known before it, with its date ("2023年末：14312人"), so
 * that January is not "未填报" everywhere while last December or the 2023 year-end is known. A
 * flow's whole-year total is context, never last month's figure ("2023年全年合计：3918户").
 */
import type { IndicatorDefinition } from "./catalog";
import { formatExact, formatFigure } from "./format";
import { isMonth, monthParts, previousMonth, yearOf, type Month } from "./periods";

type Referenced = Pick<IndicatorDefinition, "kind" | "unit" | "decimals">;

/** A stored figure: its period (a month, or a year for a whole-year total), value and N for a rank. */
export type KnownFigure = { period: string; value: number; rankedUnits: number | null };

/** The date of a month's figure: a level at its end ("2023年末", "2026年6月末"), a flow its month ("2025年11月"). */
export function knownPeriodLabel(period: Month, indicator: Pick<IndicatorDefinition, "kind">): string {
  const { year, month } = monthParts(period);
  if (indicator.kind === "flow") return `${year}年${month}月`;
  return month === 12 ? `${year}年末` : `${year}年${month}月末`;
}

/**
 * The reference of `month`'s field: `lastMonthly` is the indicator's latest monthly figure before
 * `month`, `lastYearTotal` its latest whole-year total of an earlier year (flows only have one).
 */
export function referenceText(indicator: Referenced, month: Month, lastMonthly: KnownFigure | undefined, lastYearTotal: KnownFigure | undefined): string {
  const known = lastMonthly && isMonth(lastMonthly.period) && lastMonthly.period < month ? { figure: lastMonthly, period: lastMonthly.period } : null;
  const shown = (figure: KnownFigure) => formatFigure(figure.value, indicator, figure.rankedUnits);
  if (known?.period === previousMonth(month)) return `上月：${shown(known.figure)}`;
  const total = indicator.kind === "flow" && lastYearTotal && yearOf(lastYearTotal.period) < monthParts(month).year ? lastYearTotal : undefined;
  // the more recent of the two: a total counts as later only when its year is after the month's
  if (total && (!known || yearOf(total.period) > yearOf(known.period))) return `${yearOf(total.period)}年全年合计：${formatExact(total.value, indicator)}`;
  if (known) return `${knownPeriodLabel(known.period, indicator)}：${shown(known.figure)}`;
  return "上月：未填报";
}
