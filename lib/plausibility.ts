/**
 * Plausibility flags: a figure far outside the indicator's own history is not refused — it may be
 * true — but it is not saved until someone says they checked it ("我已核对，数值无误"). The rule
 * works on the indicator's kind:
 * - every count or amount (flow, stock, a rate that is not a percentage): more than 5× or less than
 *   a fifth of the median of its last 6 reported values (at least 3 of them), the difference at least
 *   20 of its unit, so that a small count going 1 → 6 is not a question;
 * - a stock moves by about its flow: a change far beyond its recent changes (more than 5× their
 *   median, at least 20 of its unit), or any decrease of a cumulative count (累计…);
 * - a percentage is bounded: a jump of 5 percentage points or more, unless its recent changes are
 *   that large too;
 * - a rank: a jump of 30 places or more (12 → 150), unless its recent changes are that large too,
 *   or a place beyond the number of units ranked in the last bulletin;
 * - a 万-sized jump in a count or amount: the value ÷ 10 000 close to (within a factor of 3 of) the
 *   previous one — "1.2万" pasted where 2 was meant, or 元 typed where 万元 are asked for.
 * The history is the figures of the same kind of period (months for a month, whole years for a
 * year) in the 12 periods before, the last 6 of them for the medians. Each flag says in words
 * what history it departs from.
 */
import type { IndicatorDefinition } from "./catalog";
import { formatNumber, formatRank } from "./format";
import { formatMonth, isMonth, monthParts } from "./periods";

/** How many periods back the history reaches, and how many of its latest values the medians use. */
export const HISTORY_PERIODS = 12;
const WINDOW = 6;
/** Fewer values than this make no median worth comparing with. */
const MIN_VALUES = 3;
const RATIO = 5;
/** The smallest difference, in the indicator's own unit, that is ever a question. */
const FLOOR = 20;
const RATE_POINTS = 5;
const RANK_PLACES = 30;
const WAN = 10_000;
const WAN_CLOSENESS = 3;

export type HistoryPoint = { period: string; value: number; rankedUnits: number | null };

export type PlausibilityIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals" | "accumulatesKey">;

export type CheckedFigure = { period: string; value: number; rankedUnits: number | null };

/** A figure flagged as far outside its history, and the history it departs from, in words. */
export type PlausibilityFlag = { key: string; period: string; value: number; text: string };

/** The period's place on one line of months (or of years), so that distances are counted in periods. */
function periodIndex(period: string): number {
  if (isMonth(period)) {
    const { year, month } = monthParts(period);
    return year * 12 + month - 1;
  }
  return Number(period);
}

function sameKind(a: string, b: string): boolean {
  return isMonth(a) === isMonth(b);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The figures of the same kind of period in the `HISTORY_PERIODS` before `period`, oldest first. */
export function historyBefore(period: string, history: readonly HistoryPoint[]): HistoryPoint[] {
  const at = periodIndex(period);
  return history
    .filter((point) => sameKind(point.period, period) && periodIndex(point.period) < at && at - periodIndex(point.period) <= HISTORY_PERIODS)
    .sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
}

/**
 * A history with other figures laid over it (an import's own earlier months, which it writes before
 * the later ones): where both give a period, the overlay's figure is the one that will stand.
 */
export function overlayHistory(stored: readonly HistoryPoint[], overlay: readonly HistoryPoint[]): HistoryPoint[] {
  const byPeriod = new Map(stored.map((point) => [point.period, point]));
  for (const point of overlay) byPeriod.set(point.period, point);
  return [...byPeriod.values()];
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A count or amount with its unit; a median may fall between two values, so it keeps one more place. */
function amount(value: number, indicator: PlausibilityIndicator, extraPlaces = 0): string {
  if (indicator.kind === "rank") return formatRank(Math.round(value));
  return `${trimZeros(formatNumber(value, indicator.decimals + extraPlaces))}${indicator.unit}`;
}

function times(ratio: number): string {
  if (ratio >= 100) return String(Number(ratio.toPrecision(2)));
  if (ratio >= 10) return String(Math.round(ratio));
  return trimZeros(ratio.toFixed(1));
}

function periodLabel(period: string): string {
  return isMonth(period) ? formatMonth(period) : `${period}年`;
}

/** "上月" / "上年" for the period just before, else the period itself. */
function previousLabel(previous: HistoryPoint, period: string): string {
  if (periodIndex(period) - periodIndex(previous.period) === 1) return isMonth(period) ? "上月" : "上年";
  return periodLabel(previous.period);
}

/** "近6个月" when the values are the periods just before, else the span they come from. */
function spanLabel(points: readonly HistoryPoint[], period: string): string {
  const first = points[0];
  const last = points[points.length - 1];
  const unit = isMonth(period) ? "个月" : "年";
  if (!first || !last) return "";
  const consecutive = periodIndex(last.period) - periodIndex(first.period) === points.length - 1;
  if (consecutive && periodIndex(period) - periodIndex(last.period) === 1) return `近${points.length}${unit}`;
  return `${periodLabel(first.period)}至${periodLabel(last.period)}已填的${points.length}${unit}`;
}

/** Each change between consecutive values, per period between them. */
function changesOf(points: readonly HistoryPoint[]): number[] {
  const changes: number[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const before = points[index - 1];
    const after = points[index];
    if (!before || !after) continue;
    changes.push((after.value - before.value) / (periodIndex(after.period) - periodIndex(before.period)));
  }
  return changes;
}

/** The median size of the recent changes, or null when too few are known to judge by. */
function typicalChange(points: readonly HistoryPoint[]): number | null {
  const changes = changesOf(points);
  return changes.length >= MIN_VALUES ? median(changes.map(Math.abs)) : null;
}

/** A change far beyond the recent ones: `floor` or more, and more than 5× their median (when known). */
function beyondRecentChanges(change: number, typical: number | null, floor: number): boolean {
  return Math.abs(change) >= floor && (typical === null || Math.abs(change) > RATIO * typical);
}

function levelReason(indicator: PlausibilityIndicator, figure: CheckedFigure, window: readonly HistoryPoint[]): string | null {
  if (window.length < MIN_VALUES) return null;
  const typical = median(window.map((point) => point.value));
  const value = figure.value;
  const high = value > RATIO * typical && value - typical >= FLOOR;
  const low = value < typical / RATIO && typical - value >= FLOOR;
  if (!high && !low) return null;
  const ratio = high ? (typical > 0 ? `（约${times(value / typical)}倍）` : "") : value > 0 ? `（约为其1/${Math.round(typical / value)}）` : "";
  return `${spanLabel(window, figure.period)}中位数 ${amount(typical, indicator, 1)}，本次 ${amount(value, indicator)}${ratio}`;
}

function isCumulative(indicator: PlausibilityIndicator): boolean {
  return indicator.accumulatesKey !== null || indicator.name.includes("累计");
}

function stockReason(indicator: PlausibilityIndicator, figure: CheckedFigure, window: readonly HistoryPoint[]): string | null {
  const previous = window[window.length - 1];
  if (!previous) return null;
  const difference = figure.value - previous.value;
  const label = previousLabel(previous, figure.period);
  if (difference < 0 && isCumulative(indicator)) {
    return `${label} ${amount(previous.value, indicator)}，本次 ${amount(figure.value, indicator)}（减少 ${amount(-difference, indicator)}）：累计数一般不会减少`;
  }
  const typical = typicalChange([...window]);
  const change = difference / (periodIndex(figure.period) - periodIndex(previous.period));
  if (typical === null || !beyondRecentChanges(change, typical, FLOOR)) return null;
  const per = isMonth(figure.period) ? "每月" : "每年";
  return `${spanLabel(window, figure.period)}${per}变化中位数 ${amount(typical, indicator, 1)}，本次比${label}${difference > 0 ? "增加" : "减少"} ${amount(Math.abs(difference), indicator)}`;
}

function percentReason(indicator: PlausibilityIndicator, figure: CheckedFigure, window: readonly HistoryPoint[]): string | null {
  const previous = window[window.length - 1];
  if (!previous) return null;
  const difference = figure.value - previous.value;
  const change = difference / (periodIndex(figure.period) - periodIndex(previous.period));
  if (!beyondRecentChanges(change, typicalChange(window), RATE_POINTS)) return null;
  const points = trimZeros(formatNumber(Math.abs(difference), indicator.decimals));
  return `${previousLabel(previous, figure.period)} ${amount(previous.value, indicator)}，本次 ${amount(figure.value, indicator)}（${difference > 0 ? "上升" : "下降"} ${points}个百分点）`;
}

function rankReasons(figure: CheckedFigure, window: readonly HistoryPoint[]): string[] {
  const previous = window[window.length - 1];
  if (!previous) return [];
  const reasons: string[] = [];
  const lastRanked = [...window].reverse().find((point) => point.rankedUnits !== null);
  const lastUnits = lastRanked?.rankedUnits ?? null;
  if (lastRanked && lastUnits !== null && figure.rankedUnits === null && figure.value > lastUnits) {
    reasons.push(`${periodLabel(lastRanked.period)}通报共 ${lastUnits} 个单位参与排名，本次为${formatRank(figure.value)}`);
  }
  const difference = figure.value - previous.value;
  const change = difference / (periodIndex(figure.period) - periodIndex(previous.period));
  if (beyondRecentChanges(change, typicalChange(window), RANK_PLACES)) {
    reasons.push(`${previousLabel(previous, figure.period)}${formatRank(previous.value)}，本次${formatRank(figure.value)}（${difference > 0 ? "下降" : "上升"} ${Math.abs(difference)} 名）`);
  }
  return reasons;
}

/** The value ÷ 10 000 close to the previous value: a 万 too many (or 元 where 万元 are asked for). */
function wanReason(indicator: PlausibilityIndicator, figure: CheckedFigure, window: readonly HistoryPoint[]): string | null {
  const previous = window[window.length - 1];
  if (!previous || previous.value <= 0) return null;
  const shrunk = figure.value / WAN;
  if (shrunk < previous.value / WAN_CLOSENESS || shrunk > previous.value * WAN_CLOSENESS) return null;
  return `本次 ${amount(figure.value, indicator)} 除以1万为 ${trimZeros(shrunk.toFixed(indicator.decimals + 2))}，与${previousLabel(previous, figure.period)}的 ${amount(previous.value, indicator)} 相近：是否多了一个“万”，或单位填错？`;
}

/**
 * Whether `figure` lies far outside the indicator's own history (the figures of the same kind of
 * period before it; any others are ignored), and if so the flag that says how, or null.
 */
export function plausibilityFlag(indicator: PlausibilityIndicator, figure: CheckedFigure, history: readonly HistoryPoint[]): PlausibilityFlag | null {
  const window = historyBefore(figure.period, history).slice(-WINDOW);
  if (window.length === 0) return null;
  const reasons: (string | null)[] = [];
  switch (indicator.kind) {
    case "flow":
      reasons.push(levelReason(indicator, figure, window), wanReason(indicator, figure, window));
      break;
    case "stock":
      reasons.push(levelReason(indicator, figure, window), stockReason(indicator, figure, window), wanReason(indicator, figure, window));
      break;
    case "rate":
      reasons.push(indicator.unit === "%" ? percentReason(indicator, figure, window) : levelReason(indicator, figure, window));
      break;
    case "rank":
      reasons.push(...rankReasons(figure, window));
      break;
  }
  const said = reasons.filter((reason): reason is string => reason !== null);
  return said.length === 0 ? null : { key: indicator.key, period: figure.period, value: figure.value, text: said.join("；") };
}

/** What a revision keeps of a flag that was checked and confirmed. */
export function confirmedNote(flag: Pick<PlausibilityFlag, "text">): string {
  return `异常值已核对：${flag.text}`;
}

/** The entry form's tick beside a flagged field: its value is the figure confirmed, so a changed figure is not. */
export function plausibleField(key: string): string {
  return `plausible__${key}`;
}

export const PLAUSIBLE_PREFIX = "plausible__";

/** The figures a posted form confirms, by key, from its ticks (`plausible__KEY` = the value as typed). */
export function formConfirmations(input: Readonly<Record<string, string | undefined>>, keys: readonly string[]): Map<string, number> {
  const confirmed = new Map<string, number>();
  for (const key of keys) {
    const text = input[plausibleField(key)]?.trim();
    if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) continue;
    confirmed.set(key, Number(text));
  }
  return confirmed;
}

/** The one tick that confirms an import's flagged figures: each figure as "where|key|value" (where: a period or a unit). */
export const PLAUSIBLE_TICK = "plausible";

export function confirmationToken(where: string | number, key: string, value: number): string {
  return `${where}|${key}|${value}`;
}

const TOKEN = /^([0-9-]{1,12})\|([A-Za-z0-9_]{1,100})\|(\d+(?:\.\d+)?)$/;

/** The figures an import's tick confirms: per period (or unit), key → value. Anything malformed confirms nothing. */
export function readConfirmations(text: string, limit: number): Map<string, Map<string, number>> {
  const confirmed = new Map<string, Map<string, number>>();
  for (const token of text.split(/\s+/).slice(0, limit)) {
    const match = TOKEN.exec(token);
    if (!match) continue;
    const [, where = "", key = "", value = ""] = match;
    const keys = confirmed.get(where) ?? new Map<string, number>();
    keys.set(key, Number(value));
    confirmed.set(where, keys);
  }
  return confirmed;
}
