/**
 * The quarterly review pack (季度工作推进会材料): every indicator's quarter and year to date
 * against its target, 环比 and 同比, the red list, what is missing and what does not add up.
 * Quarters are always computed from months.
 */
import { summarize, type PeriodSummary, type Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { compareQuarter, type Comparison } from "./compare";
import { checkConsistency, type Figures, type Warning } from "./consistency";
import { viewTarget, type TargetView } from "./dashboard";
import { monthsOfQuarter, monthParts, previousMonth, yearToDate, type Month, type Quarter } from "./periods";
import { movement, previousQuarterEnd, type Movement } from "./rankings";
import { DEFAULT_BANDS, type StatusBands, type TargetSpec } from "./targets";

export type ReviewRow = {
  indicator: IndicatorDefinition;
  quarter: PeriodSummary;
  yearToDate: PeriodSummary;
  targets: TargetView[];
  quarterOnQuarter: Comparison;
  yearOnYear: Comparison;
  /** The provincial rank of this indicator at the quarter's end, and its change since last quarter's end. */
  rank: { indicator: IndicatorDefinition; rank: number | null; rankedUnits: number | null; change: Movement | null } | null;
  /** Months of the quarter not reported. */
  missingMonths: Month[];
};

export type ReviewInput = {
  quarter: Quarter;
  catalog: readonly IndicatorDefinition[];
  seriesByKey: ReadonlyMap<string, Series>;
  /** Each month's figures, for the consistency checks (and N for ranks). */
  figuresOf: (month: Month) => Figures;
  targetsByKey: ReadonlyMap<string, readonly TargetSpec[]>;
  bands?: StatusBands;
  /** The last month that has happened: later months of the quarter are not "missing" yet. */
  today: Month;
};

export type Review = {
  quarter: Quarter;
  months: Month[];
  rows: ReviewRow[];
  /** Indicators whose status against a target is red. */
  red: ReviewRow[];
  /** Months of the quarter with no figure at all. */
  emptyMonths: Month[];
  warnings: { month: Month; warning: Warning }[];
};

const NO_SERIES: Series = new Map();

export function buildReview(input: ReviewInput): Review {
  const months = monthsOfQuarter(input.quarter);
  const last = months[2] ?? months[0] ?? input.today;
  const due = months.filter((month) => month <= input.today);
  const bands = input.bands ?? DEFAULT_BANDS;
  const seriesOf = (key: string) => input.seriesByKey.get(key) ?? NO_SERIES;

  const rows = input.catalog
    .filter((indicator) => indicator.kind !== "rank")
    .map((indicator): ReviewRow => {
      const series = seriesOf(indicator.key);
      const comparisons = compareQuarter(indicator, series, input.quarter);
      const rankIndicator = input.catalog.find((candidate) => candidate.ranksKey === indicator.key);
      const rankSeries = rankIndicator ? seriesOf(rankIndicator.key) : NO_SERIES;
      const own = (input.targetsByKey.get(indicator.key) ?? []).map((target) => viewTarget(target, indicator, series, last, bands));
      const ofRank = rankIndicator
        ? (input.targetsByKey.get(rankIndicator.key) ?? []).map((target) => viewTarget(target, rankIndicator, rankSeries, last, bands))
        : [];
      const targets = [...own, ...ofRank];
      return {
        indicator,
        quarter: comparisons.quarterOnQuarter.current,
        yearToDate: summarize(indicator.kind, series, yearToDate(last), indicator.decimals),
        targets,
        quarterOnQuarter: comparisons.quarterOnQuarter,
        yearOnYear: comparisons.yearOnYear,
        rank: rankIndicator
          ? {
              indicator: rankIndicator,
              rank: rankSeries.get(last) ?? null,
              rankedUnits: input.figuresOf(last).get(rankIndicator.key)?.rankedUnits ?? null,
              change: movement(rankSeries.get(last), rankSeries.get(previousQuarterEnd(last))),
            }
          : null,
        missingMonths: due.filter((month) => !series.has(month)),
      };
    });

  return {
    quarter: input.quarter,
    months,
    rows,
    red: rows.filter((row) => row.targets.some((target) => target.status === "red")),
    emptyMonths: due.filter((month) => input.catalog.every((indicator) => !seriesOf(indicator.key).has(month))),
    warnings: due.flatMap((month) =>
      checkConsistency(input.catalog, input.figuresOf(month), input.figuresOf(previousMonth(month))).map((warning) => ({ month, warning })),
    ),
  };
}

/** A quarter's months that are missing, in words: "缺2月、3月". */
export function missingText(months: readonly Month[]): string {
  return months.length === 0 ? "" : `缺${months.map((month) => `${monthParts(month).month}月`).join("、")}`;
}

export type CommentTopicKey = "overall" | "cause" | "next_step";
export type ReviewComment = { indicatorKey: string; topic: CommentTopicKey; body: string };

/** The pack stays a draft (草稿) until every red indicator has both a cause and a next step. */
export function isDraft(red: readonly Pick<ReviewRow, "indicator">[], comments: readonly ReviewComment[]): boolean {
  const has = (key: string, topic: CommentTopicKey) =>
    comments.some((comment) => comment.indicatorKey === key && comment.topic === topic && comment.body.trim() !== "");
  return red.some((row) => !has(row.indicator.key, "cause") || !has(row.indicator.key, "next_step"));
}
