/**
 * The quarterly review pack (季度工作推进会材料), built once: every figure, judgement, comparison,
 * list, note and chart series the meeting sees, with the words each is shown in. The page, the
 * workbook, the Word document and the slides only lay this out; none of them computes or words a
 * figure of its own, so they agree to the digit. Its judgements are the dashboard's for the month
 * `judgedAt` (the quarter's last month that is over): a target is the year's, judged on the year.
 */
import type { Series } from "../aggregate";
import { approvalSummary, type ApprovalSummary } from "../approval";
import { breakdownDepth, type IndicatorDefinition, type IndicatorKind } from "../catalog";
import type { Comparison } from "../compare";
import { KEY_INDICATORS, monthBars, rankChartRows, trendMonths, type NannyBarPoint, type RankChartRow } from "../dashboard";
import { formatChange, formatCompact, formatDateTime, formatFigure, formatNumber, formatPercent, formatRank } from "../format";
import { monthlyThreshold, type Judgement } from "../judgement";
import type { MonthStanding } from "../month-status";
import { formatMonth, formatQuarter, monthParts, quarterParts, yearToDate, type Month, type Quarter } from "../periods";
import { formatMovement, type Movement } from "../rankings";
import { buildReview, isDraft, missingText, type ReviewComment, type ReviewInput, type ReviewRow } from "../review";
import { STATUS_LABELS, targetsByKeyInForce, type Status } from "../targets";
import { draftQuarterAnalysis } from "./quarter-draft";
import { packSections, type PackSection, type PackSectionId } from "./sections";
import { documentDate, monthSpan } from "./words";

export type PackIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "category" | "kind" | "decimals"> & {
  /** How deep in its breakdown (0 at the top; "其中…" rows are deeper). */
  depth: number;
};

/** A judgement as every rendering shows it. */
export type PackTarget = {
  status: Status;
  statusLabel: string;
  /** "月均不少于 34单" */
  label: string;
  /** "自2024年起，省科协要求" */
  basis: string;
  /** "达成 88.2%", "差 3 名"; null without data. */
  resultText: string | null;
  /** The attainment as a fraction (0.882), where a percentage reads right; else null. */
  attainment: number | null;
  /** "本年月均 33.9单，达成 99.6%（缺8月）": the year's judgement, as the dashboard words it. */
  summary: string;
  /** Shown only while the target is not met: "其余 10 个月每月需 ≥ 35单". */
  catchUpText: string | null;
};

export type PackComparison = {
  delta: number | null;
  relative: number | null;
  /** "+120条", "上升2名", "持平", or why there is none ("无可比数据"). */
  text: string;
  relativeText: string | null;
};

export type PackRank = {
  key: string;
  name: string;
  rank: number | null;
  rankedUnits: number | null;
  month: Month | null;
  /** "第3名（共183）", or 未填报. */
  text: string;
  /** "（8月）" when the rank is not from the last month counted. */
  monthNote: string | null;
  /** Since the end of the quarter before: "上升2名", "无可比数据". */
  changeText: string;
  change: Movement | null;
  sinceLastYearText: string;
  sinceLastYear: Movement | null;
  targets: PackTarget[];
};

export type PackRow = {
  indicator: PackIndicator;
  /** The quarter's own figure; for a flow judged on a monthly average, its own average as a fact ("本季度月均 34.5单"). */
  quarter: { value: number | null; text: string; missingText: string | null; averageText: string | null };
  /** A flow's January-to-date sum; null for levels, rates and ranks. */
  yearToDate: { value: number | null; text: string };
  /** The indicator's own targets (its rank's are with the rank). */
  targets: PackTarget[];
  quarterOnQuarter: PackComparison;
  yearOnYear: PackComparison;
  rank: PackRank | null;
  missingMonths: Month[];
};

export type PackRedItem = { key: string; name: string; target: PackTarget; cause: string | null; nextStep: string | null };

export type PackKeyFigure = {
  key: string;
  name: string;
  /** As the table shows it (18951.90万元), and in the unit it reads best in (1.90亿元). */
  text: string;
  compactText: string;
  changeText: string | null;
  status: Status | null;
  statusLabel: string | null;
};

export type Pack = {
  organization: { name: string; shortName: string };
  quarter: Quarter;
  /** "2026年第三季度" */
  quarterText: string;
  /** "7—9月" */
  monthsText: string;
  /** "2026年第三季度工作推进会材料" */
  title: string;
  /** The sections, numbered as the page numbers them; every rendering heads its parts with these. */
  sections: Record<PackSectionId, PackSection>;
  generatedAt: Date;
  generatedText: string;
  /** "2026年11月27日" */
  dateText: string;
  /** Until every red item has a cause and a next step. */
  draft: boolean;
  /** The quarter holds demo figures (示例数据). */
  demo: boolean;
  basisNote: string;
  approval: ApprovalSummary;
  months: Month[];
  counted: Month[];
  /** The month the targets are judged at, and the sentence saying so (with the months not counted). */
  judgedAt: Month;
  judgedAtText: string;
  statusCounts: { status: Status; label: string; count: number }[];
  progressText: string | null;
  completenessText: string;
  overall: { text: string; saved: boolean; drafted: string };
  categories: { name: string; rows: PackRow[] }[];
  rows: PackRow[];
  red: PackRedItem[];
  missing: { items: { key: string; name: string; text: string }[]; emptyText: string };
  warnings: { items: { month: Month; monthText: string; message: string }[]; emptyText: string };
  keyFigures: PackKeyFigure[];
  charts: {
    nanny: { name: string; title: string; unit: string; threshold: number | null; bars: NannyBarPoint[] } | null;
    ranks: { title: string; series: { key: string; name: string }[]; rows: RankChartRow[]; rankedUnits: number | null };
  };
  signatures: { unit: string; preparedBy: string | null; reviewedBy: string | null; date: string };
};

export type PackInput = ReviewInput & {
  organization: { name: string; shortName: string };
  comments: readonly ReviewComment[];
  /** The standing of each month (for the approval line: 已提交, 已退回, …). */
  monthStanding: (month: Month) => MonthStanding;
  /** Who submitted and who approved the quarter's months. */
  signatories: { preparedBy: readonly string[]; reviewedBy: readonly string[] };
  /** Whether an indicator's figure of a month is demo data. */
  isDemo: (key: string, month: Month) => boolean;
  generatedAt: Date;
};

const NANNY_KEY = "nanny_new";
const NO_SERIES: Series = new Map();

export function buildPack(input: PackInput): Pack {
  const review = buildReview(input);
  const seriesOf = (key: string) => input.seriesByKey.get(key) ?? NO_SERIES;
  const note = (key: string, topic: ReviewComment["topic"]) => {
    const body = input.comments.find((comment) => comment.indicatorKey === key && comment.topic === topic)?.body.trim();
    return body ? body : null;
  };
  const lastCounted = review.counted.at(-1) ?? null;
  const byKey = new Map(input.catalog.map((indicator) => [indicator.key, indicator]));
  const rows = review.rows.map((row) => packRow(row, lastCounted, breakdownDepth(row.indicator, byKey)));
  const categories = [...new Set(rows.map((row) => row.indicator.category))].map((name) => ({ name, rows: rows.filter((row) => row.indicator.category === name) }));
  const quarterText = formatQuarter(input.quarter);
  const first = review.months[0];
  const last = review.months[2];
  const anyMissing = review.rows.some((row) => row.missingMonths.length > 0);
  const drafted = draftQuarterAnalysis(review, { shortName: input.organization.shortName });
  const saved = note("", "overall");

  const red = review.red.map((row): PackRedItem => {
    const judgement = row.judgements.find((candidate) => candidate.status === "red");
    return {
      key: row.indicator.key,
      name: row.indicator.name,
      target: packTarget(judgement ?? row.judgements[0]!),
      cause: note(row.indicator.key, "cause"),
      nextStep: note(row.indicator.key, "next_step"),
    };
  });

  return {
    organization: input.organization,
    quarter: input.quarter,
    quarterText,
    monthsText: first && last ? monthSpan(first, last) : "",
    title: `${quarterText}工作推进会材料`,
    sections: packSections(),
    generatedAt: input.generatedAt,
    generatedText: formatDateTime(input.generatedAt),
    dateText: documentDate(input.generatedAt),
    draft: isDraft(review.red, input.comments),
    demo: review.months.some((month) => input.catalog.some((indicator) => seriesOf(indicator.key).has(month) && input.isDemo(indicator.key, month))),
    basisNote: "季度数值：新增类为三个月合计，累计、比率、排名为季末值",
    approval: approvalSummary(review.months, input.monthStanding, input.today),
    months: review.months,
    counted: review.counted,
    judgedAt: review.judgedAt,
    judgedAtText: review.judgedAtText,
    statusCounts: (["green", "amber", "red", "pending", "none"] as const)
      .filter((status) => status === "green" || status === "red" || review.statusCounts[status] > 0)
      .map((status) => ({ status, label: STATUS_LABELS[status], count: review.statusCounts[status] })),
    progressText: review.progressText,
    completenessText: review.completenessText,
    overall: { text: saved ?? drafted, saved: saved !== null, drafted },
    categories,
    rows,
    red,
    missing: {
      items: review.rows.filter((row) => row.missingMonths.length > 0).map((row) => ({ key: row.indicator.key, name: row.indicator.name, text: missingText(row.missingMonths) })),
      emptyText: review.counted.length === 0 ? "本季度尚无已过去的月份。" : "本季度已过各月的指标均已填报。",
    },
    warnings: {
      items: review.warnings.map(({ month, warning }) => ({ month, monthText: formatMonth(month), message: warning.message })),
      emptyText: anyMissing ? "已填报的数据之间没有发现矛盾；缺报的月份无法核对。" : "未发现不一致。",
    },
    keyFigures: keyFigures(rows),
    charts: charts(input, review.rows, lastCounted ?? last ?? input.today),
    signatures: {
      unit: input.organization.name,
      preparedBy: input.signatories.preparedBy.length > 0 ? [...new Set(input.signatories.preparedBy)].join("、") : null,
      reviewedBy: input.signatories.reviewedBy.length > 0 ? [...new Set(input.signatories.reviewedBy)].join("、") : null,
      date: documentDate(input.generatedAt),
    },
  };
}

export function packTarget(judgement: Judgement): PackTarget {
  return {
    status: judgement.status,
    statusLabel: judgement.statusLabel,
    label: judgement.label,
    basis: `${judgement.inForceText}，${judgement.source}`,
    resultText: judgement.resultText,
    attainment: judgement.shownAttainment,
    summary: judgement.summary,
    catchUpText: judgement.status !== "none" && judgement.status !== "green" ? judgement.catchUpText : null,
  };
}

function packComparison(comparison: Comparison, indicator: { kind: IndicatorKind; unit: string; decimals: number }): PackComparison {
  if (comparison.delta === null) return { delta: null, relative: null, text: comparison.reason ?? "无可比数据", relativeText: null };
  return {
    delta: comparison.delta,
    relative: comparison.relative,
    text: formatChange(comparison.delta, indicator),
    relativeText: comparison.relative === null ? null : formatPercent(comparison.relative),
  };
}

function packRow(row: ReviewRow, lastCounted: Month | null, depth: number): PackRow {
  const { indicator } = row;
  const figure = (value: number | null) => (value === null ? "—" : formatFigure(value, indicator));
  const flowSoFar = indicator.kind === "flow" && !row.yearToDate.fromAnnual ? row.yearToDate.value : null;
  const rank = row.rank;
  return {
    indicator: { key: indicator.key, name: indicator.name, unit: indicator.unit, category: indicator.category, kind: indicator.kind, decimals: indicator.decimals, depth },
    quarter: {
      value: row.quarter.value,
      text: row.quarter.value === null ? "未填报" : figure(row.quarter.value),
      missingText: row.quarter.value !== null && row.missingMonths.length > 0 ? missingText(row.missingMonths) : null,
      averageText: row.quarterAverage === null ? null : `本季度月均 ${formatNumber(row.quarterAverage, indicator.decimals + 1)}${indicator.unit}`,
    },
    yearToDate: { value: flowSoFar, text: figure(flowSoFar) },
    targets: row.own.map(packTarget),
    quarterOnQuarter: packComparison(row.quarterOnQuarter, indicator),
    yearOnYear: packComparison(row.yearOnYear, indicator),
    rank: rank
      ? {
          key: rank.indicator.key,
          name: rank.indicator.name,
          rank: rank.rank,
          rankedUnits: rank.rankedUnits,
          month: rank.month,
          text: rank.rank === null ? "未填报" : formatRank(rank.rank, rank.rankedUnits),
          monthNote: rank.month && rank.month !== lastCounted ? `（${monthParts(rank.month).month}月）` : null,
          change: rank.rank === null ? null : rank.change,
          changeText: formatMovement(rank.rank === null ? null : rank.change),
          sinceLastYear: rank.sinceLastYear,
          sinceLastYearText: formatMovement(rank.sinceLastYear),
          targets: rank.judgements.map(packTarget),
        }
      : null,
    missingMonths: row.missingMonths,
  };
}

function keyFigures(rows: readonly PackRow[]): PackKeyFigure[] {
  return KEY_INDICATORS.flatMap((key): PackKeyFigure[] => {
    const row = rows.find((candidate) => candidate.indicator.key === key);
    if (!row || row.quarter.value === null) return [];
    const headline = row.targets[0] ?? row.rank?.targets[0] ?? null;
    return [{
      key,
      name: row.indicator.name,
      text: row.quarter.text,
      compactText: formatCompact(row.quarter.value, row.indicator),
      changeText: row.quarterOnQuarter.delta === null ? null : `较上季${row.indicator.kind === "flow" ? "度" : "末"} ${row.quarterOnQuarter.text}`,
      status: headline?.status ?? null,
      statusLabel: headline?.statusLabel ?? null,
    }];
  });
}

function charts(input: PackInput, rows: readonly ReviewRow[], last: Month): Pack["charts"] {
  const year = quarterParts(input.quarter).year;
  const nannyIndicator = rows.find((row) => row.indicator.key === NANNY_KEY)?.indicator;
  const threshold = monthlyThreshold(targetsByKeyInForce(input.targets, year).get(NANNY_KEY) ?? []);
  const nannySeries = input.seriesByKey.get(NANNY_KEY) ?? NO_SERIES;
  const nanny = nannyIndicator
    ? {
        name: nannyIndicator.name,
        title: `${nannyIndicator.name}（${monthParts(last).year}年各月${threshold !== null ? `，目标月均 ${threshold} ${nannyIndicator.unit}` : ""}）`,
        unit: nannyIndicator.unit,
        threshold,
        bars: monthBars(nannySeries, yearToDate(last), threshold, (month) => input.isDemo(NANNY_KEY, month)),
      }
    : null;

  const rankIndicators = rows.flatMap((row) => (row.rank ? [row.rank.indicator] : []));
  const rankKeys = rankIndicators.map((indicator) => indicator.key);
  const months = trendMonths(rankKeys.map((key) => input.seriesByKey.get(key) ?? NO_SERIES), last, 15);
  const units = rankKeys.flatMap((key) => months.map((month) => input.figuresOf(month).get(key)?.rankedUnits ?? 0));
  const rankedUnits = Math.max(0, ...units);
  return {
    nanny,
    ranks: {
      title: "全省排名走势（第1名在上）",
      series: rankIndicators.map((indicator) => ({ key: indicator.key, name: indicator.name })),
      rows: rankChartRows(rankKeys, input.seriesByKey, months),
      rankedUnits: rankedUnits > 0 ? rankedUnits : null,
    },
  };
}
