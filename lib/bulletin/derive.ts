/**
 * What a bulletin tells about each unit, and above all about the home unit: for every ranked
 * indicator its rank, N (the number of units ranked) and the figures of the units just above and
 * just below — so staff no longer type them — plus every matched unit's figures for storage.
 *
 * - The rank of record is the one the bulletin states when it has a rank column for the indicator;
 *   otherwise the one computed from its figures by standard competition ranking (1, 2, 2, 4).
 *   Where both exist and differ, the bulletin's stands and a warning says so — never an overwrite.
 * - N counts the units the table ranks: those with a stated rank when it has a rank column,
 *   otherwise those with a figure. Unmatched rows count: they are units of the province all the same.
 * - The unit(s) just above are those at the nearest better place, just below at the nearest worse
 *   place (ties share a place, so a unit tied with the home unit is neither). Their figure is the
 *   ranked indicator's; when they differ, the one nearest the home unit's is taken.
 * - `scope` says what the table is. "province": every unit of the province, so its places, N and
 *   neighbours are the provincial ones. "partial" (a city's table of its counties): only a rank the
 *   bulletin states is provincial; places within the table are shown, never stored as 全省排名,
 *   and N and the neighbours are left as they are.
 */
import type { IndicatorDefinition } from "../catalog";
import { competitionRanks } from "../competition-ranking";
import type { EnteredFigure } from "../entry-schema";

export type DeriveIndicator = Pick<IndicatorDefinition, "key" | "name" | "kind" | "direction" | "decimals" | "ranksKey">;

export type BulletinUnitRow<K> = {
  /** The sheet's row number, for messages. */
  row: number;
  name: string;
  /** The known unit the name matched (see `lib/unit-names.ts`), or null. */
  unit: K | null;
  /** Figures and stated ranks by catalog key; a blank cell is absent. */
  figures: ReadonlyMap<string, number>;
};

export const BULLETIN_SCOPES = ["province", "partial"] as const;
export type BulletinScope = (typeof BULLETIN_SCOPES)[number];

export const BULLETIN_SCOPE_LABELS: Record<BulletinScope, string> = {
  province: "全省通报（全部区县）",
  partial: "部分单位（如市科协的表）",
};

/** What each scope means for the ranks derived from the table. */
export const BULLETIN_SCOPE_HINTS: Record<BulletinScope, string> = {
  province: "表中名次、参与排名单位数与上一名、下一名即全省的",
  partial: "只采用表中写明的全省名次；表内位次不当作全省排名",
};

export type DeriveInput<K> = {
  rows: readonly BulletinUnitRow<K>[];
  /** The catalog keys the bulletin has a column for (the column mapping's keys). */
  columns: readonly string[];
  /** The catalog: every mapped indicator, and the indicator each rank ranks. */
  indicators: readonly DeriveIndicator[];
  home: K;
  /** For messages: 通报中没有找到「攀枝花市西区」. */
  homeName: string;
  scope: BulletinScope;
};

export type Neighbour<K> = { row: number; name: string; unit: K | null; rank: number; value: number | null };

export type DerivedRank<K> = {
  /** The rank indicator (popsci_volume_rank) and the figure it ranks (popsci_volume), if known. */
  rankKey: string;
  rankedKey: string | null;
  name: string;
  /** The rank the bulletin states; null without a rank column or a blank cell. */
  stated: number | null;
  /** The place computed from the figures; null without a figures column or a figure. */
  computed: number | null;
  /** The rank of record (see the module's rules); null when the unit is not ranked. */
  rank: number | null;
  source: "stated" | "computed";
  /** N; null for a partial table. */
  rankedUnits: number | null;
  value: number | null;
  above: Neighbour<K>[];
  below: Neighbour<K>[];
  valueAbove: number | null;
  valueBelow: number | null;
};

export type BulletinWarningKind = "rank_mismatch" | "rank_missing" | "rank_beyond_count" | "home_unranked";

export type BulletinWarning = {
  kind: BulletinWarningKind;
  rankKey: string;
  row: number;
  name: string;
  isHome: boolean;
  message: string;
};

export type Derivation<K> = {
  /** The home unit's ranks, one per ranked indicator, in catalog order. */
  home: DerivedRank<K>[];
  /**
   * What to store for every matched unit (the home unit included), by catalog key: each figure the
   * bulletin gives, and each rank of record with N and the neighbours' figures (a partial table:
   * stated ranks alone). Blank cells are left out, so what is stored for them stays as it is.
   */
  figures: Map<K, Map<string, EnteredFigure>>;
  warnings: BulletinWarning[];
};

export type DeriveOutcome<K> = { ok: true; derivation: Derivation<K> } | { ok: false; error: string };

export function deriveFromBulletin<K>(input: DeriveInput<K>): DeriveOutcome<K> {
  const { rows, home } = input;
  const duplicate = firstDuplicate(rows);
  if (duplicate) return { ok: false, error: duplicate };
  const homeIndex = rows.findIndex((row) => row.unit === home);
  if (homeIndex === -1) return { ok: false, error: `通报中没有找到本单位「${input.homeName}」，请检查单位名称或别名` };

  const figures = new Map<K, Map<string, EnteredFigure>>();
  const rankKeys = new Set(rankedIndicators(input).map((indicator) => indicator.key));
  for (const row of rows) {
    if (row.unit === null) continue;
    const own = new Map<string, EnteredFigure>();
    for (const [key, value] of row.figures) {
      if (!rankKeys.has(key) && input.columns.includes(key)) own.set(key, { value, rankedUnits: null, valueAbove: null, valueBelow: null });
    }
    figures.set(row.unit, own);
  }

  const homeRanks: DerivedRank<K>[] = [];
  const warnings: BulletinWarning[] = [];
  for (const indicator of rankedIndicators(input)) {
    const ranks = rankAll(input, indicator);
    rows.forEach((row, index) => {
      const derived = ranks[index];
      if (!derived) return;
      warnings.push(...warningsFor(row, derived, index === homeIndex, input.scope));
      const stored = storedRank(derived, input.scope);
      if (row.unit !== null && stored) figures.get(row.unit)?.set(indicator.key, stored);
    });
    const own = ranks[homeIndex];
    if (own) homeRanks.push(own);
  }
  return { ok: true, derivation: { home: homeRanks, figures, warnings } };
}

/** Rank indicators the bulletin has a column for, either its stated rank or the figure it ranks. */
function rankedIndicators<K>(input: DeriveInput<K>): DeriveIndicator[] {
  return input.indicators.filter(
    (indicator) =>
      indicator.kind === "rank" &&
      (input.columns.includes(indicator.key) || (indicator.ranksKey !== null && input.columns.includes(indicator.ranksKey))),
  );
}

function rankAll<K>(input: DeriveInput<K>, indicator: DeriveIndicator): DerivedRank<K>[] {
  const { rows, scope } = input;
  const ranked = input.indicators.find((candidate) => candidate.key === indicator.ranksKey) ?? null;
  const hasStated = input.columns.includes(indicator.key);
  const hasFigures = ranked !== null && input.columns.includes(ranked.key);
  const values = rows.map((row) => (ranked && hasFigures ? (row.figures.get(ranked.key) ?? null) : null));
  const stated = rows.map((row) => (hasStated ? (row.figures.get(indicator.key) ?? null) : null));
  const computed = ranked && hasFigures ? competitionRanks(values, ranked.direction, ranked.decimals) : rows.map(() => null);
  const source = hasStated ? "stated" : "computed";
  // in a partial table a place computed among its rows is no provincial rank
  const record = rows.map((_, i) => (hasStated ? (stated[i] ?? null) : scope === "province" ? (computed[i] ?? null) : null));
  const rankedUnits = scope === "province" ? record.filter((rank) => rank !== null).length : null;
  const neighbours = (rank: number | null, side: "above" | "below"): Neighbour<K>[] => {
    if (rank === null || scope === "partial") return [];
    const places = record.filter((other): other is number => other !== null && (side === "above" ? other < rank : other > rank));
    if (places.length === 0) return [];
    const place = side === "above" ? Math.max(...places) : Math.min(...places);
    return rows.flatMap((row, i) =>
      record[i] === place ? [{ row: row.row, name: row.name, unit: row.unit, rank: place, value: values[i] ?? null }] : [],
    );
  };
  return rows.map((_, i) => {
    const rank = record[i] ?? null;
    const above = neighbours(rank, "above");
    const below = neighbours(rank, "below");
    const direction = ranked?.direction ?? "up";
    return {
      rankKey: indicator.key,
      rankedKey: ranked?.key ?? null,
      name: indicator.name,
      stated: stated[i] ?? null,
      computed: computed[i] ?? null,
      rank,
      source,
      rankedUnits,
      value: values[i] ?? null,
      above,
      below,
      // the nearest of them: for "higher is better", the smallest figure above and the largest below
      valueAbove: nearest(above, direction === "up" ? Math.min : Math.max),
      valueBelow: nearest(below, direction === "up" ? Math.max : Math.min),
    };
  });
}

function nearest<K>(units: readonly Neighbour<K>[], pick: (...values: number[]) => number): number | null {
  const values = units.flatMap((unit) => (unit.value === null ? [] : [unit.value]));
  return values.length === 0 ? null : pick(...values);
}

function storedRank<K>(derived: DerivedRank<K>, scope: BulletinScope): EnteredFigure | null {
  if (derived.rank === null) return null;
  if (scope === "partial") return { value: derived.rank };
  return { value: derived.rank, rankedUnits: derived.rankedUnits, valueAbove: derived.valueAbove, valueBelow: derived.valueBelow };
}

function warningsFor<K>(row: BulletinUnitRow<K>, derived: DerivedRank<K>, isHome: boolean, scope: BulletinScope): BulletinWarning[] {
  const warnings: BulletinWarning[] = [];
  const warn = (kind: BulletinWarningKind, message: string) =>
    warnings.push({ kind, rankKey: derived.rankKey, row: row.row, name: row.name, isHome, message: `${row.name} ${derived.name}：${message}` });
  const { stated, computed } = derived;
  // in a partial table the stated (provincial) rank and the place within the table differ by nature
  if (scope === "province" && stated !== null && computed !== null && stated !== computed) {
    warn("rank_mismatch", `通报为第${stated}名，按数值计算为第${computed}名（以通报为准）`);
  }
  if (stated === null && derived.source === "stated" && derived.value !== null) {
    warn("rank_missing", computed !== null && scope === "province" ? `通报未列名次（按数值计算为第${computed}名，未采用）` : "通报有数值但未列名次");
  }
  if (stated !== null && derived.rankedUnits !== null && stated > derived.rankedUnits) {
    warn("rank_beyond_count", `通报名次第${stated}名大于参与排名的单位数 ${derived.rankedUnits}`);
  }
  if (isHome && derived.rank === null && derived.value === null) warn("home_unranked", "通报中本单位无数值、无名次");
  return warnings;
}

function firstDuplicate<K>(rows: readonly BulletinUnitRow<K>[]): string | null {
  const seen = new Map<K, BulletinUnitRow<K>>();
  for (const row of rows) {
    if (row.unit === null) continue;
    const earlier = seen.get(row.unit);
    if (earlier) return `同一单位在通报中出现两次：第${earlier.row}行「${earlier.name}」与第${row.row}行「${row.name}」`;
    seen.set(row.unit, row);
  }
  return null;
}
