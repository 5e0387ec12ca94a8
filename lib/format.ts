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
 * The value for a card: round to the indicator's decimals first, then choose the unit the rounded
 * figure reads best in, so that no unit boundary is crossed by rounding afterwards (9999.996万元 is
 * 1.00亿元, never 10000.00万元). 万元 sums of 1亿 or more in 亿元 (1.39亿元), other 万 units likewise
 * (万人次 → 亿人次); plain counts of 10万 or more in 万 (12.35万人) and of 1亿 or more in 亿.
 */
export function formatCompact(value: number, indicator: Formattable): string {
  if (indicator.kind === "rank") return formatRank(value);
  const exact = roundTo(value, indicator.decimals);
  if (indicator.unit === "%") return formatExact(exact, indicator);
  if (indicator.unit.startsWith("万") && indicator.unit.length > 1) {
    // already in 万: 10000万 and more read in 亿
    return Math.abs(exact) >= WAN ? `${formatNumber(exact / WAN, 2)}亿${indicator.unit.slice(1)}` : formatExact(exact, indicator);
  }
  if (Math.abs(exact) < 10 * WAN) return formatExact(exact, indicator);
  const inWan = roundTo(exact / WAN, 2);
  // a figure that rounds to 10000.00万 is written 1.00亿
  if (Math.abs(inWan) < WAN) return `${formatNumber(inWan, 2)}万${indicator.unit}`;
  return `${formatNumber(exact / YI, 2)}亿${indicator.unit}`;
}

/** A plain number for a chart axis: 12000 → 1.2万. For a whole axis, use `axisLabels`, which never repeats a label. */
export function formatAxis(value: number): string {
  const inYi = roundTo(value / YI, 2);
  if (Math.abs(inYi) >= 1) return `${trimZeros(formatNumber(inYi, 2))}亿`;
  const inWan = roundTo(value / WAN, 2);
  if (Math.abs(inWan) >= 1) return `${trimZeros(formatNumber(inWan, 2))}万`;
  return trimZeros(formatNumber(value, 2));
}

/**
 * Labels for evenly spaced axis ticks: one scale (none, 万 or 亿) for the whole axis, and as many
 * decimals as the step needs, so that neighbouring ticks never read alike ("2.15万 2.15万").
 */
export function axisLabels(ticks: readonly number[]): string[] {
  if (ticks.length === 0) return [];
  const step = ticks.length > 1 ? Math.abs((ticks[1] ?? 0) - (ticks[0] ?? 0)) : 0;
  const largest = Math.max(...ticks.map(Math.abs));
  // a scale is used only while the step still reads in at most two decimals of it
  const scale = largest >= YI && (step === 0 || step >= YI / 100) ? { factor: YI, word: "亿" }
    : largest >= WAN && (step === 0 || step >= WAN / 100) ? { factor: WAN, word: "万" }
    : { factor: 1, word: "" };
  const places = step === 0 ? 2 : decimalsOf(step / scale.factor);
  const labels = ticks.map((tick) => `${formatNumber(tick / scale.factor, places)}${scale.word}`);
  return step === 0 ? labels.map((label) => trimZeros(label.replace(scale.word, "")) + scale.word) : labels;
}

/** An axis's tick labels (axisLabels) as a lookup by the tick's value, for a chart's tick formatter. */
export function axisLabeller(ticks: readonly number[]): (tick: number) => string {
  const labels = axisLabels(ticks);
  const byTick = new Map(ticks.map((tick, index) => [tick, labels[index] ?? String(tick)]));
  return (tick) => byTick.get(tick) ?? String(tick);
}

/** The fewest decimals that write `step` exactly (0.25 → 2, 500 → 0). */
function decimalsOf(step: number): number {
  for (let places = 0; places < 8; places += 1) {
    const shifted = step * 10 ** places;
    if (Math.abs(shifted - Math.round(shifted)) < 1e-6) return places;
  }
  return 8;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** The unit a change is counted in: a percentage's change is in 个百分点 (0.18个百分点, never 0.18%). */
export function changeUnit(indicator: Pick<Formattable, "unit">): string {
  return indicator.unit === "%" ? "个百分点" : indicator.unit;
}

/**
 * A change as a spreadsheet cell holds it: the number as the page shows it (points for a
 * percentage, never a fraction under a % format) with its unit in the number format.
 */
export function sheetChange(delta: number, indicator: Pick<Formattable, "unit" | "decimals">): { value: number; numFmt: string } {
  const places = indicator.decimals > 0 ? `.${"0".repeat(indicator.decimals)}` : "";
  const unit = changeUnit(indicator).replace(/"/g, "");
  const shown = unit === "" ? `0${places}` : `0${places}"${unit}"`;
  return { value: roundTo(delta, indicator.decimals), numFmt: `+${shown};-${shown};"持平"` };
}

/**
 * A change from one period to the next. For a rank a smaller number is better, so a fall
 * of the number reads as 上升 (moving up the table).
 */
export function formatChange(delta: number, indicator: Formattable): string {
  const rounded = roundTo(delta, indicator.decimals);
  if (rounded === 0) return "持平";
  if (indicator.kind === "rank") return rounded < 0 ? `上升${-rounded}名` : `下降${rounded}名`;
  const unit = changeUnit(indicator);
  const sign = rounded > 0 ? "+" : "-";
  return `${sign}${formatNumber(Math.abs(rounded), indicator.decimals)}${unit}`;
}

/** A ratio as a percentage with one decimal: 0.9412 → 94.1%. */
export function formatPercent(ratio: number, decimals = 1): string {
  return `${formatNumber(ratio * 100, decimals)}%`;
}

/** Built once: making an Intl.DateTimeFormat costs far more than using one (a page may format hundreds of times). */
const DATE_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(date: Date): string {
  const parts = DATE_TIME.formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
