/**
 * The quarter's 总体分析, drafted from the review by fixed rules: the quarter's figures against the
 * quarter before and a year before, the provincial ranks, what the judgements say (never decided
 * here), the red items by name, the missing months. It states what the figures show, nothing more.
 * The quarter's own figures are stated as facts ("本季度…69单，月均34.5单"); a target is the year's,
 * and is stated on the year as judged ("1—9月月均33.9单，低于省科协月均34单要求").
 */
import { groupByCategory } from "../catalog";
import { formatNumber } from "../format";
import { formatQuarter, isMonth, makeMonth, monthParts } from "../periods";
import type { Review, ReviewRow } from "../review";
import { targetWords } from "./clauses";
import { amount, changeWords, monthSpan, movementWords, partName, rankWords, relativeWords, selfReference } from "./words";

export function draftQuarterAnalysis(review: Review, options: { shortName: string }): string {
  const self = selfReference(options.shortName);
  const quarterText = formatQuarter(review.quarter);
  const first = review.months[0];
  const lastCounted = review.counted.at(-1);
  if (!first || !lastCounted) return `${quarterText}尚无已过去的月份，暂无可分析的数据。`;
  const span = monthSpan(first, lastCounted);

  const top = review.rows.filter((row) => row.indicator.parentKey === null);
  const levelsFirst = [...top.filter((row) => row.indicator.kind !== "flow"), ...top.filter((row) => row.indicator.kind === "flow")];
  const groups = groupByCategory(levelsFirst.map((row) => ({ ...row, category: row.indicator.category })))
    .map(([category, rows]) => ({ category, clauses: rows.map((row) => rowClause(row, review)).filter((clause): clause is string => clause !== null) }))
    .filter((group) => group.clauses.length > 0);

  const opening = `${quarterText}（${span}${review.counted.length < review.months.length ? "，本季度尚未结束" : ""}）`;
  const paragraphs: string[] = [];
  paragraphs.push(
    groups.length === 0
      ? `${opening}，${self}尚未填报本季度的数据。`
      : groups.map((group, index) => (index === 0 ? `${opening}，${self}天府科技云${group.clauses.join("；")}。` : `${group.category}方面，${group.clauses.join("；")}。`)).join(""),
  );

  const closing: string[] = [];
  const counts = review.statusCounts;
  const judged = counts.green + counts.amber + counts.red + counts.pending;
  if (judged > 0) {
    const parts = [
      counts.green > 0 ? `达标${counts.green}项` : null,
      counts.amber > 0 ? `接近目标${counts.amber}项` : null,
      counts.red > 0 ? `未达标${counts.red}项` : null,
      counts.pending > 0 ? `数据不全、尚不能判定${counts.pending}项` : null,
    ].filter((part): part is string => part !== null);
    closing.push(`按${yearSpan(review)}数据对照年度目标评估${judged}项，其中${parts.join("，")}。`);
  }
  if (review.red.length > 0) closing.push(`未达标的指标：${review.red.map((row) => row.indicator.name).join("、")}。`);
  const missing = review.rows.filter((row) => row.missingMonths.length > 0 && !row.missingMonths.every((month) => review.emptyMonths.includes(month)));
  if (review.emptyMonths.length > 0) {
    closing.push(`${review.emptyMonths.map((month) => `${monthParts(month).month}月`).join("、")}整月未填报数据。`);
  }
  if (missing.length > 0) {
    const names = missing.length <= 6 ? `：${missing.map((row) => `${row.indicator.name}（缺${row.missingMonths.map((month) => `${monthParts(month).month}月`).join("、")}）`).join("、")}` : "";
    closing.push(`另有${missing.length}项指标有月份未填报${names}。`);
  }
  if (review.warnings.length > 0) closing.push(`已填报数据中有${review.warnings.length}条一致性提醒待核对。`);
  if (closing.length > 0) paragraphs.push(closing.join(""));
  return paragraphs.join("\n");
}

/** The months of the year the targets are judged on: "1—9月". */
function yearSpan(review: Review): string {
  return monthSpan(makeMonth(monthParts(review.judgedAt).year, 1), review.judgedAt);
}

/** A first quarter counted through the month judged: its figures are the year's so far. */
function quarterIsYear(review: Review): boolean {
  const first = review.months[0];
  return first !== undefined && monthParts(first).month === 1 && review.counted.at(-1) === review.judgedAt;
}

function rowClause(row: ReviewRow, review: Review): string | null {
  const { indicator } = row;
  const parts: string[] = [];
  const value = row.quarter.value;
  const lastCounted = review.counted.at(-1);
  if (value !== null) {
    const children = review.rows.filter((child) => child.indicator.parentKey === indicator.key && child.indicator.parentRelation === "component" && child.quarter.value !== null);
    const breakdown = children.length > 0
      ? `（其中${children.map((child) => `${partName(child.indicator.name)}${amount(child.quarter.value ?? 0, child.indicator)}`).join("、")}）`
      : "";
    const asOfMonth = row.quarter.asOf !== null && isMonth(row.quarter.asOf) ? row.quarter.asOf : null;
    const asOf = asOfMonth && asOfMonth !== lastCounted && indicator.kind !== "flow" ? `（${monthParts(asOfMonth).month}月）` : "";
    const incomplete = indicator.kind === "flow" && row.missingMonths.length > 0 ? `（缺${row.missingMonths.map((month) => `${monthParts(month).month}月`).join("、")}）` : "";
    parts.push(`${indicator.kind === "flow" ? "本季度" : "季末"}${indicator.name}${amount(value, indicator)}${asOf}${incomplete}${breakdown}`);
    const since = indicator.kind === "flow" ? "较上季度" : "较上季末";
    if (row.quarterOnQuarter.delta !== null) parts.push(`${since}${changeWords(row.quarterOnQuarter.delta, indicator)}`);
    if (row.yearOnYear.delta !== null) {
      const relative = row.yearOnYear.relative === null ? null : relativeWords(row.yearOnYear.relative);
      parts.push(`较去年同期${changeWords(row.yearOnYear.delta, indicator)}${relative ? `（${relative}）` : ""}`);
    }
    // the quarter's own average, a fact; where the quarter is the year so far (a first quarter), the target's clause says it
    if (row.quarterAverage !== null && row.quarter.reportedMonths > 1 && !quarterIsYear(review)) {
      parts.push(`月均${formatNumber(row.quarterAverage, indicator.decimals + 1)}${indicator.unit}`);
    }
  }
  const rank = row.rank;
  if (rank && rank.rank !== null) {
    const month = rank.month && rank.month !== lastCounted ? `（${monthParts(rank.month).month}月）` : "";
    const place = `全省排名${rankWords(rank.rank, rank.rankedUnits)}${month}`;
    parts.push(parts.length === 0 ? `${indicator.name}${place}` : place);
    if (rank.change) parts.push(movementWords(rank.change, "较上季末"));
  }
  if (parts.length === 0) return null;
  // the targets are the year's: their clauses name the year's months, never the quarter's alone
  const span = yearSpan(review);
  const spanSaid = quarterIsYear(review) && (parts[0]?.startsWith("本季度") ?? false);
  for (const judgement of row.own) {
    const text = targetWords(judgement, indicator, span, spanSaid);
    if (text) parts.push(text);
  }
  for (const judgement of rank?.judgements ?? []) {
    const text = targetWords(judgement, rank?.indicator ?? indicator, span, spanSaid);
    if (text) parts.push(text);
  }
  return parts.join("，");
}
