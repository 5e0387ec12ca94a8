/**
 * The one place that decides how an indicator stands against its target, and says so in words. The
 * dashboard, the rankings, the targets page, the league, the review queue, the monthly brief, the
 * review pack and its files only render what `judge` returns, so they can never disagree.
 *
 * A judgement is asked for at a month (`asOf`): the target is judged on its own period as the figures
 * stand then — for every rule today, the year from January to that month (`judgedMonths` in
 * ./targets). A page about a quarter or a month asks at the month it is about (a quarter: its last
 * month that is over, see `quarterJudgedAt`) and shows that period's own figures beside it as facts.
 */
import type { Series } from "./aggregate";
import { isPercentage, type IndicatorDefinition } from "./catalog";
import { formatExact, formatNumber, formatPercent } from "./format";
import { roundTo } from "./numbers";
import { monthParts, monthsOfQuarter, type Month, type Quarter } from "./periods";
import {
  DEFAULT_BANDS,
  evaluateTarget,
  STATUS_LABELS,
  TARGET_RULE_LABELS,
  type Status,
  type StatusBands,
  type TargetEvaluation,
  type TargetSpec,
} from "./targets";

/**
 * The month a quarter's judgements are asked at: its last month once that is over; for a quarter
 * still running, its last month that is over (the running month is not judged until it ends); for a
 * quarter not begun, its first month (nothing of it counts yet).
 */
export function quarterJudgedAt(quarter: Quarter, today: Month): Month {
  const months = monthsOfQuarter(quarter);
  const over = months.filter((month) => month < today);
  return over.at(-1) ?? months[0] ?? today;
}

/** "目标按全年要求评估（2026年1—9月）": the months a page's judgements are on, for it to say. */
export function judgedAtText(asOf: Month): string {
  const { year, month } = monthParts(asOf);
  return `目标按全年要求评估（${year}年${month === 1 ? "1月" : `1—${month}月`}）`;
}

export type Judgement = {
  target: TargetSpec;
  /** e.g. "月均不少于 34单" */
  label: string;
  source: string;
  /** e.g. "自2024年起" */
  inForceText: string;
  status: Status;
  statusLabel: string;
  evaluation: TargetEvaluation;
  /** The attainment a page shows as a percentage; null where it would mislead (ranks, levels in %, "at most" levels). */
  shownAttainment: number | null;
  /** The result in a few words: "达成 103.5%", "差 3 名", "差 4.63 个百分点", "已达到"; null without data. */
  resultText: string | null;
  /** e.g. "本年月均 32.0单，达成 94.1%（缺3月）" */
  summary: string;
  /** e.g. "其余 10 个月每月需 ≥ 37单" */
  catchUpText: string | null;
};

type Judged = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals">;

export function targetLabel(target: TargetSpec, indicator: Judged): string {
  const value = formatExact(target.value, indicator);
  if (target.rule === "rank_at_most") return `全省排名不低于第${target.value}名`;
  if (target.rule === "year_end_level") return `年末${target.comparator === "at_most" ? "不高于" : "不低于"} ${value}`;
  if (target.comparator === "at_most") return `${TARGET_RULE_LABELS[target.rule].replace("不少于", "不多于")} ${value}`;
  return `${TARGET_RULE_LABELS[target.rule]} ${value}`;
}

/** The years a target applies to, in words: "自2024年起", "仅2025年", "2024—2025年". */
export function inForceText(target: Pick<TargetSpec, "fromYear" | "untilYear">): string {
  if (target.untilYear === null) return `自${target.fromYear}年起`;
  if (target.untilYear === target.fromYear) return `仅${target.fromYear}年`;
  return `${target.fromYear}—${target.untilYear}年`;
}

/** Months of one year in words: "3月、4月". */
export function monthsText(months: readonly Month[]): string {
  return months.map((month) => `${monthParts(month).month}月`).join("、");
}

export function judge(input: {
  target: TargetSpec;
  indicator: Judged;
  series: Series;
  /** The month the figures are judged as they stand at (its year, January to it, is judged). */
  asOf: Month;
  /** The month now running. */
  today: Month;
  bands?: StatusBands;
}): Judgement {
  const { target, indicator, series, asOf, today } = input;
  const evaluation = evaluateTarget(target, indicator, series, asOf, today, input.bands ?? DEFAULT_BANDS);
  return {
    target,
    label: targetLabel(target, indicator),
    source: target.source,
    inForceText: inForceText(target),
    status: evaluation.status,
    statusLabel: STATUS_LABELS[evaluation.status],
    evaluation,
    shownAttainment: speaksInPercent(target, indicator) ? evaluation.shownAttainment : null,
    resultText: resultText(target, indicator, evaluation),
    summary: summary(target, indicator, evaluation),
    catchUpText: catchUpText(indicator, target, evaluation),
  };
}

/** How far the judged figure is from the target, in the indicator's own terms (null once met). */
function gap(target: TargetSpec, indicator: Judged, actual: number): number | null {
  const difference = target.comparator === "at_least" ? target.value - actual : actual - target.value;
  const rounded = roundTo(difference, indicator.decimals);
  return rounded > 0 ? rounded : null;
}

function amountText(amount: number, indicator: Judged): string {
  return isPercentage(indicator) ? `${formatNumber(amount, indicator.decimals)} 个百分点` : formatExact(amount, indicator);
}

/** Whether the result reads as a percentage attained: not for ranks, levels in %, or "at most" levels. */
function speaksInPercent(target: TargetSpec, indicator: Judged): boolean {
  if (target.rule === "rank_at_most") return false;
  return !(target.rule === "year_end_level" && (isPercentage(indicator) || target.comparator === "at_most"));
}

/**
 * An average as shown: one decimal more than the figures, or more where that would round it across
 * the target (33.96 against 34 reads 33.96, not 34.0); never more than two extra decimals.
 */
export function averageText(average: number, target: Pick<TargetSpec, "value" | "comparator">, indicator: Pick<Judged, "decimals" | "unit">): string {
  const meets = (value: number) => (target.comparator === "at_least" ? value >= target.value : value <= target.value);
  const decimals = [indicator.decimals + 1, indicator.decimals + 2].find((places) => meets(roundTo(average, places)) === meets(average)) ?? indicator.decimals + 1;
  return `${formatNumber(average, decimals)}${indicator.unit}`;
}

function resultText(target: TargetSpec, indicator: Judged, evaluation: TargetEvaluation): string | null {
  const { actual, shownAttainment } = evaluation;
  if (actual === null || shownAttainment === null) return null;
  if (speaksInPercent(target, indicator)) return `达成 ${formatPercent(shownAttainment)}`;
  const short = gap(target, indicator, actual);
  if (short === null) return "已达到";
  if (target.rule === "rank_at_most") return `差 ${short} 名`;
  return target.comparator === "at_most" ? `超出 ${amountText(short, indicator)}` : `差 ${amountText(short, indicator)}`;
}

function summary(target: TargetSpec, indicator: Judged, evaluation: TargetEvaluation): string {
  const { actual, window } = evaluation;
  const word = "本年";
  const lastCounted = window.counted.at(-1);
  if (!lastCounted) return `${word}尚无已过去的月份`;
  const notes: string[] = [];
  const asOf = window.months.at(-1);
  if (asOf && lastCounted < asOf) notes.push(`截至${monthParts(lastCounted).month}月`);
  if (window.missing.length > 0) notes.push(`缺${monthsText(window.missing)}`);
  const tail = notes.length > 0 ? `（${notes.join("；")}）` : "";
  if (actual === null) return `${word}未填报${tail}`;

  const result = resultText(target, indicator, evaluation);
  switch (target.rule) {
    case "monthly_avg":
      return `${word}月均 ${averageText(actual, target, indicator)}，${result}${tail}`;
    case "monthly_min": {
      const streak = evaluation.streak > 1 ? `，已连续 ${evaluation.streak} 个月` : "";
      const below = evaluation.monthsMissing.length > 0 ? `，${monthsText(evaluation.monthsMissing)}未达到` : "";
      return `${word} ${evaluation.monthsMeeting}/${evaluation.monthsReported} 个月达到${below}${streak}${tail}`;
    }
    case "annual_total":
      return `${word}累计 ${formatExact(actual, indicator)}，按进度应达 ${formatNumber(evaluation.expected, indicator.decimals)}${indicator.unit}，${result}${tail}`;
    case "year_end_level":
    case "rank_at_most": {
      // a level or a rank is judged on its latest figure; an older one says which month it is from
      const month = evaluation.actualMonth;
      const from = month && month !== lastCounted ? `（${monthParts(month).month}月）` : "";
      const short = gap(target, indicator, actual);
      const more = target.rule === "year_end_level" && !isPercentage(indicator) && target.comparator === "at_least" && short !== null
        ? `，还差 ${formatExact(short, indicator)}`
        : "";
      const through = notes.filter((note) => note.startsWith("截至"));
      const value = indicator.kind === "rank" ? formatExact(actual, indicator) : ` ${formatExact(actual, indicator)}`;
      return `当前${value}${from}，${result}${more}${through.length > 0 ? `（${through.join("；")}）` : ""}`;
    }
  }
}

function catchUpText(indicator: Judged, target: TargetSpec, evaluation: TargetEvaluation): string | null {
  const catchUp = evaluation.catchUp;
  if (!catchUp) return null;
  if (target.rule === "year_end_level") {
    if (catchUp.perMonth === 0) return null;
    const verb = isPercentage(indicator) ? "提高" : "增加";
    return `其余 ${catchUp.remainingMonths} 个月每月需${verb} ${amountText(catchUp.perMonth, indicator)}`;
  }
  if (catchUp.perMonth === 0) return "已达到全年要求";
  const unreported = catchUp.unreportedMonths > 0 ? `（含 ${catchUp.unreportedMonths} 个未填报月份）` : "";
  return `其余 ${catchUp.remainingMonths} 个月${unreported}每月需 ≥ ${formatExact(catchUp.perMonth, indicator)}`;
}

/** The value one month's own figure is held to (e.g. 34 for "at least 34 a month on average"), if any. */
export function monthlyThreshold(targets: readonly TargetSpec[]): number | null {
  const monthly = targets.find((target) => target.rule === "monthly_avg" || target.rule === "monthly_min");
  return monthly?.value ?? null;
}

/** Whether a month's own figure falls short of its monthly target value. */
export function monthFallsShort(targets: readonly TargetSpec[], value: number | null): boolean {
  const threshold = monthlyThreshold(targets);
  return threshold !== null && value !== null && value < threshold;
}
