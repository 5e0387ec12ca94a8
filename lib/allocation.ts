/**
 * Splitting a district's target among its sub-units (towns and streets), and checking that the
 * shares add up to it. Shares are kept in whole steps of the indicator's last decimal
 * (1 单 for a count, 0.01 for two decimals), so they always add up exactly.
 *
 * - equal: every unit gets the same number of steps; the steps left over go one each to the
 *   units listed first.
 * - weighted: largest remainder (Hamilton): each unit first gets the whole steps of
 *   target × weight ÷ total weight; the steps left over go one each to the largest fractional
 *   parts, compared exactly; on equal fractional parts the larger weight first, then the unit
 *   listed first. A unit of weight 0 gets 0.
 * - typed: the shares an administrator typed, as they are; their sum is reported against the
 *   target (over, under or equal) instead of being forced to match.
 *
 * Only figures that add up can be split: flows and stocks. A rate or a rank target applies to each
 * unit as it stands (see `isAllocatable`).
 */
import type { IndicatorKind } from "./catalog";
import { formatNumber } from "./format";

export const ALLOCATION_METHODS = ["equal", "weighted", "typed"] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

export const ALLOCATION_METHOD_LABELS: Record<AllocationMethod, string> = {
  equal: "平均分配",
  weighted: "按权重分配",
  typed: "逐个填写",
};

/** Weights may carry at most this many decimals (population in 万 with 4 places, shares in %). */
export const MAX_WEIGHT_DECIMALS = 6;

export type AllocationRequest<K> =
  | { method: "equal"; units: readonly { unit: K }[] }
  | { method: "weighted"; units: readonly { unit: K; weight: number }[] }
  | { method: "typed"; units: readonly { unit: K; share: number | null }[] };

export type Share<K> = { unit: K; share: number };

export type SumVerdict = "equal" | "over" | "under";

/** The shares' sum against the district's figure; `difference` = sum − target (negative when under). */
export type SumComparison = { sum: number; target: number; difference: number; verdict: SumVerdict };

export type Allocation<K> = {
  method: AllocationMethod;
  /** In the order the units were given; a typed unit left blank is not among them. */
  shares: Share<K>[];
  /** Typed units left blank (no share yet); always empty for equal and weighted splits. */
  blank: K[];
  comparison: SumComparison;
};

export type AllocationOutcome<K> = { ok: true; allocation: Allocation<K> } | { ok: false; message: string };

export function isAllocatable(indicator: { kind: IndicatorKind }): boolean {
  return indicator.kind === "flow" || indicator.kind === "stock";
}

/**
 * Split `target` (in the indicator's unit, with at most `decimals` places) among units as the
 * request says. A request that cannot be met (no units, negative or over-precise figures, all
 * weights zero) is refused with a message in Chinese; nothing is guessed.
 */
export function allocate<K>(target: number, decimals: number, request: AllocationRequest<K>): AllocationOutcome<K> {
  const targetSteps = toSteps(target, decimals);
  if (targetSteps === null) return refuse(`区目标应为不小于 0 的数，且最多 ${decimals} 位小数`);
  if (request.units.length === 0) return refuse("没有可分配的下属单位");
  if (new Set(request.units.map(({ unit }) => unit)).size !== request.units.length) return refuse("同一单位不能出现两次");

  switch (request.method) {
    case "equal": {
      const steps = largestRemainder(targetSteps, request.units.map(() => 1n));
      return done("equal", request.units.map(({ unit }, i) => ({ unit, steps: steps[i] ?? 0n })), [], targetSteps, decimals);
    }
    case "weighted": {
      const weights: bigint[] = [];
      for (const { weight } of request.units) {
        const scaled = toSteps(weight, MAX_WEIGHT_DECIMALS);
        if (scaled === null) return refuse(`权重应为不小于 0 的数，且最多 ${MAX_WEIGHT_DECIMALS} 位小数`);
        weights.push(scaled);
      }
      if (weights.every((weight) => weight === 0n)) return refuse("权重不能全部为 0");
      const steps = largestRemainder(targetSteps, weights);
      return done("weighted", request.units.map(({ unit }, i) => ({ unit, steps: steps[i] ?? 0n })), [], targetSteps, decimals);
    }
    case "typed": {
      const typed: { unit: K; steps: bigint }[] = [];
      const blank: K[] = [];
      for (const { unit, share } of request.units) {
        if (share === null) {
          blank.push(unit);
          continue;
        }
        const steps = toSteps(share, decimals);
        if (steps === null) return refuse(`分配数应为不小于 0 的数，且最多 ${decimals} 位小数`);
        typed.push({ unit, steps });
      }
      return done("typed", typed, blank, targetSteps, decimals);
    }
  }
}

/** The units' figures (or shares) summed and set against the district's: for display and the roll-up check. */
export function compareSum(values: readonly (number | null)[], target: number, decimals: number): SumComparison {
  const scale = 10 ** decimals;
  const sumSteps = values.reduce<number>((total, value) => total + (value === null ? 0 : Math.round(value * scale)), 0);
  const targetSteps = Math.round(target * scale);
  return comparison(BigInt(sumSteps), BigInt(targetSteps), decimals);
}

/**
 * "合计 34单，与区目标一致" / "合计 36单，超出区目标 2单" / "合计 30单，比区目标少 4单"; `against`
 * names what the sum is set against (for the roll-up check, e.g. "全区数值").
 */
export function describeSum(result: SumComparison, decimals: number, unit: string, against = "区目标"): string {
  const amount = (value: number) => `${formatNumber(value, decimals)}${unit}`;
  const head = `合计 ${amount(result.sum)}`;
  switch (result.verdict) {
    case "equal":
      return `${head}，与${against}一致`;
    case "over":
      return `${head}，超出${against} ${amount(result.difference)}`;
    case "under":
      return `${head}，比${against}少 ${amount(-result.difference)}`;
  }
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function done<K>(
  method: AllocationMethod,
  parts: { unit: K; steps: bigint }[],
  blank: K[],
  targetSteps: bigint,
  decimals: number,
): AllocationOutcome<K> {
  const sumSteps = parts.reduce((total, part) => total + part.steps, 0n);
  return {
    ok: true,
    allocation: {
      method,
      shares: parts.map(({ unit, steps }) => ({ unit, share: fromSteps(steps, decimals) })),
      blank,
      comparison: comparison(sumSteps, targetSteps, decimals),
    },
  };
}

function comparison(sumSteps: bigint, targetSteps: bigint, decimals: number): SumComparison {
  const difference = sumSteps - targetSteps;
  return {
    sum: fromSteps(sumSteps, decimals),
    target: fromSteps(targetSteps, decimals),
    difference: fromSteps(difference, decimals),
    verdict: difference === 0n ? "equal" : difference > 0n ? "over" : "under",
  };
}

/**
 * Whole steps of `total` shared in proportion to `weights` (not all zero), exactly: floor of
 * total·w/W each, then one more to the largest remainders (ties: larger weight, then earlier).
 */
function largestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  const parts = weights.map((weight, index) => ({
    index,
    weight,
    steps: (total * weight) / weightSum,
    remainder: (total * weight) % weightSum,
  }));
  let left = total - parts.reduce((sum, part) => sum + part.steps, 0n);
  const order = [...parts].sort(
    (a, b) => compareBig(b.remainder, a.remainder) || compareBig(b.weight, a.weight) || a.index - b.index,
  );
  for (const part of order) {
    if (left === 0n) break;
    if (part.weight === 0n) continue;
    part.steps += 1n;
    left -= 1n;
  }
  return parts.map((part) => part.steps);
}

function compareBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? 1 : -1;
}

/** A non-negative figure with at most `decimals` places as whole steps; null when it is not one. */
function toSteps(value: number, decimals: number): bigint | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const scaled = value * 10 ** decimals;
  const steps = Math.round(scaled);
  // a figure typed with more places than allowed must not be rounded away silently
  if (Math.abs(scaled - steps) > 1e-9 * Math.max(1, Math.abs(scaled)) || !Number.isSafeInteger(steps)) return null;
  return BigInt(steps);
}

function fromSteps(steps: bigint, decimals: number): number {
  const negative = steps < 0n;
  const digits = (negative ? -steps : steps).toString().padStart(decimals + 1, "0");
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return (negative ? -1 : 1) * Number(text) + 0;
}
