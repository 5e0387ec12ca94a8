/**
 * Numbers and periods in the words of a 工作简报: 万 and 亿 for large figures, 个百分点 for a rate's
 * change, 第N名 for a rank, "1—10月" with the dash Chinese documents use for a span of months.
 */
import { isPercentage, type IndicatorDefinition } from "../catalog";
import { formatCompact, formatNumber, formatPercent } from "../format";
import { roundTo } from "../numbers";
import { monthParts, type Month } from "../periods";
import type { Movement } from "../rankings";

type Worded = Pick<IndicatorDefinition, "unit" | "decimals" | "kind">;

/** The dash of a span (一字线, U+2014), as in "1—10月". */
export const SPAN_DASH = "—";

/** A figure with its unit, in 万 or 亿 where it is large: 15113人, 12.35万人, 1.39亿元, 4.87%. */
export function amount(value: number, indicator: Worded): string {
  return formatCompact(value, indicator);
}

/** A change in words: "增加801人", "减少5条", "提高0.12个百分点", "持平". */
export function changeWords(delta: number, indicator: Worded): string {
  const rounded = roundTo(delta, indicator.decimals);
  if (rounded === 0) return "持平";
  if (isPercentage(indicator)) return `${rounded > 0 ? "提高" : "降低"}${formatNumber(Math.abs(rounded), indicator.decimals)}个百分点`;
  return `${rounded > 0 ? "增加" : "减少"}${amount(Math.abs(rounded), indicator)}`;
}

/** A relative change: "增长5.3%", "下降2.1%"; null where it reads as nothing (0.0 %). */
export function relativeWords(ratio: number): string | null {
  const shown = roundTo(ratio * 100, 1);
  if (shown === 0) return null;
  return `${shown > 0 ? "增长" : "下降"}${formatPercent(Math.abs(ratio))}`;
}

/** Months of one year as a span: "10月", "1—10月", "7—9月". */
export function monthSpan(first: Month, last: Month): string {
  const from = monthParts(first).month;
  const to = monthParts(last).month;
  return from === to ? `${to}月` : `${from}${SPAN_DASH}${to}月`;
}

/** Months of one year, runs written as spans: "1—6月、8月", "7月、9月"; each month once, in order. */
export function monthRunsText(months: readonly Month[]): string {
  const sorted = [...new Set(months)].sort();
  const runs: Month[][] = [];
  for (const month of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && monthParts(month).month === monthParts(last).month + 1 && monthParts(month).year === monthParts(last).year) run.push(month);
    else runs.push([month]);
  }
  return runs
    .map((run) => {
      const [first] = run;
      const last = run.at(-1);
      // a run of two reads better as two months than as a span
      return first && last && run.length > 2 ? monthSpan(first, last) : run.map((month) => `${monthParts(month).month}月`).join("、");
    })
    .join("、");
}

/** A provincial place: "第1（共183个单位）" with the number of units ranked, "第3名" without. */
export function rankWords(rank: number, rankedUnits: number | null): string {
  return rankedUnits ? `第${rank}（共${rankedUnits}个单位）` : `第${rank}名`;
}

/** How a rank moved since an earlier point: "较上月持平", "较上季末上升2名", "较上月下降1名". */
export function movementWords(move: Movement, since: string): string {
  if (move.direction === "same") return `${since}持平`;
  return `${since}${move.direction === "up" ? "上升" : "下降"}${move.places}名`;
}

/** How a district's association calls itself in its own brief: 西区 → 我区, 米易县 → 我县. */
export function selfReference(shortName: string): string {
  const last = shortName.trim().at(-1);
  return last && "区县市州旗".includes(last) ? `我${last}` : "我单位";
}

/** An indicator's name inside a "其中…" list: "其中：新增科技工作者" reads "新增科技工作者". */
export function partName(name: string): string {
  return name.replace(/^其中[：:]/, "");
}

/** Who set a target, from its source: "省科协要求" → "省科协"; null when the source is not "…要求". */
export function requirementOwner(source: string): string | null {
  const trimmed = source.trim();
  return trimmed.endsWith("要求") && trimmed.length > 2 ? trimmed.slice(0, -2) : null;
}

/** "2026年11月27日": the date of a document, in Beijing time. */
export function documentDate(date: Date): string {
  const china = new Date(date.getTime() + 8 * 60 * 60 * 1000);
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}
