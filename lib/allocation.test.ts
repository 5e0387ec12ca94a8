import { describe, expect, it } from "vitest";
import { allocate, compareSum, describeSum, isAllocatable, type Allocation, type AllocationRequest } from "./allocation";

const TOWNS = ["格里坪镇", "清香坪街道", "陶家渡街道", "玉泉街道", "河门口街道", "大宝鼎街道"] as const;
const each = <K,>(units: readonly K[]) => units.map((unit) => ({ unit }));

function ok<K>(target: number, decimals: number, request: AllocationRequest<K>): Allocation<K> {
  const outcome = allocate(target, decimals, request);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.allocation;
}

function refused<K>(target: number, decimals: number, request: AllocationRequest<K>): string {
  const outcome = allocate(target, decimals, request);
  if (outcome.ok) throw new Error("expected a refusal");
  return outcome.message;
}

const sharesOf = <K,>(allocation: Allocation<K>) => allocation.shares.map(({ share }) => share);

describe("an equal split", () => {
  it("gives 34 orders among 6 towns as 6,6,6,6,5,5: the remainder to the towns listed first, summing exactly", () => {
    const allocation = ok(34, 0, { method: "equal", units: each(TOWNS) });
    expect(allocation.shares).toEqual([
      { unit: "格里坪镇", share: 6 },
      { unit: "清香坪街道", share: 6 },
      { unit: "陶家渡街道", share: 6 },
      { unit: "玉泉街道", share: 6 },
      { unit: "河门口街道", share: 5 },
      { unit: "大宝鼎街道", share: 5 },
    ]);
    expect(allocation.comparison).toEqual({ sum: 34, target: 34, difference: 0, verdict: "equal" });
  });

  it("has no remainder when the target divides evenly", () => {
    expect(sharesOf(ok(36, 0, { method: "equal", units: each(TOWNS) }))).toEqual([6, 6, 6, 6, 6, 6]);
  });

  it("gives zeros beyond the target when there are more units than orders", () => {
    expect(sharesOf(ok(2, 0, { method: "equal", units: each(["a", "b", "c"]) }))).toEqual([1, 1, 0]);
    expect(sharesOf(ok(0, 0, { method: "equal", units: each(["a", "b"]) }))).toEqual([0, 0]);
  });

  it("splits a decimal indicator in steps of its last decimal", () => {
    // 100.00 万元 among 3: 33.34 + 33.33 + 33.33
    const allocation = ok(100, 2, { method: "equal", units: each(["a", "b", "c"]) });
    expect(sharesOf(allocation)).toEqual([33.34, 33.33, 33.33]);
    expect(allocation.comparison.verdict).toBe("equal");
    expect(sharesOf(ok(0.1, 2, { method: "equal", units: each(["a", "b", "c"]) }))).toEqual([0.04, 0.03, 0.03]);
  });

  it("keeps a single unit's share the whole target", () => {
    expect(sharesOf(ok(34, 0, { method: "equal", units: each(["格里坪镇"]) }))).toEqual([34]);
  });
});

describe("a weighted split", () => {
  it("gives the leftover steps to the largest remainders", () => {
    // 10 by 1:1:1:2 → quotas 2, 2, 2, 4 exactly
    expect(sharesOf(ok(10, 0, { method: "weighted", units: [
      { unit: "a", weight: 1 }, { unit: "b", weight: 1 }, { unit: "c", weight: 1 }, { unit: "d", weight: 2 },
    ] }))).toEqual([2, 2, 2, 4]);
    // 34 by 5:3:2 → quotas 17, 10.2, 6.8 → 17, 10, 7
    expect(sharesOf(ok(34, 0, { method: "weighted", units: [
      { unit: "a", weight: 5 }, { unit: "b", weight: 3 }, { unit: "c", weight: 2 },
    ] }))).toEqual([17, 10, 7]);
  });

  it("breaks equal remainders by the larger weight, then by the order listed", () => {
    // 5 by 3:1:1:1 (W = 6): quotas 2.5, 0.833…, 0.833…, 0.833… → the three small ones tie on remainder 5/6
    // floors 2,0,0,0 leave 3 steps: the three remainders 5/6 beat 3/6
    expect(sharesOf(ok(5, 0, { method: "weighted", units: [
      { unit: "a", weight: 3 }, { unit: "b", weight: 1 }, { unit: "c", weight: 1 }, { unit: "d", weight: 1 },
    ] }))).toEqual([2, 1, 1, 1]);
    // 1 by 2:2:1:1 (W = 6): remainders 2, 2, 1, 1 (sixths) → a tie between a and b, taken by the one listed first
    expect(sharesOf(ok(1, 0, { method: "weighted", units: [
      { unit: "a", weight: 2 }, { unit: "b", weight: 2 }, { unit: "c", weight: 1 }, { unit: "d", weight: 1 },
    ] }))).toEqual([1, 0, 0, 0]);
    // 1 by 1:2 (W = 3): remainders 1 and 2 (thirds) → b
    expect(sharesOf(ok(1, 0, { method: "weighted", units: [{ unit: "a", weight: 1 }, { unit: "b", weight: 2 }] }))).toEqual([0, 1]);
    // 2 by 2:1:1 (W = 4): quotas 1, 0.5, 0.5 → the tie at 0.5 goes to b, listed before c
    expect(sharesOf(ok(2, 0, { method: "weighted", units: [
      { unit: "a", weight: 2 }, { unit: "b", weight: 1 }, { unit: "c", weight: 1 },
    ] }))).toEqual([1, 1, 0]);
  });

  it("on an exact tie of remainders prefers the larger weight over the order listed", () => {
    // 2 by 1:3 (W = 4): quotas 0.5 and 1.5, both remainders 2/4; one step left → the weight-3 unit, though listed second
    expect(sharesOf(ok(2, 0, { method: "weighted", units: [{ unit: "a", weight: 1 }, { unit: "b", weight: 3 }] }))).toEqual([0, 2]);
    expect(sharesOf(ok(2, 0, { method: "weighted", units: [{ unit: "b", weight: 3 }, { unit: "a", weight: 1 }] }))).toEqual([2, 0]);
  });

  it("gives a unit of weight zero nothing, even when steps are left over", () => {
    const allocation = ok(7, 0, { method: "weighted", units: [
      { unit: "a", weight: 0 }, { unit: "b", weight: 1 }, { unit: "c", weight: 1 },
    ] });
    expect(sharesOf(allocation)).toEqual([0, 4, 3]);
    expect(allocation.comparison.verdict).toBe("equal");
  });

  it("accepts decimal weights (population in 万) and still sums exactly", () => {
    const weights = [3.2561, 5.1003, 1.0001, 2.7, 0.8842, 1.5];
    const allocation = ok(34, 0, { method: "weighted", units: TOWNS.map((unit, i) => ({ unit, weight: weights[i] ?? 0 })) });
    expect(sharesOf(allocation).reduce((a, b) => a + b, 0)).toBe(34);
    expect(sharesOf(allocation)).toEqual([8, 12, 2, 6, 2, 4]);
  });

  it("refuses weights that are all zero, negative, not finite or over-precise", () => {
    expect(refused(34, 0, { method: "weighted", units: [{ unit: "a", weight: 0 }, { unit: "b", weight: 0 }] })).toBe("权重不能全部为 0");
    expect(refused(34, 0, { method: "weighted", units: [{ unit: "a", weight: -1 }] })).toContain("权重应为不小于 0 的数");
    expect(refused(34, 0, { method: "weighted", units: [{ unit: "a", weight: Number.NaN }] })).toContain("权重");
    expect(refused(34, 0, { method: "weighted", units: [{ unit: "a", weight: 0.0000001 }] })).toContain("最多 6 位小数");
  });
});

describe("typed shares", () => {
  it("are kept as typed, and their sum is reported against the district's target", () => {
    const under = ok(34, 0, { method: "typed", units: [{ unit: "a", share: 10 }, { unit: "b", share: 20 }] });
    expect(sharesOf(under)).toEqual([10, 20]);
    expect(under.comparison).toEqual({ sum: 30, target: 34, difference: -4, verdict: "under" });
    const over = ok(34, 0, { method: "typed", units: [{ unit: "a", share: 20 }, { unit: "b", share: 16 }] });
    expect(over.comparison).toEqual({ sum: 36, target: 34, difference: 2, verdict: "over" });
    const exact = ok(34, 0, { method: "typed", units: [{ unit: "a", share: 20 }, { unit: "b", share: 14 }] });
    expect(exact.comparison.verdict).toBe("equal");
  });

  it("leave a blank share out and name its unit, never counting it as 0 silently", () => {
    const allocation = ok(34, 0, { method: "typed", units: [{ unit: "a", share: 20 }, { unit: "b", share: null }] });
    expect(allocation.shares).toEqual([{ unit: "a", share: 20 }]);
    expect(allocation.blank).toEqual(["b"]);
    expect(allocation.comparison.verdict).toBe("under");
  });

  it("add decimals exactly (0.1 + 0.2 = 0.3)", () => {
    const allocation = ok(0.3, 2, { method: "typed", units: [{ unit: "a", share: 0.1 }, { unit: "b", share: 0.2 }] });
    expect(allocation.comparison).toEqual({ sum: 0.3, target: 0.3, difference: 0, verdict: "equal" });
  });

  it("refuse a share with more decimals than the indicator has, or a negative one", () => {
    expect(refused(34, 0, { method: "typed", units: [{ unit: "a", share: 1.5 }] })).toContain("最多 0 位小数");
    expect(refused(34, 0, { method: "typed", units: [{ unit: "a", share: -1 }] })).toContain("不小于 0");
  });
});

describe("every split", () => {
  it("refuses a target that is negative or finer than the indicator's decimals", () => {
    expect(refused(-1, 0, { method: "equal", units: each(["a"]) })).toContain("区目标");
    expect(refused(34.5, 0, { method: "equal", units: each(["a"]) })).toContain("区目标");
  });

  it("refuses no units and a unit listed twice", () => {
    expect(refused(34, 0, { method: "equal", units: each([]) })).toBe("没有可分配的下属单位");
    expect(refused(34, 0, { method: "equal", units: each(["a", "a"]) })).toBe("同一单位不能出现两次");
    expect(refused(34, 0, { method: "typed", units: [{ unit: 1, share: 1 }, { unit: 1, share: 2 }] })).toBe("同一单位不能出现两次");
  });

  it("always sums exactly to the target for equal and weighted splits", () => {
    for (let target = 0; target <= 60; target += 1) {
      for (let count = 1; count <= 7; count += 1) {
        const units = Array.from({ length: count }, (_, i) => i);
        const equal = ok(target, 0, { method: "equal", units: each(units) });
        expect(sharesOf(equal).reduce((a, b) => a + b, 0)).toBe(target);
        expect(Math.max(...sharesOf(equal)) - Math.min(...sharesOf(equal))).toBeLessThanOrEqual(1);
        const weighted = ok(target, 0, { method: "weighted", units: units.map((unit) => ({ unit, weight: unit * unit })).concat([{ unit: 99, weight: 1 }]) });
        expect(sharesOf(weighted).reduce((a, b) => a + b, 0)).toBe(target);
      }
    }
  });

  it("applies only to figures that add up", () => {
    expect(isAllocatable({ kind: "flow" })).toBe(true);
    expect(isAllocatable({ kind: "stock" })).toBe(true);
    expect(isAllocatable({ kind: "rate" })).toBe(false);
    expect(isAllocatable({ kind: "rank" })).toBe(false);
  });
});

describe("a sum against the district's figure", () => {
  it("compares exactly at the indicator's decimals and ignores blanks", () => {
    expect(compareSum([10, null, 24], 34, 0)).toEqual({ sum: 34, target: 34, difference: 0, verdict: "equal" });
    expect(compareSum([0.1, 0.2], 0.3, 2).verdict).toBe("equal");
    expect(compareSum([12.5, 10.25], 22.5, 2)).toEqual({ sum: 22.75, target: 22.5, difference: 0.25, verdict: "over" });
    expect(compareSum([], 34, 0)).toEqual({ sum: 0, target: 34, difference: -34, verdict: "under" });
  });

  it("reads in Chinese with the unit", () => {
    expect(describeSum(compareSum([20, 14], 34, 0), 0, "单")).toBe("合计 34单，与区目标一致");
    expect(describeSum(compareSum([20, 16], 34, 0), 0, "单")).toBe("合计 36单，超出区目标 2单");
    expect(describeSum(compareSum([10, 20], 34, 0), 0, "单")).toBe("合计 30单，比区目标少 4单");
    expect(describeSum(compareSum([1.5], 2, 2), 2, "万元")).toBe("合计 1.50万元，比区目标少 0.50万元");
    expect(describeSum(compareSum([12, 20], 34, 0), 0, "户", "全区数值")).toBe("合计 32户，比全区数值少 2户");
  });
});
