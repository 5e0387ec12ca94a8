import { describe, expect, it } from "vitest";
import { niceStep, rankAxis, rankRowsAxis, valueAxis } from "./chart-scale";

describe("value axes", () => {
  it("step in 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(12, 5)).toBe(2.5);
    expect(niceStep(12, 5, true)).toBe(3);
    expect(niceStep(0.06, 5)).toBeCloseTo(0.02, 10);
  });

  it("cover the data with round ticks, ignoring gaps", () => {
    const axis = valueAxis([15320, null, 15880, 16410]);
    expect(axis.ticks[0]).toBeLessThanOrEqual(15320);
    expect(axis.ticks.at(-1)).toBeGreaterThanOrEqual(16410);
    expect(axis.domain).toEqual([axis.ticks[0], axis.ticks.at(-1)]);
    const steps = axis.ticks.slice(1).map((tick, index) => tick - (axis.ticks[index] ?? 0));
    expect(new Set(steps).size).toBe(1);
  });

  it("start bars at zero and reach the target line", () => {
    const axis = valueAxis([34, 28, 36], { fromZero: true, integer: true });
    expect(axis.domain[0]).toBe(0);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(36);
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
  });

  it("still have a scale for one value or none", () => {
    expect(valueAxis([5]).ticks.length).toBeGreaterThan(1);
    expect(valueAxis([null, null])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe("rank axes", () => {
  /** Whole-number ticks a constant step apart, from the top of the axis to its bottom. */
  function expectEvenTicks(axis: ReturnType<typeof rankAxis>) {
    expect(axis.ticks[0]).toBe(axis.domain[0]);
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
    axis.ticks.slice(1, -1).forEach((tick, index) => expect(tick - (axis.ticks[index] ?? 0)).toBe(axis.step));
    expect(new Set(axis.ticks).size).toBe(axis.ticks.length);
  }

  it("zoom to the places shown: 第12 to 第18 of 183 fills the chart, not a flat line near the top", () => {
    const axis = rankAxis({ ranks: [12, 14, 18, 15], rankedUnits: 183 });
    expect(axis.domain).toEqual([10, 20]);
    expect(axis.ticks).toEqual([10, 12, 14, 16, 18, 20]);
    expect(axis.step).toBe(2);
  });

  it("leave a margin past the best and the worst place", () => {
    for (const ranks of [[12, 18], [2, 15], [9, 25], [40, 45], [175, 183]]) {
      const axis = rankAxis({ ranks, rankedUnits: 183 });
      const best = Math.min(...ranks);
      const worst = Math.max(...ranks);
      expect(axis.domain[0] < best || axis.domain[0] === 1).toBe(true);
      expect(axis.domain[1] > worst || axis.domain[1] === 183).toBe(true);
      expect(axis.domain[1] - axis.domain[0]).toBeLessThan(Math.max(10, (worst - best) * 2));
      expectEvenTicks(axis);
    }
  });

  it("take in the target place, even far from the places shown", () => {
    const axis = rankAxis({ ranks: [40, 45], rankedUnits: 183, target: 10 });
    expect(axis.domain[0]).toBeLessThan(10);
    expect(axis.domain[1]).toBeGreaterThan(45);
    expect(axis.domain[1]).toBeLessThan(183);
    expect(rankAxis({ ranks: [3, 4], rankedUnits: 183, target: 20 }).domain[1]).toBeGreaterThan(20);
  });

  it("stay within 1..N and run the whole 1..N only when the places span it", () => {
    expect(rankAxis({ ranks: [1, 2], rankedUnits: 183 }).domain[0]).toBe(1);
    expect(rankAxis({ ranks: [183, 181], rankedUnits: 183 }).domain[1]).toBe(183);
    expect(rankAxis({ ranks: [12, 18], rankedUnits: 19 }).domain).toEqual([9, 19]);
    expect(rankAxis({ ranks: [1, 183], rankedUnits: 183 }).domain).toEqual([1, 183]);
    expect(rankAxis({ ranks: [1, 183], rankedUnits: 183 }).ticks.at(-1)).toBe(183);
    // a target past N (a bad target) does not stretch the axis past the last place
    expect(rankAxis({ ranks: [5], rankedUnits: 8, target: 30 }).domain).toEqual([4, 8]);
  });

  it("give one place, or equal places, a few places either side", () => {
    expect(rankAxis({ ranks: [12], rankedUnits: 183 })).toEqual({ domain: [10, 14], ticks: [10, 11, 12, 13, 14], step: 1 });
    expect(rankAxis({ ranks: [7, 7, 7], rankedUnits: 183 }).domain).toEqual([5, 9]);
    expect(rankAxis({ ranks: [1], rankedUnits: 183 }).domain).toEqual([1, 5]);
    expect(rankAxis({ ranks: [183], rankedUnits: 183 }).domain).toEqual([179, 183]);
  });

  it("skip the months without a rank", () => {
    expect(rankAxis({ ranks: [12, null, null, 18], rankedUnits: 183 })).toEqual(rankAxis({ ranks: [12, 18], rankedUnits: 183 }));
    expect(rankAxis({ ranks: [null, null], rankedUnits: 183 }).domain).toEqual([1, 5]);
    expect(rankAxis({ ranks: [], rankedUnits: null, target: 10 }).domain).toEqual([8, 12]);
  });

  it("without N, follow the places shown, and draw a place past N rather than cut it off", () => {
    expect(rankAxis({ ranks: [12, 18], rankedUnits: null })).toEqual(rankAxis({ ranks: [12, 18], rankedUnits: 183 }));
    expect(rankAxis({ ranks: [2], rankedUnits: null }).domain).toEqual([1, 5]);
    expect(rankAxis({ ranks: [200], rankedUnits: 183 }).domain[1]).toBe(200);
  });

  it("keep whole-number ticks a constant step apart for every span", () => {
    for (let best = 1; best <= 183; best += 7) {
      for (const width of [0, 1, 3, 6, 13, 40, 90]) {
        const worst = Math.min(183, best + width);
        const axis = rankAxis({ ranks: [best, worst], rankedUnits: 183 });
        expectEvenTicks(axis);
        expect(axis.domain[0]).toBeGreaterThanOrEqual(1);
        expect(axis.domain[1]).toBeLessThanOrEqual(183);
        expect(axis.domain[0]).toBeLessThanOrEqual(best);
        expect(axis.domain[1]).toBeGreaterThanOrEqual(worst);
        // labels that fit: at most about seven of them
        expect(axis.ticks.length).toBeLessThanOrEqual(7);
      }
    }
  });

  it("read a chart's rows, one column per rank line", () => {
    const rows = [{ label: "7月", a: 12, b: null }, { label: "8月", a: null, b: 16 }, { label: "9月", a: 18, b: 15 }];
    expect(rankRowsAxis(rows, ["a", "b"], { rankedUnits: 183 })).toEqual(rankAxis({ ranks: [12, 16, 18, 15], rankedUnits: 183 }));
    expect(rankRowsAxis(rows, ["b"], { rankedUnits: 183, target: 10 })).toEqual(rankAxis({ ranks: [16, 15], rankedUnits: 183, target: 10 }));
  });
});
