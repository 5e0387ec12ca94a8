/**
 * League tables: units (a district's towns and streets, or the province's districts) ranked on one
 * indicator for one month, as a county association's 通报 shows them.
 *
 * - Places follow standard competition ranking (1, 2, 2, 4) in the indicator's direction: a larger
 *   figure is better, except for a rank indicator, whose own value is better the smaller it is.
 *   Figures are compared as shown, at the indicator's decimals.
 * - A unit without a figure is not ranked: it is listed last, as 未填报, and counts for no one.
 * - The change since last month compares places (1 = best): ▲ = moved up (the number fell).
 *   A unit ranked now but not last month is a new entrant.
 * - The gap is what a unit's figure must still grow by to pass the units just above it.
 * - Targets and judgements are not decided here: `lib/targets.ts` evaluates them and they come in
 *   as data (`target`, `judgement`), so the league and every other page say the same thing.
 */
import type { IndicatorDefinition } from "./catalog";
import { competitionRanks } from "./competition-ranking";
import { roundTo } from "./numbers";
import { gapToNext } from "./rankings";

export const UNREPORTED_LABEL = "未填报";

type RankedIndicator = Pick<IndicatorDefinition, "kind" | "direction" | "decimals">;

export type LeagueUnit<K, J> = {
  unit: K;
  name: string;
  /** The month's figure; null when the unit has not reported it. */
  value: number | null;
  /** The unit's own target for the month, as evaluated elsewhere; null when it has none. */
  target?: number | null;
  /** The judgement `lib/targets.ts` gave the unit's figure against its target (status, attainment…). */
  judgement?: J | null;
};

export type LeagueInput<K, J> = {
  indicator: RankedIndicator;
  /** In the order to list units that share a place or have no figure (e.g. the units' own order). */
  units: readonly LeagueUnit<K, J>[];
  /**
   * Last month's figures of the same indicator by unit (a unit absent or null had none). Omit it
   * when there is no last month to compare with: every change is then null, not "new".
   */
  previous?: ReadonlyMap<K, number | null> | null;
  /** The unit to highlight (the home unit, or the signed-in town). */
  highlight?: K | null;
};

/** How a unit's place moved since last month; "up" means a better place (a smaller number). */
export type RankChange = { direction: "up" | "down"; places: number } | { direction: "same" } | { direction: "new" };

/** What passes the units just above: `amount` more of the figure would reach place `toRank`. */
export type LeagueGap = { amount: number; toRank: number; aboveValue: number };

export type LeagueRow<K, J> = {
  unit: K;
  name: string;
  value: number | null;
  /** Null: 未填报, not ranked. */
  rank: number | null;
  /** Another unit has the same place. */
  tied: boolean;
  previousRank: number | null;
  /** Null when the unit is not ranked now, or when no last month was given. */
  change: RankChange | null;
  /** Null at first place, without a figure, and for a rank indicator (places are not a quantity to add). */
  gap: LeagueGap | null;
  target: number | null;
  judgement: J | null;
  highlighted: boolean;
};

export type LeagueTable<K, J> = {
  /** Ranked units by place (ties in the order given), then the units without a figure. */
  rows: LeagueRow<K, J>[];
  /** N: the number of units ranked. */
  rankedCount: number;
  unreportedCount: number;
};

export function leagueTable<K, J>(input: LeagueInput<K, J>): LeagueTable<K, J> {
  const { indicator, units } = input;
  const ranks = competitionRanks(units.map((unit) => unit.value), indicator.direction, indicator.decimals);
  const previousRanks = input.previous ? previousPlaces(input.previous, indicator) : null;

  const placed = units.map((unit, index) => ({ unit, index, rank: ranks[index] ?? null }));
  placed.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.index - b.index);
  const countAt = new Map<number, number>();
  for (const { rank } of placed) if (rank !== null) countAt.set(rank, (countAt.get(rank) ?? 0) + 1);

  const rows = placed.map(({ unit, rank }, position): LeagueRow<K, J> => {
    const previousRank = previousRanks?.get(unit.unit) ?? null;
    return {
      unit: unit.unit,
      name: unit.name,
      value: unit.value,
      rank,
      tied: rank !== null && (countAt.get(rank) ?? 0) > 1,
      previousRank,
      change: rank === null || !previousRanks ? null : rankChange(rank, previousRank),
      gap: rank === null ? null : gapAbove(unit.value, rank, placed.slice(0, position), indicator),
      target: unit.target ?? null,
      judgement: unit.judgement ?? null,
      highlighted: input.highlight != null && unit.unit === input.highlight,
    };
  });
  const rankedCount = rows.filter((row) => row.rank !== null).length;
  return { rows, rankedCount, unreportedCount: rows.length - rankedCount };
}

export function rankChange(rank: number, previousRank: number | null): RankChange {
  if (previousRank === null) return { direction: "new" };
  if (rank === previousRank) return { direction: "same" };
  return { direction: rank < previousRank ? "up" : "down", places: Math.abs(rank - previousRank) };
}

/** ▲2 (up two places), ▼1, 持平, 新上榜; "—" when there is nothing to compare. */
export function formatRankChange(change: RankChange | null): string {
  if (!change) return "—";
  switch (change.direction) {
    case "up":
      return `▲${change.places}`;
    case "down":
      return `▼${change.places}`;
    case "same":
      return "持平";
    case "new":
      return "新上榜";
  }
}

function previousPlaces<K>(previous: ReadonlyMap<K, number | null>, indicator: RankedIndicator): Map<K, number> {
  const entries = [...previous];
  const ranks = competitionRanks(entries.map(([, value]) => value), indicator.direction, indicator.decimals);
  const places = new Map<K, number>();
  entries.forEach(([unit], index) => {
    const rank = ranks[index];
    if (rank != null) places.set(unit, rank);
  });
  return places;
}

/** The units ahead are those placed before this one with a better place; the nearest of them is the target. */
function gapAbove<K, J>(
  value: number | null,
  rank: number,
  ahead: readonly { unit: LeagueUnit<K, J>; rank: number | null }[],
  indicator: RankedIndicator,
): LeagueGap | null {
  if (value === null || indicator.kind === "rank") return null;
  const above = [...ahead].reverse().find((entry) => entry.rank !== null && entry.rank < rank);
  if (!above || above.rank === null || above.unit.value === null) return null;
  const amount = gapToNext(value, above.unit.value, indicator);
  return amount === null ? null : { amount, toRank: above.rank, aboveValue: above.unit.value };
}

export type Shortfall = {
  /** Units with a figure whose judgement falls short, in league order. */
  short: string[];
  /** Units without a figure, in league order. */
  unreported: string[];
};

/**
 * Who falls short, by name, as county associations publish it. `fallsShort` reads the judgement
 * made in `lib/targets.ts` (e.g. status "red"); a unit without a judgement (no target) is not
 * listed as short. Units without a figure are listed apart, as 未填报.
 */
export function shortfall<K, J>(rows: readonly LeagueRow<K, J>[], fallsShort: (judgement: J) => boolean): Shortfall {
  const short: string[] = [];
  const unreported: string[] = [];
  for (const row of rows) {
    if (row.value === null) unreported.push(row.name);
    else if (row.judgement !== null && fallsShort(row.judgement)) short.push(row.name);
  }
  return { short, unreported };
}

/** "未达标：格里坪镇、清香坪街道" and "未填报：…", one line each, only for lists that are not empty. */
export function shortfallLines(list: Shortfall): string[] {
  const lines: string[] = [];
  if (list.short.length > 0) lines.push(`未达标：${list.short.join("、")}`);
  if (list.unreported.length > 0) lines.push(`${UNREPORTED_LABEL}：${list.unreported.join("、")}`);
  return lines;
}

/** An attainment score is a ratio (1 = 100%) ranked at four decimals (0.01%), higher is better. */
export const ATTAINMENT_SCORE: RankedIndicator = { kind: "rate", direction: "up", decimals: 4 };

/** A unit's attainment on one indicator that has a target for it; null attainment: no figure. */
export type ScoredIndicator = { key: string; attainment: number | null };

export type AttainmentScore = {
  /**
   * The mean, over the indicators with a target for the unit, of each attainment capped at 100%
   * (so beating one target cannot hide missing another); an indicator without a figure counts
   * 0. Rounded to four decimals. Null when the unit has no indicator with a target.
   */
  score: number | null;
  /** Indicators counted. */
  counted: number;
  /** Indicators with a target but no figure: the unit is flagged, and each counted 0. */
  missing: string[];
};

export function attainmentScore(indicators: readonly ScoredIndicator[]): AttainmentScore {
  if (indicators.length === 0) return { score: null, counted: 0, missing: [] };
  const missing = indicators.filter((entry) => entry.attainment === null).map((entry) => entry.key);
  const total = indicators.reduce((sum, entry) => sum + Math.min(Math.max(entry.attainment ?? 0, 0), 1), 0);
  return { score: roundTo(total / indicators.length, ATTAINMENT_SCORE.decimals), counted: indicators.length, missing };
}
