/**
 * Consistency checks: the identities the platform's figures obey. They produce warnings, not errors:
 * a figure that breaks one may still be what the bulletin says, but someone should look.
 */
import type { IndicatorDefinition } from "./catalog";
import { formatExact, formatNumber } from "./format";
import { roundTo } from "./numbers";

export type Warning = {
  code: "parts" | "subset" | "accumulation" | "falling" | "population" | "rank-range" | "rank-neighbours" | "roll-up";
  message: string;
  /** The indicators involved, so the form can mark each of them. */
  keys: string[];
};

export type Figures = ReadonlyMap<
  string,
  { value: number; rankedUnits?: number | null; valueAbove?: number | null; valueBelow?: number | null }
>;

type Catalog = readonly IndicatorDefinition[];

/** A level known from before last month (which has none), with its date: "2023年末". */
export type EarlierFigure = { value: number; label: string };

/**
 * How far a reported figure may be from the true one: half a unit of its last declared decimal.
 * Counts (no decimals) are exact.
 */
function halfStep(indicator: Pick<IndicatorDefinition, "decimals">): number {
  return indicator.decimals === 0 ? 0 : 0.5 * 10 ** -indicator.decimals;
}

function valueOf(figures: Figures, key: string): number | undefined {
  return figures.get(key)?.value;
}

/** A whole equals the sum of its component parts (新增注册用户 = 新增个人用户 + 新增企事业单位). */
function checkParts(catalog: Catalog, figures: Figures): Warning[] {
  const warnings: Warning[] = [];
  for (const whole of catalog) {
    const parts = catalog.filter((part) => part.parentKey === whole.key && part.parentRelation === "component");
    const total = valueOf(figures, whole.key);
    const values = parts.map((part) => valueOf(figures, part.key));
    if (parts.length === 0 || total === undefined || values.some((value) => value === undefined)) continue;
    const sum = roundTo(values.reduce<number>((acc, value) => acc + (value ?? 0), 0), whole.decimals);
    const tolerance = parts.reduce((acc, part) => acc + halfStep(part), halfStep(whole));
    if (Math.abs(sum - total) > tolerance + 1e-9) {
      warnings.push({
        code: "parts",
        message: `${whole.name}（${formatExact(total, whole)}）应等于 ${parts.map((p) => p.name).join(" + ")}（合计 ${formatExact(sum, whole)}）`,
        keys: [whole.key, ...parts.map((part) => part.key)],
      });
    }
  }
  return warnings;
}

/** A subset cannot exceed what contains it (其中新增科技工作者 ≤ 新增个人用户). */
function checkSubsets(catalog: Catalog, figures: Figures): Warning[] {
  return catalog.flatMap((part): Warning[] => {
    if (part.parentRelation !== "subset" || !part.parentKey) return [];
    const whole = catalog.find((candidate) => candidate.key === part.parentKey);
    const value = valueOf(figures, part.key);
    const total = whole ? valueOf(figures, whole.key) : undefined;
    if (!whole || value === undefined || total === undefined || value <= total) return [];
    return [{ code: "subset", message: `${part.name}（${formatExact(value, part)}）不应超过${whole.name}（${formatExact(total, whole)}）`, keys: [part.key, whole.key] }];
  });
}

/**
 * A cumulative stock grows by the flow it accumulates (累计 this month − 累计 last month = 新增 this month),
 * and never falls. Where last month is empty, it still never falls below the level last known
 * before it (`earlier`, e.g. the 2023 year-end); the months between hide what was added.
 */
function checkAccumulation(catalog: Catalog, figures: Figures, previous: Figures, earlier: ReadonlyMap<string, EarlierFigure>): Warning[] {
  const warnings: Warning[] = [];
  for (const stock of catalog) {
    if (!stock.accumulatesKey) continue;
    const flow = catalog.find((candidate) => candidate.key === stock.accumulatesKey);
    const now = valueOf(figures, stock.key);
    const before = valueOf(previous, stock.key);
    const known = earlier.get(stock.key);
    if (flow && now !== undefined && before === undefined && known && roundTo(now - known.value, stock.decimals) < 0) {
      warnings.push({
        code: "falling",
        message: `${stock.name}比${known.label}减少了 ${formatExact(roundTo(known.value - now, stock.decimals), stock)}（${formatExact(known.value, stock)} → ${formatExact(now, stock)}），累计数不应下降`,
        keys: [stock.key],
      });
    }
    if (!flow || now === undefined || before === undefined) continue;
    const growth = roundTo(now - before, stock.decimals);
    if (growth < 0) {
      warnings.push({
        code: "falling",
        message: `${stock.name}比上月减少了 ${formatExact(-growth, stock)}（${formatExact(before, stock)} → ${formatExact(now, stock)}），累计数不应下降`,
        keys: [stock.key],
      });
      continue;
    }
    const added = valueOf(figures, flow.key);
    if (added !== undefined && Math.abs(growth - added) > halfStep(stock) + halfStep(flow) + 1e-9) {
      warnings.push({
        code: "accumulation",
        message: `${stock.name}比上月增加 ${formatExact(growth, stock)}，与本月${flow.name}（${formatExact(added, flow)}）不符`,
        keys: [stock.key, flow.key],
      });
    }
  }
  return warnings;
}

/** The population a rate implies, as an interval allowing for the rounding of both figures. */
export function impliedPopulation(
  numerator: number,
  numeratorStep: number,
  rate: number,
  rateStep: number,
  scale: number,
): { low: number; high: number } | null {
  if (rate - rateStep <= 0) return null;
  return {
    low: ((numerator - numeratorStep) * scale) / (rate + rateStep),
    high: ((numerator + numeratorStep) * scale) / (rate - rateStep),
  };
}

/**
 * Both rates derive from the district's population P: 人均科普服务量 = 科普服务量 / P and
 * 精准科普覆盖率 = 精准科普覆盖人数 / P. The P each implies must agree, within rounding.
 */
function checkPopulation(catalog: Catalog, figures: Figures): Warning[] {
  const find = (key: string) => catalog.find((indicator) => indicator.key === key);
  const volume = find("popsci_volume");
  const perCapita = find("popsci_per_capita");
  const people = find("popsci_coverage_people");
  const coverage = find("popsci_coverage_rate");
  if (!volume || !perCapita || !people || !coverage) return [];
  const v = valueOf(figures, volume.key);
  const pc = valueOf(figures, perCapita.key);
  const n = valueOf(figures, people.key);
  const c = valueOf(figures, coverage.key);
  if (v === undefined || pc === undefined || n === undefined || c === undefined) return [];
  // 科普服务量 is in 万人次; 精准科普覆盖率 in %
  const fromPerCapita = impliedPopulation(v, halfStep(volume), pc, halfStep(perCapita), 10_000);
  const fromCoverage = impliedPopulation(n, halfStep(people), c, halfStep(coverage), 100);
  if (!fromPerCapita || !fromCoverage) return [];
  if (fromPerCapita.high >= fromCoverage.low && fromCoverage.high >= fromPerCapita.low) return [];
  const middle = (range: { low: number; high: number }) => formatNumber((range.low + range.high) / 2, 0);
  return [
    {
      code: "population",
      message: `人均科普服务量推算的人口约 ${middle(fromPerCapita)} 人，精准科普覆盖率推算的人口约 ${middle(fromCoverage)} 人，两者不一致（两个比率都应以同一辖区人口为分母）`,
      keys: [perCapita.key, volume.key, coverage.key, people.key],
    },
  ];
}

/** A rank is a whole number from 1 to the number of units ranked. */
function checkRanks(catalog: Catalog, figures: Figures): Warning[] {
  return catalog.flatMap((indicator): Warning[] => {
    if (indicator.kind !== "rank") return [];
    const figure = figures.get(indicator.key);
    if (!figure) return [];
    const units = figure.rankedUnits ?? null;
    const valid = Number.isInteger(figure.value) && figure.value >= 1 && (units === null || figure.value <= units);
    if (valid) return [];
    const range = units === null ? "应为不小于 1 的整数" : `应在 1 到 ${units} 之间`;
    return [{ code: "rank-range", message: `${indicator.name}为第${figure.value}名，${range}`, keys: [indicator.key] }];
  });
}

/** The unit ranked just above has at least our figure, the one just below at most (where higher is better). */
function checkNeighbours(catalog: Catalog, figures: Figures): Warning[] {
  return catalog.flatMap((rank): Warning[] => {
    const figure = figures.get(rank.key);
    const ranked = catalog.find((candidate) => candidate.key === rank.ranksKey);
    const own = ranked ? valueOf(figures, ranked.key) : undefined;
    if (!figure || !ranked || own === undefined) return [];
    const better = (a: number, b: number) => (ranked.direction === "up" ? a > b : a < b);
    const warnings: Warning[] = [];
    if (figure.valueAbove != null && better(own, figure.valueAbove)) {
      warnings.push({
        code: "rank-neighbours",
        message: `${rank.name}：上一名的${ranked.name}（${formatExact(figure.valueAbove, ranked)}）不应低于本区（${formatExact(own, ranked)}）`,
        keys: [rank.key, ranked.key],
      });
    }
    if (figure.valueBelow != null && better(figure.valueBelow, own)) {
      warnings.push({
        code: "rank-neighbours",
        message: `${rank.name}：下一名的${ranked.name}（${formatExact(figure.valueBelow, ranked)}）不应高于本区（${formatExact(own, ranked)}）`,
        keys: [rank.key, ranked.key],
      });
    }
    return warnings;
  });
}

/**
 * Every warning for one period's figures. `previous` holds the month before (for a month) so that
 * cumulative stocks can be checked against their flows; pass an empty map for a whole-year period.
 * `earlier` holds the levels last known before an empty month before, dated.
 */
export function checkConsistency(catalog: Catalog, figures: Figures, previous: Figures = new Map(), earlier: ReadonlyMap<string, EarlierFigure> = new Map()): Warning[] {
  return [
    ...checkParts(catalog, figures),
    ...checkSubsets(catalog, figures),
    ...checkAccumulation(catalog, figures, previous, earlier),
    ...checkPopulation(catalog, figures),
    ...checkRanks(catalog, figures),
    ...checkNeighbours(catalog, figures),
  ];
}
