/**
 * Provincial ranks read as what they are: a place among N units where lower is better, watched as
 * a trend and as a distance to the next place. Never summed or averaged.
 */
import type { Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { formatExact, formatNumber } from "./format";
import { roundTo } from "./numbers";
import { makeMonth, monthParts, previousMonth, quarterOf, monthsOfQuarter, previousQuarter, sameMonthLastYear, yearToDate, type Month } from "./periods";

/** How a rank moved: "up" means better (the number fell). */
export type Movement = { places: number; direction: "up" | "down" | "same" };

export function movement(current: number | null | undefined, earlier: number | null | undefined): Movement | null {
  if (current == null || earlier == null) return null;
  const places = Math.abs(current - earlier);
  return { places, direction: current < earlier ? "up" : current > earlier ? "down" : "same" };
}

export function formatMovement(move: Movement | null): string {
  if (!move) return "无可比数据";
  if (move.direction === "same") return "持平";
  return `${move.direction === "up" ? "上升" : "下降"}${move.places}名`;
}

export type Extreme = { rank: number; month: Month };

/** The best (smallest) and worst (largest) rank among the months reported; the earliest month on ties. */
export function bestAndWorst(series: Series, months: readonly Month[]): { best: Extreme; worst: Extreme } | null {
  let best: Extreme | null = null;
  let worst: Extreme | null = null;
  for (const month of months) {
    const rank = series.get(month);
    if (rank === undefined) continue;
    if (!best || rank < best.rank) best = { rank, month };
    if (!worst || rank > worst.rank) worst = { rank, month };
  }
  return best && worst ? { best, worst } : null;
}

/**
 * How much more of the ranked figure would pass the unit just above: its figure minus ours, plus
 * one step of the last decimal (to be strictly ahead). Null without the bulletin's figure.
 */
export function gapToNext(
  own: number | null | undefined,
  above: number | null | undefined,
  ranked: Pick<IndicatorDefinition, "decimals" | "direction">,
): number | null {
  if (own == null || above == null) return null;
  const step = 10 ** -ranked.decimals;
  const gap = ranked.direction === "up" ? above - own + step : own - above + step;
  return roundTo(Math.max(gap, step), ranked.decimals);
}

/** How far ahead of the unit just behind: our figure minus theirs (never negative). */
export function leadOverNext(
  own: number | null | undefined,
  below: number | null | undefined,
  ranked: Pick<IndicatorDefinition, "decimals" | "direction">,
): number | null {
  if (own == null || below == null) return null;
  const lead = ranked.direction === "up" ? own - below : below - own;
  return roundTo(Math.max(lead, 0), ranked.decimals);
}

/** "再增加 X 可升至第 k 名" in the ranked indicator's own words. */
export function gapText(gap: number | null, rank: number, ranked: Pick<IndicatorDefinition, "name" | "unit" | "decimals" | "kind" | "direction">): string | null {
  if (gap === null || rank <= 1) return null;
  const verb = ranked.kind === "rate" ? "再提高" : "再增加";
  const amount = ranked.unit === "%" ? `${formatNumber(gap, ranked.decimals)}个百分点` : formatExact(gap, ranked);
  return `${ranked.name}${verb} ${amount} 可升至第${rank - 1}名`;
}

export function leadText(lead: number | null, ranked: Pick<IndicatorDefinition, "unit" | "decimals" | "kind">): string | null {
  if (lead === null) return null;
  const amount = ranked.unit === "%" ? `${formatNumber(lead, ranked.decimals)}个百分点` : formatExact(lead, ranked);
  return `领先下一名 ${amount}`;
}

export type RankPoint = { rank: number; rankedUnits: number | null; valueAbove: number | null; valueBelow: number | null };

export type RankingRow = {
  key: string;
  name: string;
  rankedName: string;
  month: Month;
  current: RankPoint | null;
  /** Since last month, since the end of the previous quarter, since the same month last year. */
  sinceLastMonth: Movement | null;
  sinceLastQuarter: Movement | null;
  sinceLastYear: Movement | null;
  yearExtremes: { best: Extreme; worst: Extreme } | null;
  gapText: string | null;
  leadText: string | null;
  /** Top share, e.g. 0.016 for 第3名 of 183 ("前 2%"). */
  topShare: number | null;
};

/** The end of the quarter before `month`'s (for 2024-05: 2024-03). */
export function previousQuarterEnd(month: Month): Month {
  const months = monthsOfQuarter(previousQuarter(quarterOf(month)));
  return months[months.length - 1] ?? previousMonth(month);
}

export function rankingRow(input: {
  rankIndicator: Pick<IndicatorDefinition, "key" | "name">;
  ranked: Pick<IndicatorDefinition, "key" | "name" | "unit" | "decimals" | "kind" | "direction">;
  ranks: ReadonlyMap<string, RankPoint>;
  rankedSeries: Series;
  month: Month;
}): RankingRow {
  const { rankIndicator, ranked, ranks, rankedSeries, month } = input;
  const current = ranks.get(month) ?? null;
  const rankAt = (m: Month) => ranks.get(m)?.rank ?? null;
  const own = rankedSeries.get(month);
  const rankSeries: Series = new Map([...ranks].map(([m, point]) => [m, point.rank]));
  const { year } = monthParts(month);
  const gap = current ? gapToNext(own, current.valueAbove, ranked) : null;
  return {
    key: rankIndicator.key,
    name: rankIndicator.name,
    rankedName: ranked.name,
    month,
    current,
    sinceLastMonth: movement(current?.rank, rankAt(previousMonth(month))),
    sinceLastQuarter: movement(current?.rank, rankAt(previousQuarterEnd(month))),
    sinceLastYear: movement(current?.rank, rankAt(sameMonthLastYear(month))),
    yearExtremes: bestAndWorst(rankSeries, yearToDate(month).filter((m) => m >= makeMonth(year, 1))),
    gapText: current ? gapText(gap, current.rank, ranked) : null,
    leadText: current && current.rankedUnits !== current.rank ? leadText(leadOverNext(own, current.valueBelow, ranked), ranked) : null,
    topShare: current?.rankedUnits ? current.rank / current.rankedUnits : null,
  };
}

/** Worsened first (the biggest falls first), then unchanged, then improved; no data last. */
export function sortWorsenedFirst(rows: readonly RankingRow[]): RankingRow[] {
  const weight = (row: RankingRow) => {
    const move = row.sinceLastMonth;
    if (!row.current) return 3000;
    if (!move) return 1500;
    if (move.direction === "down") return -move.places;
    if (move.direction === "same") return 1000;
    return 2000 - move.places;
  };
  return [...rows].sort((a, b) => weight(a) - weight(b));
}
