/**
 * Numbers for Chinese readers, written the way the source document writes them:
 * plain digits with the unit after them (14312人, 878.44万人次, 4.87%), 亿 for large sums
 * (13900万元 reads 1.39亿元), ranks as 第N名.
 */
import type { IndicatorDefinition } from "./catalog";
import { roundTo } from "./numbers";

export { roundTo };

type Formattable = Pick<IndicatorDefinition, "unit" | "decimals" | "kind">;

const WAN = 10_000;
const YI = 100_000_000;

/** Digits only, with exactly `decimals` places: 878.44, 14312, 4.87. */
export function formatNumber(value: number, decimals: number): string {
  const rounded = roundTo(value, decimals);
  return rounded.toFixed(decimals);
}

export function formatRank(rank: number, rankedUnits?: number | null): string {
  return rankedUnits ? `第${rank}名（共${rankedUnits}）` : `第${rank}名`;
}

/** The value as entered, with its unit: for tables and the entry form. */
export function formatExact(value: number, indicator: Formattable): string {
  if (indicator.kind === "rank") return formatRank(value);
  return `${formatNumber(value, indicator.decimals)}${indicator.unit}`;
}

/** A stored figure as entered; a rank with N when the bulletin gave it: 第12名（共183）. */
export function formatFigure(value: number, indicator: Formattable, rankedUnits?: number | null): string {
  return indicator.kind === "rank" ? formatRank(value, rankedUnits) : formatExact(value, indicator);
}

/** A revision's side: a figure, or （空） where there was none. */
export function formatRevisionValue(value: number | null, indicator: Formattable, rankedUnits?: number | null): string {
  return value === null ? "（空）" : formatFigure(value, indicator, rankedUnits);
}

/**
 * The value for a card or a chart label: 万元 sums of 1亿 or more in 亿元 (1.39亿元),
 * head counts of 10万 or more in 万 (12.35万人); everything else as entered.
 */
export function formatCompact(value: number, indicator: Formattable): string {
  if (indicator.kind === "rank") return formatRank(value);
  if (indicator.unit === "万元" && Math.abs(value) >= WAN) return `${formatNumber(value / WAN, 2)}亿元`;
  if (indicator.unit === "元" && Math.abs(value) >= YI) return `${formatNumber(value / YI, 2)}亿元`;
  if (!indicator.unit.startsWith("万") && indicator.unit !== "%" && Math.abs(value) >= 10 * WAN) {
    return `${formatNumber(value / WAN, 2)}万${indicator.unit}`;
  }
  return formatExact(value, indicator);
}

/** A plain number for a chart axis: 12000 → 1.2万. */
export function formatAxis(value: number): string {
  if (Math.abs(value) >= YI) return `${trimZeros(formatNumber(value / YI, 2))}亿`;
  if (Math.abs(value) >= WAN) return `${trimZeros(formatNumber(value / WAN, 2))}万`;
  return trimZeros(formatNumber(value, 2));
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * A change from one period to the next. For a rank a smaller number is better, so a fall
 * of the number reads as 上升 (moving up the table).
 */
export function formatChange(delta: number, indicator: Formattable): string {
  const rounded = roundTo(delta, indicator.decimals);
  if (rounded === 0) return "持平";
  if (indicator.kind === "rank") return rounded < 0 ? `上升${-rounded}名` : `下降${rounded}名`;
  const unit = indicator.unit === "%" ? "个百分点" : indicator.unit;
  const sign = rounded > 0 ? "+" : "-";
  return `${sign}${formatNumber(Math.abs(rounded), indicator.decimals)}${unit}`;
}

/** A ratio as a percentage with one decimal: 0.9412 → 94.1%. */
export function formatPercent(ratio: number, decimals = 1): string {
  return `${formatNumber(ratio * 100, decimals)}%`;
}

export function formatDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
