import { describe, expect, it } from "vitest";
import { niceStep, rankAxis, valueAxis } from "./chart-scale";

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
  it("run from first place down to the number of units ranked, so 第2名 of 183 sits near the top", () => {
    const axis = rankAxis({ worst: 2, rankedUnits: 183 });
    expect(axis.domain).toEqual([1, 183]);
    expect(axis.ticks[0]).toBe(1);
    expect(axis.ticks.at(-1)).toBe(183);
  });

  it("without N, leave room below the worst place and the target", () => {
    expect(rankAxis({ worst: 2, rankedUnits: null }).domain).toEqual([1, 4]);
    expect(rankAxis({ worst: 13, rankedUnits: null, target: 20 }).domain[1]).toBeGreaterThan(20);
    expect(rankAxis({ worst: 200, rankedUnits: 183 }).domain[1]).toBeGreaterThan(200);
  });

  it("never repeats a tick", () => {
    for (const input of [{ worst: 1, rankedUnits: null }, { worst: 15, rankedUnits: 184 }, { worst: 3, rankedUnits: 5 }]) {
      const { ticks } = rankAxis(input);
      expect(new Set(ticks).size).toBe(ticks.length);
    }
  });
});
