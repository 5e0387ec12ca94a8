/**
 * Demo months (示例数据): plausible monthly figures that obey the catalog's identities, so a first
 * start shows real charts. Deterministic for a given seed. Never real data: the seed marks every
 * row it writes from here as demo, and the pages say so.
 */
import { roundTo } from "./numbers";
import { addMonths, makeMonth, monthParts, type Month } from "./periods";

export type DemoFigure = { value: number; rankedUnits?: number; valueAbove?: number | null; valueBelow?: number | null };
export type DemoMonth = { month: Month; figures: Map<string, DemoFigure> };

/** Month-end levels the demo year starts from (the December before it). */
export type DemoStart = {
  users_total: number;
  supply_total: number;
  deal_amount_total: number;
  nanny_done_total: number;
  nanny_following: number;
  studio_total: number;
  studio_premium: number;
  popsci_posts_total: number;
  popsci_volume: number;
  popsci_coverage_people: number;
};

/** Units ranked in the province: about 183 county-level units in Sichuan (demo only). */
export const DEMO_RANKED_UNITS = 183;
/** District population the demo rates derive from, as the 2023 figures imply (67.88 ≈ 878.44万 / P). */
export const DEMO_POPULATION = 129_400;

/** mulberry32: a small seeded generator, enough for repeatable demo values. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoOptions = {
  seed?: number;
  /** How big the district is against 西区: monthly flows are scaled by it (1 = as 西区). */
  scale?: number;
  /** The population both popsci rates derive from. */
  population?: number;
};

/** Twelve demo months, January to December of `year`. */
export function generateDemoYear(year: number, start: DemoStart, options: DemoOptions | number = {}): DemoMonth[] {
  const { seed = year, ...rest } = typeof options === "number" ? { seed: options } : options;
  return generateDemoMonths(makeMonth(year, 1), 12, start, { seed, ...rest });
}

/**
 * `count` consecutive demo months from `first`, each month's levels growing from the month before,
 * starting from `start` (the month-end levels just before `first`).
 */
export function generateDemoMonths(first: Month, count: number, start: DemoStart, options: DemoOptions = {}): DemoMonth[] {
  const { year: firstYear, month: firstMonth } = monthParts(first);
  const { seed = firstYear * 100 + firstMonth, scale = 1, population = DEMO_POPULATION } = options;
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const amount = (low: number, high: number) => Math.round(between(low, high) * scale);
  const level = { ...start };
  const ranks = { supply: between(1, 2), perCapita: between(2, 5), coverage: between(10, 16), volume: between(9, 14) };
  const months: DemoMonth[] = [];

  for (let index = 0; index < count; index += 1) {
    const individual = amount(240, 400);
    const scitech = Math.round(individual * between(2, 5) / 100);
    const org = amount(1, 4);
    const supplyNew = amount(60, 100);
    const deals = amount(1, 5);
    const nannyNew = amount(27, 44);
    const nannyFinished = Math.min(level.nanny_following + nannyNew, amount(25, 45));
    const studioNew = amount(18, 35);
    const volumeAdded = amount(5500, 8000) / 100;
    const peopleAdded = amount(300, 600);

    level.users_total += individual + org;
    level.supply_total += supplyNew;
    level.deal_amount_total = roundTo(level.deal_amount_total + deals * between(3000, 20000) / 100, 2);
    level.nanny_done_total += nannyFinished;
    level.nanny_following += nannyNew - nannyFinished;
    level.studio_total += studioNew;
    if (random() < 0.1) level.studio_premium += 1;
    level.popsci_posts_total += amount(30, 60);
    level.popsci_volume = roundTo(level.popsci_volume + volumeAdded, 2);
    level.popsci_coverage_people += peopleAdded;
    ranks.supply = clampRank(ranks.supply + between(-1, 1), 1, 3);
    ranks.perCapita = clampRank(ranks.perCapita + between(-1, 1), 1, 8);
    ranks.coverage = clampRank(ranks.coverage + between(-2, 2), 5, 25);
    ranks.volume = clampRank(ranks.volume + between(-2, 2), 5, 25);

    const figures = new Map<string, DemoFigure>([
      ["users_new", { value: individual + org }],
      ["users_new_individual", { value: individual }],
      ["users_new_scitech", { value: scitech }],
      ["users_new_org", { value: org }],
      ["users_total", { value: level.users_total }],
      ["supply_new", { value: supplyNew }],
      ["supply_total", { value: level.supply_total }],
      ["supply_total_rank", { value: ranks.supply, rankedUnits: DEMO_RANKED_UNITS }],
      ["demand_new", { value: amount(130, 210) }],
      ["deals_new", { value: deals }],
      ["deal_amount_total", { value: level.deal_amount_total }],
      ["nanny_new", { value: nannyNew }],
      ["nanny_total", { value: level.nanny_done_total + level.nanny_following }],
      ["nanny_done_total", { value: level.nanny_done_total }],
      ["nanny_following", { value: level.nanny_following }],
      ["studio_new", { value: studioNew }],
      ["studio_total", { value: level.studio_total }],
      ["studio_premium", { value: level.studio_premium }],
      ["popsci_posts_total", { value: level.popsci_posts_total }],
      ["popsci_per_capita", { value: roundTo((level.popsci_volume * 10_000) / population, 2) }],
      ["popsci_per_capita_rank", { value: ranks.perCapita, rankedUnits: DEMO_RANKED_UNITS }],
      ["popsci_coverage_rate", { value: roundTo((level.popsci_coverage_people / population) * 100, 2) }],
      ["popsci_coverage_rate_rank", { value: ranks.coverage, rankedUnits: DEMO_RANKED_UNITS }],
      ["popsci_volume", { value: level.popsci_volume }],
      ["popsci_volume_rank", { value: ranks.volume, rankedUnits: DEMO_RANKED_UNITS }],
      ["popsci_coverage_people", { value: level.popsci_coverage_people }],
    ]);
    addNeighbours(figures, random);
    months.push({ month: addMonths(first, index), figures });
  }
  return months;
}

/** The ranked figure of the units just above and below, a few per cent either side of the district's. */
const RANKED: Record<string, { key: string; decimals: number }> = {
  supply_total_rank: { key: "supply_total", decimals: 0 },
  popsci_per_capita_rank: { key: "popsci_per_capita", decimals: 2 },
  popsci_coverage_rate_rank: { key: "popsci_coverage_rate", decimals: 2 },
  popsci_volume_rank: { key: "popsci_volume", decimals: 2 },
};

function addNeighbours(figures: Map<string, DemoFigure>, random: () => number): void {
  for (const [rankKey, ranked] of Object.entries(RANKED)) {
    const rank = figures.get(rankKey);
    const own = figures.get(ranked.key)?.value;
    if (!rank || own === undefined) continue;
    const step = 10 ** -ranked.decimals;
    const above = roundTo(own * (1 + 0.005 + random() * 0.05) + step, ranked.decimals);
    const below = roundTo(own * (1 - 0.005 - random() * 0.05), ranked.decimals);
    rank.valueAbove = rank.value === 1 ? null : above;
    rank.valueBelow = below;
  }
}

function clampRank(rank: number, best: number, worst: number): number {
  return Math.min(worst, Math.max(best, rank));
}
