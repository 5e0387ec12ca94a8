/**
 * What the dashboard shows for a month, computed from stored figures: cards for the key
 * indicators (value, change on last month, year to date, target status) and chart series.
 */
import { change, summarize, type Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { formatChange, formatCompact, formatExact, formatFigure, formatNumber, formatPercent, formatRank } from "./format";
import { monthParts, monthRange, makeMonth, previousMonth, yearToDate, type Month } from "./periods";
import { compareMonth } from "./compare";
import { roundTo } from "./numbers";
import {
  DEFAULT_BANDS,
  evaluateTarget,
  TARGET_RULE_LABELS,
  type Status,
  type StatusBands,
  type TargetEvaluation,
  type TargetSpec,
} from "./targets";

/** The indicators leadership looks at first, in card order. */
export const KEY_INDICATORS = [
  "nanny_new",
  "users_total",
  "users_new",
  "supply_total",
  "deals_new",
  "deal_amount_total",
  "nanny_total",
  "studio_total",
  "popsci_volume",
  "popsci_per_capita",
  "popsci_coverage_rate",
  "popsci_posts_total",
] as const;

export type SeriesByKey = ReadonlyMap<string, Series>;

export type Trend = "better" | "worse" | "same";

export type TargetView = {
  label: string;
  source: string;
  evaluation: TargetEvaluation;
  status: Status;
  /** e.g. "本年月均 35.2单，达成 103.5%" */
  summary: string;
  /** e.g. "其余 9 个月每月需 ≥ 36单" */
  catchUpText: string | null;
};

export type Card = {
  key: string;
  name: string;
  unit: string;
  value: number | null;
  valueText: string;
  exactText: string | null;
  changeText: string | null;
  trend: Trend | null;
  /** 同比: on the same month last year. */
  yearOnYearText: string | null;
  yearOnYearTrend: Trend | null;
  yearToDateText: string | null;
  /** For an indicator the province ranks: "全省第3名（共183）". */
  rankText: string | null;
  rankTrend: Trend | null;
  rankChangeText: string | null;
  rankTarget: TargetView | null;
  targets: TargetView[];
  /** The first target's view, whose status colours the card. */
  target: TargetView | null;
  /** The month's own figure misses a monthly target value (e.g. fewer than 34 orders). */
  belowTargetThisMonth: boolean;
};

export function seriesOf(seriesByKey: SeriesByKey, key: string): Series {
  return seriesByKey.get(key) ?? new Map();
}

export function trendOf(delta: number | null, direction: IndicatorDefinition["direction"]): Trend | null {
  if (delta === null) return null;
  if (delta === 0) return "same";
  return (delta > 0) === (direction === "up") ? "better" : "worse";
}

export function targetLabel(target: TargetSpec, indicator: IndicatorDefinition): string {
  const value = formatExact(target.value, indicator);
  if (target.rule === "rank_at_most") return `全省排名不低于第${target.value}名`;
  if (target.comparator === "at_most") return `${TARGET_RULE_LABELS[target.rule].replace("不少于", "不多于")} ${value}`;
  if (target.rule === "year_end_level") return `年末不低于 ${value}`;
  return `${TARGET_RULE_LABELS[target.rule]} ${value}`;
}

export function viewTarget(
  target: TargetSpec,
  indicator: IndicatorDefinition,
  series: Series,
  month: Month,
  bands: StatusBands = DEFAULT_BANDS,
): TargetView {
  const window = target.rule === "monthly_min" ? [month] : yearToDate(month);
  const evaluation = evaluateTarget(target, indicator, series, window, bands);
  const attained = evaluation.attainment === null ? "" : `，达成 ${formatPercent(evaluation.attainment)}`;
  const actual = evaluation.actual;
  let summary: string;
  if (actual === null) summary = "暂无数据";
  else if (target.rule === "monthly_avg") summary = `本年月均 ${formatNumber(actual, 1)}${indicator.unit}${attained}`;
  else if (target.rule === "annual_total")
    summary = `本年累计 ${formatExact(actual, indicator)}，按进度应达 ${formatNumber(evaluation.expected, indicator.decimals)}${indicator.unit}${attained}`;
  else if (target.rule === "monthly_min")
    summary = `本月 ${formatExact(actual, indicator)}；本年 ${evaluation.monthsMeeting}/${evaluation.monthsReported} 个月达到${evaluation.streak > 1 ? `，已连续 ${evaluation.streak} 个月` : ""}`;
  else if (target.rule === "rank_at_most") {
    const gap = actual - target.value;
    summary = `当前${formatFigure(actual, indicator)}，${gap > 0 ? `距目标还差 ${gap} 名` : "已达到"}`;
  } else summary = `当前 ${formatFigure(actual, indicator)}${attained}`;

  const catchUp = evaluation.catchUp;
  const catchUpText = !catchUp
    ? null
    : catchUp.perMonth === 0
      ? "已达到全年要求"
      : `其余 ${catchUp.remainingMonths} 个月每月需 ≥ ${formatExact(catchUp.perMonth, indicator)}`;
  return {
    label: targetLabel(target, indicator),
    source: target.source,
    evaluation,
    status: evaluation.status,
    summary,
    catchUpText,
  };
}

/** The month's value target for a single month (e.g. 34 for "at least 34 a month on average"). */
export function monthlyThreshold(targets: readonly TargetSpec[]): number | null {
  const monthly = targets.find((t) => t.rule === "monthly_avg" || t.rule === "monthly_min");
  return monthly?.value ?? null;
}

export type RankInput = {
  indicator: IndicatorDefinition;
  series: Series;
  rankedUnits: number | null;
  targets: readonly TargetSpec[];
};

export type CardInput = {
  indicator: IndicatorDefinition;
  series: Series;
  month: Month;
  targets: readonly TargetSpec[];
  rank?: RankInput;
  bands?: StatusBands;
};

export function buildCard({ indicator, series, month, targets, rank, bands = DEFAULT_BANDS }: CardInput): Card {
  const value = series.get(month) ?? null;
  const delta = change(value, series.get(previousMonth(month)) ?? null, indicator.decimals);
  const { yearOnYear } = compareMonth(indicator, series, month);
  const views = targets.map((target) => viewTarget(target, indicator, series, month, bands));
  const threshold = monthlyThreshold(targets);
  const rankValue = rank?.series.get(month) ?? null;
  const rankDelta = rank ? change(rankValue, rank.series.get(previousMonth(month)) ?? null, 0) : null;
  const rankTarget = rank?.targets[0] ? viewTarget(rank.targets[0], rank.indicator, rank.series, month, bands) : null;
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    value,
    valueText: value === null ? "未填报" : formatCompact(value, indicator),
    exactText: value === null ? null : formatExact(value, indicator),
    changeText: delta === null ? null : formatChange(delta, indicator),
    trend: trendOf(delta, indicator.direction),
    yearOnYearText: yearOnYear.delta === null ? null : formatChange(yearOnYear.delta, indicator),
    yearOnYearTrend: trendOf(yearOnYear.delta, indicator.direction),
    yearToDateText: indicator.kind === "flow" ? yearToDateText(indicator, series, month) : null,
    rankText: rankValue === null ? null : `全省${formatRank(rankValue, rank?.rankedUnits)}`,
    rankTrend: trendOf(rankDelta, "down"),
    rankChangeText: rankDelta === null || !rank ? null : formatChange(rankDelta, rank.indicator),
    rankTarget,
    targets: views,
    target: views[0] ?? null,
    belowTargetThisMonth: threshold !== null && value !== null && value < threshold,
  };
}

/** A flow's January-to-date sum, or its whole-year figure where only that is stored (2023). */
function yearToDateText(indicator: IndicatorDefinition, series: Series, month: Month): string | null {
  const ytd = summarize("flow", series, yearToDate(month), indicator.decimals);
  if (ytd.value === null) return null;
  const total = formatCompact(ytd.value, indicator);
  if (ytd.fromAnnual) return `${monthParts(month).year}年全年 ${total}（年度数据）`;
  const gaps = ytd.complete ? "" : `（已报${ytd.reportedMonths}/${ytd.expectedMonths}个月）`;
  return `本年累计 ${total}${gaps}`;
}

export type MonthPoint = { month: Month; label: string; value: number | null };

/** One value per month of `months`, with gaps as null (a chart shows a gap, not a zero). */
export function monthlyPoints(series: Series, months: readonly Month[]): MonthPoint[] {
  return months.map((month) => ({ month, label: chartLabel(month, months), value: series.get(month) ?? null }));
}

/** "3月", or "2024年1月" where a chart starts or crosses into a new year. */
export function chartLabel(month: Month, months: readonly Month[]): string {
  const { year, month: m } = monthParts(month);
  return months[0] === month || m === 1 ? `${year}年${m}月` : `${m}月`;
}

/** The months a trend chart covers: the 24 months up to `month`, trimmed to where data begins. */
export function trendMonths(seriesList: readonly Series[], month: Month, span = 24): Month[] {
  const { year, month: m } = monthParts(month);
  const window = monthRange(makeMonth(year, m - span + 1), month);
  const firstWithData = window.findIndex((candidate) => seriesList.some((series) => series.has(candidate)));
  return firstWithData === -1 ? [] : window.slice(firstWithData);
}

export type PacePoint = { label: string; actual: number | null; expected: number };

/**
 * An annual total's progress: the January-to-date sum at each month so far, against the step pace
 * X·m/12 for every month of the year. A month not reported leaves a gap in the actual line.
 */
export function annualPace(series: Series, target: TargetSpec, month: Month, decimals: number): PacePoint[] {
  const { year } = monthParts(month);
  let running = 0;
  return monthRange(makeMonth(year, 1), makeMonth(year, 12)).map((m, index) => {
    const value = series.get(m);
    if (value !== undefined) running += value;
    const actual = m <= month && value !== undefined ? roundTo(running, decimals) : null;
    return { label: `${index + 1}月`, actual, expected: roundTo((target.value * (index + 1)) / 12, decimals + 1) };
  });
}

export type NannyBarPoint = { label: string; value: number | null; below: boolean; demo: boolean };

/** Orders per month ("3月"), each marked where it falls below the month's target value. */
export function monthBars(
  series: Series,
  months: readonly Month[],
  threshold: number | null,
  isDemo: (month: Month) => boolean = () => false,
): NannyBarPoint[] {
  return months.map((month) => {
    const value = series.get(month) ?? null;
    return {
      label: `${monthParts(month).month}月`,
      value,
      below: threshold !== null && value !== null && value < threshold,
      demo: isDemo(month),
    };
  });
}

export type RankChartRow = { label: string } & Record<string, number | string | null>;

/** One row per month, one column per rank indicator (a gap where a month has no rank). */
export function rankChartRows(
  rankKeys: readonly string[],
  seriesByKey: SeriesByKey,
  months: readonly Month[],
): RankChartRow[] {
  return months.map((month) => {
    const row: RankChartRow = { label: chartLabel(month, months) };
    for (const key of rankKeys) row[key] = seriesOf(seriesByKey, key).get(month) ?? null;
    return row;
  });
}
