/**
 * The quarterly review pack (季度工作推进会材料): every indicator in force in the quarter, its
 * quarter and year to date, its judgements against the targets in force that year, 环比 and 同比,
 * the red list, what is missing and what does not add up. Quarters are always computed from months;
 * a month counts once it has ended (the month now running once it has a figure), never before.
 *
 * The quarter's figures are facts of the quarter ("本季度69单，月均34.5单"); the targets are the
 * year's and are judged on the year as it stands at the quarter's last month that is over
 * (`quarterJudgedAt`), by the same `judge` the dashboard uses for that month, so the pack and the
 * dashboard of that month say the same.
 */
import { summarize, type PeriodSummary, type Series } from "./aggregate";
import { catalogAsOf, catalogForChecks, inForceIn, type CatalogEntry, type IndicatorDefinition } from "./catalog";
import { compareQuarter, type Comparison } from "./compare";
import { checkConsistency, type Figures, type Warning } from "./consistency";
import { judgedAtText, judge, monthsText, quarterJudgedAt, type Judgement } from "./judgement";
import { formatMonth, monthsOfQuarter, monthParts, previousMonth, quarterParts, sameMonthLastYear, yearToDate, type Month, type Quarter } from "./periods";
import { movement, previousQuarterEnd, type Movement } from "./rankings";
import { DEFAULT_BANDS, targetsByKeyInForce, type Status, type StatusBands, type TimedTarget } from "./targets";
import { packSection } from "./pack/sections";

export type ReviewRank = {
  indicator: IndicatorDefinition;
  /** The latest rank reported in the quarter, and its month (the quarter's end unless that month is missing). */
  rank: number | null;
  month: Month | null;
  rankedUnits: number | null;
  /** Since the end of the quarter before, and since the same month a year before. */
  change: Movement | null;
  sinceLastYear: Movement | null;
  /** The judgements of the rank's own targets (also among its row's `judgements`). */
  judgements: Judgement[];
};

export type ReviewRow = {
  indicator: CatalogEntry;
  quarter: PeriodSummary;
  /**
   * The quarter's own monthly average (its months reported), for a flow judged on a monthly
   * average: a fact of the quarter shown beside the year's judgement, never judged itself.
   */
  quarterAverage: number | null;
  yearToDate: PeriodSummary;
  /** The judgements of the indicator's own targets, then of its rank's, at `Review.judgedAt`. */
  judgements: Judgement[];
  /** Of those, the indicator's own (its rank's are in `rank.judgements`). */
  own: Judgement[];
  quarterOnQuarter: Comparison;
  yearOnYear: Comparison;
  rank: ReviewRank | null;
  /** Months of the quarter that count and in which the indicator was in force, without a figure. */
  missingMonths: Month[];
};

export type ReviewInput = {
  quarter: Quarter;
  /** Every indicator ever in the catalog, with when it was in force. */
  catalog: readonly CatalogEntry[];
  seriesByKey: ReadonlyMap<string, Series>;
  /** Each month's figures, for the consistency checks (and N for ranks). */
  figuresOf: (month: Month) => Figures;
  /** Every stored target: the quarter is judged by those in force in its year. */
  targets: readonly TimedTarget[];
  bands?: StatusBands;
  /** The month now running: later months do not count; it counts once it has figures. */
  today: Month;
};

export type Review = {
  quarter: Quarter;
  months: Month[];
  /** The months that count: ended ones, and the running one once it has figures. */
  counted: Month[];
  /** The month the year's targets are judged at (the quarter's last month that is over), and that in words. */
  judgedAt: Month;
  judgedAtText: string;
  rows: ReviewRow[];
  /** Indicators with a target judged 未达标. */
  red: ReviewRow[];
  /** Counted months with no figure at all. */
  emptyMonths: Month[];
  warnings: { month: Month; warning: Warning }[];
  statusCounts: Record<Status, number>;
  /** "本季度尚未结束：…", or null for a quarter that is over. */
  progressText: string | null;
  /** One sentence on what was reported, agreeing with the missing list. */
  completenessText: string;
};

const NO_SERIES: Series = new Map();

export function buildReview(input: ReviewInput): Review {
  const months = monthsOfQuarter(input.quarter);
  const seriesOf = (key: string) => input.seriesByKey.get(key) ?? NO_SERIES;
  const hasFigure = (key: string, month: Month) => seriesOf(key).has(month);
  const catalog = catalogAsOf(input.catalog, months, hasFigure);
  const anyFigure = (month: Month) => catalog.some((indicator) => hasFigure(indicator.key, month));
  const counted = months.filter((month) => month < input.today || (month === input.today && anyFigure(month)));
  const last = counted.at(-1) ?? null;
  const targets = targetsByKeyInForce(input.targets, quarterParts(input.quarter).year);
  const judgedAt = quarterJudgedAt(input.quarter, input.today);
  const bands = input.bands ?? DEFAULT_BANDS;
  const judgeAll = (indicator: IndicatorDefinition) =>
    (targets.get(indicator.key) ?? []).map((target) =>
      judge({ target, indicator, series: seriesOf(indicator.key), asOf: judgedAt, today: input.today, bands }),
    );

  const rows = catalog
    .filter((indicator) => indicator.kind !== "rank")
    .map((indicator): ReviewRow => {
      const series = seriesOf(indicator.key);
      const comparisons = compareQuarter(indicator, series, input.quarter);
      const rankIndicator = input.catalog.find((candidate) => candidate.ranksKey === indicator.key && catalog.includes(candidate));
      const own = judgeAll(indicator);
      const ofRank = rankIndicator ? judgeAll(rankIndicator) : [];
      const quarter = comparisons.quarterOnQuarter.current;
      const judgedOnAverage = own.some((judgement) => judgement.target.rule === "monthly_avg");
      return {
        indicator,
        quarter,
        quarterAverage: judgedOnAverage && quarter.value !== null && quarter.reportedMonths > 0 ? quarter.value / quarter.reportedMonths : null,
        yearToDate: summarize(indicator.kind, series, yearToDate(last ?? months[0] ?? input.today), indicator.decimals),
        own,
        judgements: [...own, ...ofRank],
        quarterOnQuarter: comparisons.quarterOnQuarter,
        yearOnYear: comparisons.yearOnYear,
        rank: rankIndicator ? reviewRank(rankIndicator, seriesOf(rankIndicator.key), counted, input.figuresOf, ofRank) : null,
        missingMonths: counted.filter((month) => inForceIn(indicator, month) && !series.has(month)),
      };
    });

  const emptyMonths = counted.filter((month) => !anyFigure(month));
  const statusCounts: Record<Status, number> = { green: 0, amber: 0, red: 0, pending: 0, none: 0 };
  for (const row of rows) for (const judgement of row.judgements) statusCounts[judgement.status] += 1;
  return {
    quarter: input.quarter,
    months,
    counted,
    judgedAt,
    judgedAtText: judgedAtNote(judgedAt, months, input.today),
    rows,
    red: rows.filter((row) => row.judgements.some((judgement) => judgement.status === "red")),
    emptyMonths,
    warnings: counted.flatMap((month) =>
      checkConsistency(catalogForChecks(input.catalog, month), input.figuresOf(month), input.figuresOf(previousMonth(month))).map((warning) => ({
        month,
        warning,
      })),
    ),
    statusCounts,
    progressText: progressText(months, counted, input.today),
    completenessText: completenessText(counted, emptyMonths, rows, last),
  };
}

function reviewRank(
  indicator: IndicatorDefinition,
  series: Series,
  counted: readonly Month[],
  figuresOf: (month: Month) => Figures,
  judgements: Judgement[],
): ReviewRank {
  const month = [...counted].reverse().find((candidate) => series.has(candidate)) ?? null;
  const rank = month === null ? null : (series.get(month) ?? null);
  const quarterEnd = counted.at(-1);
  return {
    indicator,
    rank,
    month,
    rankedUnits: month === null ? null : (figuresOf(month).get(indicator.key)?.rankedUnits ?? null),
    change: quarterEnd ? movement(rank, series.get(previousQuarterEnd(quarterEnd))) : null,
    sinceLastYear: month ? movement(rank, series.get(sameMonthLastYear(month))) : null,
    judgements,
  };
}

/**
 * "目标按全年要求评估（2026年1—9月），与2026年9月看板的评估一致。", and for a quarter still running, the
 * months not counted ("12月尚未结束，不计入目标评估。").
 */
function judgedAtNote(judgedAt: Month, months: readonly Month[], today: Month): string {
  if (judgedAt >= today) return "本季度尚无已结束的月份，目标评估只计已结束的月份。";
  const base = `${judgedAtText(judgedAt)}，与${formatMonth(judgedAt)}看板的评估一致`;
  const notOver = months.filter((month) => month >= today);
  return notOver.length === 0 ? `${base}。` : `${base}；${monthsText(notOver)}尚未结束，不计入目标评估。`;
}

function progressText(months: readonly Month[], counted: readonly Month[], today: Month): string | null {
  if (counted.length === months.length) return null;
  if (counted.length === 0) return "本季度尚未开始，没有可评估的月份。";
  const running = months.filter((month) => month === today && !counted.includes(month));
  const future = months.filter((month) => month > today);
  const parts = [
    running.length > 0 ? `${monthsText(running)}尚在进行` : null,
    future.length > 0 ? `${monthsText(future)}未到` : null,
  ].filter((part): part is string => part !== null);
  return `本季度尚未结束：季度数值按${monthsText(counted)}计（${parts.join("，")}）。`;
}

function completenessText(counted: readonly Month[], emptyMonths: readonly Month[], rows: readonly ReviewRow[], last: Month | null): string {
  if (last === null) return "";
  const partly = rows.filter((row) => row.missingMonths.some((month) => !emptyMonths.includes(month)));
  const parts: string[] = [];
  if (emptyMonths.length > 0) parts.push(`整月未填报：${emptyMonths.map(formatMonth).join("、")}`);
  if (partly.length > 0) parts.push(`${partly.length} 项指标有月份未填报（见“${packSection("missing").heading}”）`);
  if (parts.length === 0) return counted.length === 1 ? `${monthParts(last).month}月各项指标均已填报。` : "本季度已过各月的指标均已填报。";
  return `${parts.join("；")}。`;
}

/** A quarter's months that are missing, in words: "缺2月、3月". */
export function missingText(months: readonly Month[]): string {
  return months.length === 0 ? "" : `缺${months.map((month) => `${monthParts(month).month}月`).join("、")}`;
}

export type CommentTopicKey = "overall" | "cause" | "next_step";
export type ReviewComment = { indicatorKey: string; topic: CommentTopicKey; body: string };

/** The pack stays a draft (草稿) until every red indicator has both a cause and a next step. */
export function isDraft(red: readonly { indicator: { key: string } }[], comments: readonly ReviewComment[]): boolean {
  const has = (key: string, topic: CommentTopicKey) =>
    comments.some((comment) => comment.indicatorKey === key && comment.topic === topic && comment.body.trim() !== "");
  return red.some((row) => !has(row.indicator.key, "cause") || !has(row.indicator.key, "next_step"));
}
