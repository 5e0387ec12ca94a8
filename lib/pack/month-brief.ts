/**
 * A month's 工作简报: the paragraph a clerk pastes into the association's papers, drafted from the
 * figures by fixed rules (no model, no network), and the month's table beside it. It states what the
 * figures show and nothing else: no causes, no adjectives, nothing about indicators without data.
 * Every status it names is the judgement's (`../judgement`).
 */
import { summarize, type Series } from "../aggregate";
import { catalogAsOf, groupByCategory, inForceIn, type CatalogEntry, type IndicatorDefinition } from "../catalog";
import { formatChange, formatCompact, formatRank } from "../format";
import { judge, monthsText, type Judgement } from "../judgement";
import { formatMonth, makeMonth, monthParts, previousMonth, sameMonthLastYear, yearToDate, type Month } from "../periods";
import { formatMovement, movement } from "../rankings";
import { DEFAULT_BANDS, targetsByKeyInForce, type Status, type StatusBands, type TimedTarget } from "../targets";
import { targetWords } from "./clauses";
import { amount, changeWords, monthRunsText, monthSpan, movementWords, partName, rankWords, relativeWords, selfReference } from "./words";

export type MonthBriefInput = {
  month: Month;
  /** The month now running: later months never count, and it counts only once it has figures. */
  today: Month;
  shortName: string;
  /** Every indicator ever in the catalog, with when it was in force. */
  catalog: readonly CatalogEntry[];
  seriesByKey: ReadonlyMap<string, Series>;
  /** How many units a rank was among (N), where the bulletin said. */
  rankedUnitsOf: (key: string, month: Month) => number | null;
  targets: readonly TimedTarget[];
  bands?: StatusBands;
};

/** One indicator's line in the month's table. */
export type MonthBriefRow = {
  key: string;
  name: string;
  category: string;
  valueText: string;
  /** 较上月 */
  changeText: string | null;
  /** 本年累计 for a flow: "801户（缺3月）". */
  yearToDateText: string | null;
  rankText: string | null;
  rankChangeText: string | null;
  /** The judgements' words: "未达标：本年月均 31.2单，达成 91.8%". */
  targetTexts: string[];
};

export type MonthBriefRed = { key: string; name: string; summary: string };

export type MonthBrief = {
  month: Month;
  monthText: string;
  /** The drafted paragraphs. */
  paragraphs: string[];
  rows: MonthBriefRow[];
  red: MonthBriefRed[];
  /** Months of the year up to this one without any figure. */
  emptyMonths: Month[];
  /** Indicators in force this month without a figure (when the month has any). */
  unreported: string[];
};

const NO_SERIES: Series = new Map();

export function buildMonthBrief(input: MonthBriefInput): MonthBrief {
  const { month, today } = input;
  const { year, month: m } = monthParts(month);
  const seriesOf = (key: string) => input.seriesByKey.get(key) ?? NO_SERIES;
  const has = (key: string, candidate: Month) => seriesOf(key).has(candidate);
  const catalog = catalogAsOf(input.catalog, [month], has);
  const targets = targetsByKeyInForce(input.targets, year);
  const judgementsOf = (indicator: IndicatorDefinition): Judgement[] =>
    (targets.get(indicator.key) ?? []).map((target) =>
      judge({ target, indicator, series: seriesOf(indicator.key), asOf: month, today, bands: input.bands ?? DEFAULT_BANDS }),
    );
  const rankOf = (indicator: IndicatorDefinition) => catalog.find((candidate) => candidate.kind === "rank" && candidate.ranksKey === indicator.key);
  const yearMonths = yearToDate(month);
  const span = monthSpan(makeMonth(year, 1), month);
  const words = { month, m, span, yearMonths, seriesOf, catalog, judgementsOf, rankOf, rankedUnitsOf: input.rankedUnitsOf };

  const top = catalog.filter((indicator) => indicator.kind !== "rank" && indicator.parentKey === null);
  // levels first ("累计注册用户15113人，较年初增加801人"), then the month's flows
  const levelsFirst = [...top.filter((indicator) => indicator.kind !== "flow"), ...top.filter((indicator) => indicator.kind === "flow")];
  const sentences = groupByCategory(levelsFirst)
    .map(([category, indicators]) => ({ category, clauses: indicators.map((indicator) => indicatorClause(indicator, words)).filter((clause): clause is string => clause !== null) }))
    .filter((group) => group.clauses.length > 0);

  const inForce = catalog.filter((indicator) => inForceIn(indicator, month) || has(indicator.key, month));
  const anyFigure = (candidate: Month) => inForce.some((indicator) => has(indicator.key, candidate));
  const emptyMonths = yearMonths.filter((candidate) => (candidate < today || candidate === month) && !anyFigure(candidate));
  const unreported = anyFigure(month) ? inForce.filter((indicator) => !has(indicator.key, month)).map((indicator) => indicator.name) : [];
  const judged = catalog.flatMap((indicator) => judgementsOf(indicator).map((judgement) => ({ indicator, judgement })));
  const named = (status: Status): MonthBriefRed[] =>
    judged.filter(({ judgement }) => judgement.status === status).map(({ indicator, judgement }) => ({ key: indicator.key, name: indicator.name, summary: judgement.summary }));
  const red = named("red");

  const self = selfReference(input.shortName);
  const first = sentences.map((group, index) =>
    index === 0 ? `截至${m}月底，${self}天府科技云${group.clauses.join("；")}。` : `${group.category}方面，${group.clauses.join("；")}。`,
  );
  const paragraphs: string[] = [];
  paragraphs.push(first.length > 0 ? first.join("") : `截至${m}月底，${self}尚未填报${year}年${span}的数据。`);
  const closing = closingSentences({
    red,
    amber: named("amber"),
    pending: named("pending"),
    green: named("green").length,
    emptyMonths,
    unreported,
    month,
  });
  if (closing) paragraphs.push(closing);

  const rows = inForce
    .filter((indicator) => indicator.kind !== "rank")
    .map((indicator) => tableRow(indicator, words));
  return { month, monthText: formatMonth(month), paragraphs, rows, red, emptyMonths, unreported };
}

type Words = {
  month: Month;
  m: number;
  span: string;
  yearMonths: Month[];
  seriesOf: (key: string) => Series;
  catalog: CatalogEntry[];
  judgementsOf: (indicator: IndicatorDefinition) => Judgement[];
  rankOf: (indicator: IndicatorDefinition) => CatalogEntry | undefined;
  rankedUnitsOf: (key: string, month: Month) => number | null;
};

/** One indicator's clause: its figure, its breakdown, its year so far, its rank, its targets. */
function indicatorClause(indicator: CatalogEntry, words: Words): string | null {
  const { month, m, span, yearMonths, seriesOf } = words;
  const series = seriesOf(indicator.key);
  const value = series.get(month);
  const parts: string[] = [];
  const children = words.catalog.filter((child) => child.parentKey === indicator.key && child.parentRelation === "component" && seriesOf(child.key).has(month));
  const breakdown = children.length > 0
    ? `（其中${children.map((child) => `${partName(child.name)}${amount(seriesOf(child.key).get(month) ?? 0, child)}`).join("、")}）`
    : "";

  if (indicator.kind === "flow") {
    if (value !== undefined) parts.push(`${m}月${indicator.name}${amount(value, indicator)}${breakdown}`);
    const soFar = summarize("flow", series, yearMonths, indicator.decimals);
    if (soFar.value !== null && !soFar.fromAnnual) {
      const missing = yearMonths.filter((candidate) => !series.has(candidate));
      const gaps = missing.length > 0 ? `（${monthsText(missing)}未填报）` : "";
      if (yearMonths.length > 1) parts.push(`${span}${value === undefined ? indicator.name : ""}累计${amount(soFar.value, indicator)}${gaps}`);
      const lastYear = summarize("flow", series, yearMonths.map(sameMonthLastYear), indicator.decimals);
      if (soFar.complete && lastYear.complete && lastYear.value !== null) {
        const relative = lastYear.value === 0 ? null : relativeWords((soFar.value - lastYear.value) / lastYear.value);
        parts.push(`较去年同期${changeWords(soFar.value - lastYear.value, indicator)}${relative ? `（${relative}）` : ""}`);
      }
    }
  } else if (value !== undefined) {
    parts.push(`${indicator.name}${amount(value, indicator)}${breakdown}`);
    const yearStart = series.get(makeMonth(monthParts(month).year - 1, 12));
    const before = series.get(previousMonth(month));
    if (yearStart !== undefined) parts.push(`较年初${changeWords(value - yearStart, indicator)}`);
    else if (before !== undefined) parts.push(`较上月${changeWords(value - before, indicator)}`);
  }

  const rankIndicator = words.rankOf(indicator);
  const rankSeries = rankIndicator ? seriesOf(rankIndicator.key) : NO_SERIES;
  const rank = rankSeries.get(month);
  if (rankIndicator && rank !== undefined) {
    const place = `全省排名${rankWords(rank, words.rankedUnitsOf(rankIndicator.key, month))}`;
    parts.push(parts.length === 0 ? `${indicator.name}${place}` : place);
    const move = movement(rank, rankSeries.get(previousMonth(month)));
    if (move) parts.push(movementWords(move, "较上月"));
  }
  if (parts.length === 0) return null;

  // "1—10月累计312单，月均31.2单": the span is said once
  const spanSaid = yearMonths.length === 1 || parts.some((part) => part.startsWith(span));
  for (const judgement of words.judgementsOf(indicator)) {
    const text = targetWords(judgement, indicator, span, spanSaid);
    if (text) parts.push(text);
  }
  if (rankIndicator) {
    for (const judgement of words.judgementsOf(rankIndicator)) {
      const text = targetWords(judgement, rankIndicator, span, spanSaid);
      if (text) parts.push(text);
    }
  }
  return parts.join("，");
}

type Closing = {
  red: MonthBriefRed[];
  amber: MonthBriefRed[];
  pending: MonthBriefRed[];
  green: number;
  emptyMonths: Month[];
  unreported: string[];
  month: Month;
};

function closingSentences(input: Closing): string | null {
  const { year, month: m } = monthParts(input.month);
  const sentences: string[] = [];
  const names = (items: readonly MonthBriefRed[]) => [...new Set(items.map((item) => item.name))].join("、");
  const groups = [
    input.red.length > 0 ? `未达标的有${input.red.length}项（${names(input.red)}）` : null,
    input.amber.length > 0 ? `接近目标但尚未达到的有${input.amber.length}项（${names(input.amber)}）` : null,
    input.pending.length > 0 ? `因有月份未填报尚不能判定的有${input.pending.length}项（${names(input.pending)}）` : null,
  ].filter((group): group is string => group !== null);
  if (groups.length > 0) sentences.push(`对照${year}年目标，${input.green > 0 ? `已达到的有${input.green}项，` : ""}${groups.join("，")}。`);
  else if (input.green > 0) sentences.push(`对照${year}年目标，已评估的${input.green}项目标均已达到。`);
  if (input.emptyMonths.length > 0) sentences.push(`${year}年${monthsText(input.emptyMonths)}尚未填报数据。`);
  if (!input.emptyMonths.includes(input.month) && input.unreported.length > 0) {
    const names = input.unreported.length <= 6 ? `：${input.unreported.join("、")}` : "";
    sentences.push(`${m}月尚有${input.unreported.length}项指标未填报${names}。`);
  }
  return sentences.length > 0 ? sentences.join("") : null;
}

function tableRow(indicator: CatalogEntry, words: Words): MonthBriefRow {
  const { month, yearMonths, seriesOf } = words;
  const series = seriesOf(indicator.key);
  const value = series.get(month);
  const before = series.get(previousMonth(month));
  const soFar = indicator.kind === "flow" ? summarize("flow", series, yearMonths, indicator.decimals) : null;
  const missing = yearMonths.filter((candidate) => !series.has(candidate));
  const rankIndicator = words.rankOf(indicator);
  const rankSeries = rankIndicator ? seriesOf(rankIndicator.key) : NO_SERIES;
  const rank = rankSeries.get(month);
  const judgements = [...words.judgementsOf(indicator), ...(rankIndicator ? words.judgementsOf(rankIndicator) : [])];
  return {
    key: indicator.key,
    name: indicator.name,
    category: indicator.category,
    valueText: value === undefined ? "未填报" : formatCompact(value, indicator),
    changeText: value === undefined || before === undefined ? null : formatChange(value - before, indicator),
    yearToDateText:
      soFar && soFar.value !== null && !soFar.fromAnnual ? `${formatCompact(soFar.value, indicator)}${missing.length > 0 ? `（缺${monthRunsText(missing)}）` : ""}` : null,
    rankText: rankIndicator && rank !== undefined ? formatRank(rank, words.rankedUnitsOf(rankIndicator.key, month)) : null,
    rankChangeText: rankIndicator && rank !== undefined && rankSeries.has(previousMonth(month)) ? formatMovement(movement(rank, rankSeries.get(previousMonth(month)))) : null,
    targetTexts: judgements.filter((judgement) => judgement.status !== "none").map((judgement) => `${judgement.statusLabel}：${judgement.summary}`),
  };
}
