/**
 * What the dashboard shows for a month, computed from stored figures: which month the leader's pages
 * open on, what is still unreported, cards for the key indicators (value, change on last month, year
 * to date, the judgement against each target) and chart series. Judgements come from `./judgement`.
 */
import { change, summarize, type Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { formatChange, formatCompact, formatExact, formatRank } from "./format";
import { judge, monthFallsShort, monthsText, type Judgement } from "./judgement";
import type { MonthStanding } from "./month-status";
import { formatMonth, isMonth, monthParts, monthRange, makeMonth, monthsOfYear, previousMonth, yearToDate, type Month } from "./periods";
import { compareMonth } from "./compare";
import { roundTo } from "./numbers";
import { DEFAULT_BANDS, type Status, type StatusBands, type TargetSpec } from "./targets";

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

export type Card = {
  key: string;
  name: string;
  unit: string;
  value: number | null;
  valueText: string;
  exactText: string | null;
  /** When the month has no figure: the latest earlier one and its month ("最近：2026年8月 15800人"). */
  latestText: string | null;
  /** The month of the figure the card shows (the month's own, or the latest earlier one), for its approval mark. */
  shownMonth: Month | null;
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
  /** Every target's judgement: the indicator's own, then its rank's. */
  judgements: Judgement[];
  /**
   * The card's headline status: the first judgement's, except that a month without its own figure
   * reads 未填报 (a card never says 达标 above 未填报). Null without a target.
   */
  status: Status | null;
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
  /** The month now running: later months never count, and it counts only once reported. */
  today: Month;
  targets: readonly TargetSpec[];
  rank?: RankInput;
  bands?: StatusBands;
};

export function buildCard({ indicator, series, month, today, targets, rank, bands = DEFAULT_BANDS }: CardInput): Card {
  const value = series.get(month) ?? null;
  const latest = value === null ? latestBefore(series, month) : null;
  const delta = change(value, series.get(previousMonth(month)) ?? null, indicator.decimals);
  const { yearOnYear } = compareMonth(indicator, series, month);
  const own = targets.map((target) => judge({ target, indicator, series, asOf: month, today, bands }));
  const ofRank = rank ? rank.targets.map((target) => judge({ target, indicator: rank.indicator, series: rank.series, asOf: month, today, bands })) : [];
  const judgements = [...own, ...ofRank];
  const rankValue = rank?.series.get(month) ?? null;
  const rankDelta = rank ? change(rankValue, rank.series.get(previousMonth(month)) ?? null, 0) : null;
  const headline = judgements[0];
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    value,
    valueText: value === null ? "未填报" : formatCompact(value, indicator),
    exactText: value === null ? null : formatExact(value, indicator),
    latestText: latest ? `最近：${formatMonth(latest.month)} ${formatCompact(latest.value, indicator)}` : null,
    shownMonth: value !== null ? month : (latest?.month ?? null),
    changeText: delta === null ? null : formatChange(delta, indicator),
    trend: trendOf(delta, indicator.direction),
    yearOnYearText: yearOnYear.delta === null ? null : formatChange(yearOnYear.delta, indicator),
    yearOnYearTrend: trendOf(yearOnYear.delta, indicator.direction),
    yearToDateText: indicator.kind === "flow" ? yearToDateText(indicator, series, month) : null,
    rankText: rankValue === null ? null : `全省${formatRank(rankValue, rank?.rankedUnits)}`,
    rankTrend: trendOf(rankDelta, "down"),
    rankChangeText: rankDelta === null || !rank ? null : formatChange(rankDelta, rank.indicator),
    judgements,
    status: headline ? (value === null ? "none" : headline.status) : null,
    belowTargetThisMonth: monthFallsShort(targets, value),
  };
}

/** The latest figure before `month` (a stock's or rate's level; a flow's month), with its month. */
function latestBefore(series: Series, month: Month): { month: Month; value: number } | null {
  const earlier = [...series.keys()].filter((period): period is Month => isMonth(period) && period < month).sort().at(-1);
  const value = earlier === undefined ? undefined : series.get(earlier);
  return earlier === undefined || value === undefined ? null : { month: earlier, value };
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

/** Which indicators were reported in each month: "YYYY-MM" → keys. */
export type MonthKeys = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The key indicators this organization actually reports: those among `keys` reported at least once
 * in the twelve months up to `today` (all of them when none is). A month missing any of these is
 * reported only in part.
 */
export function reportedKeyIndicators(monthKeys: MonthKeys, keys: readonly string[], today: Month): string[] {
  const recent = monthRange(makeMonth(monthParts(today).year, monthParts(today).month - 11), today);
  const seen = keys.filter((key) => recent.some((month) => monthKeys.get(month)?.has(key)));
  return seen.length > 0 ? seen : [...keys];
}

/**
 * The one "current month" of the leader's pages (the dashboard, the rankings, the monthly brief and
 * the quarterly pack they link to): the latest month that is over and holds any figure. A leader asks
 * where the unit stands now, so the newest figures and provincial ranks known are shown — a month
 * only partly entered shows what it has and marks the rest 未填报 with the last figure known, rather
 * than hiding a newer rank behind an older complete month. The running month is not it: its figures
 * are not due until it ends (it is offered by a link while it has any). Failing a month that is over,
 * the running month if it has figures; failing any figure, the running month.
 */
export type LeaderMonth = {
  month: Month;
  /** Why this month: "latest-over" (the rule), "running" (nothing earlier has figures) or "empty". */
  reason: "latest-over" | "running" | "empty";
  /** The running month, when it already holds figures and is not the month chosen. */
  runningWithFigures: Month | null;
};

export function leaderMonth(reportedMonths: readonly Month[], today: Month): LeaderMonth {
  const over = reportedMonths.filter((month) => month < today).sort().at(-1);
  const running = reportedMonths.includes(today) ? today : null;
  if (over) return { month: over, reason: "latest-over", runningWithFigures: running };
  return { month: today, reason: running ? "running" : "empty", runningWithFigures: null };
}

/**
 * What a leader's page says about the month it shows: "显示2026年10月（最近有数据的已结束月份）", or for
 * a month picked by hand, which month the page opens on by default. `links` are the months offered.
 */
export function leaderMonthNote(leader: LeaderMonth, shown: Month): { text: string; links: { month: Month; label: string }[] } {
  const links: { month: Month; label: string }[] = [];
  let text: string;
  if (shown !== leader.month) {
    text = `显示所选的${formatMonth(shown)}；默认显示${formatMonth(leader.month)}（${reasonWords(leader)}）。`;
    links.push({ month: leader.month, label: `回到${formatMonth(leader.month)}` });
  } else {
    text = `显示${formatMonth(shown)}（${reasonWords(leader)}）。`;
  }
  if (leader.runningWithFigures && leader.runningWithFigures !== shown) {
    text += `${formatMonth(leader.runningWithFigures)}本月进行中，已有部分数据。`;
    links.push({ month: leader.runningWithFigures, label: `查看${formatMonth(leader.runningWithFigures)}（进行中）` });
  }
  return { text, links };
}

function reasonWords(leader: LeaderMonth): string {
  if (leader.reason === "latest-over") return "最近有数据的已结束月份";
  if (leader.reason === "running") return "本月进行中，此前没有数据";
  return "本月进行中，尚无数据";
}

export type ReportingGaps = {
  year: number;
  /** Months of the year up to today with no figure at all. */
  unreported: Month[];
  /** Months with some figures but not every key indicator the organization reports. */
  partial: Month[];
  /** e.g. "2026年：10月、11月尚未填报；9月只填了部分重点指标" (null when nothing is missing). */
  text: string | null;
};

/**
 * What is still missing in the year of `month`, from January (or `since`, the first month the
 * organization reported anything: nothing was due before it) up to the month before `today`: the
 * running month is 本月进行中, never missing; the document's baseline month holds what the document
 * states, and is not "partly filled" either.
 */
export function reportingGaps(
  monthKeys: MonthKeys,
  keyIndicators: readonly string[],
  month: Month,
  today: Month,
  since: Month | null = null,
  baselineMonth: Month | null = null,
): ReportingGaps {
  const { year } = monthParts(month);
  const months = monthsOfYear(year).filter((candidate) => candidate < today && candidate !== baselineMonth && (since === null || candidate >= since));
  const unreported = months.filter((candidate) => (monthKeys.get(candidate)?.size ?? 0) === 0);
  const partial = months.filter((candidate) => {
    const keys = monthKeys.get(candidate);
    return keys !== undefined && keys.size > 0 && !keyIndicators.every((key) => keys.has(key));
  });
  const parts = [
    unreported.length > 0 ? `${monthsText(unreported)}尚未填报` : null,
    partial.length > 0 ? `${monthsText(partial)}只填了部分重点指标` : null,
  ].filter((part): part is string => part !== null);
  return { year, unreported, partial, text: parts.length > 0 ? `${year}年：${parts.join("；")}` : null };
}

/** How far a month is filled in: the indicators in force that month, and how many have a figure. */
export type MonthFill = { filled: number; total: number };

/**
 * The note on each card of a month partly filled ("本月只填了 17/26 项"); none for the running month
 * (it is still being filled) or the baseline month (the document states what it states).
 */
export function fillNote(fill: MonthFill, standing: MonthStanding): string | null {
  if (standing.kind === "baseline") return null;
  if (fill.filled >= fill.total) return null;
  return standing.kind === "running" ? `本月进行中，已填 ${fill.filled}/${fill.total} 项` : `本月只填了 ${fill.filled}/${fill.total} 项`;
}

/**
 * The data-quality line for a month. Only a month filled in completely may be called consistent;
 * a month mostly empty says it cannot be checked yet.
 */
export function qualityLine(fill: MonthFill, warnings: number, standing: MonthStanding | null = null): { tone: "ok" | "warn" | "partial"; text: string } {
  if (warnings > 0) return { tone: "warn", text: `⚠ 数据质量：${warnings} 条提醒，点击查看` };
  if (standing?.kind === "baseline") return { tone: "partial", text: `数据质量：${standing.label}列出 ${fill.filled} 项，其余项文件未列` };
  if (fill.filled === 0) return { tone: "partial", text: "数据质量：本月尚未填报，无从核对" };
  if (fill.filled * 2 < fill.total) {
    return { tone: "partial", text: `数据质量：本月只填了 ${fill.filled}/${fill.total} 项，尚不能全面核对` };
  }
  if (fill.filled < fill.total) {
    return { tone: "partial", text: `数据质量：已填的 ${fill.filled} 项之间没有矛盾（另有 ${fill.total - fill.filled} 项未填报）` };
  }
  return { tone: "ok", text: "✓ 数据质量：本月未发现不一致" };
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

/**
 * How many units the province ranks, for a rank chart over `months`: the most any bulletin of those
 * months gives (null when none does), so a bulletin outside the chart does not set its axis or note.
 */
export function rankedUnitsOver(
  figuresByKey: ReadonlyMap<string, readonly { period: string; rankedUnits: number | null }[]>,
  keys: readonly string[],
  months: readonly Month[],
): number | null {
  const shown = new Set<string>(months);
  const units = keys.flatMap((key) => (figuresByKey.get(key) ?? []).filter((figure) => shown.has(figure.period)).map((figure) => figure.rankedUnits ?? 0));
  const most = Math.max(0, ...units);
  return most > 0 ? most : null;
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
