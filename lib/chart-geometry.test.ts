import { describe, expect, it } from "vitest";
import { bandCenters, barBoxes, dotsPath, labelIndexes, linePath, pointPositions, yPercent } from "./chart-geometry";
import { rankAxis, valueAxis } from "./chart-scale";

describe("positions on a static chart", () => {
  const axis = { domain: [0, 40] as [number, number], ticks: [0, 10, 20, 30, 40] };

  it("put a value's height as a share of the axis, top down", () => {
    expect(yPercent(40, axis)).toBe(0);
    expect(yPercent(0, axis)).toBe(100);
    expect(yPercent(34, axis)).toBe(15);
  });

  it("put the best place at the top of a reversed rank axis and the worst at the bottom", () => {
    const ranks = rankAxis({ ranks: [12, 18], rankedUnits: 183 });
    expect(yPercent(10, ranks, true)).toBe(0);
    expect(yPercent(20, ranks, true)).toBe(100);
    expect(yPercent(12, ranks, true)).toBe(20);
    expect(yPercent(18, ranks, true)).toBe(80);
  });

  it("centre bars in equal bands and spread line points from edge to edge", () => {
    expect(bandCenters(4)).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(pointPositions(3)).toEqual([0, 50, 100]);
    expect(pointPositions(1)).toEqual([50]);
  });
});

describe("bars", () => {
  it("rise from zero to the value, and a month without a figure has none", () => {
    const axis = valueAxis([36, null, 20], { fromZero: true, integer: true });
    const [first, missing, third] = barBoxes([36, null, 20], axis);
    expect(missing).toBeNull();
    expect(first?.bottom).toBe(0);
    expect(first?.top).toBe(yPercent(36, axis));
    expect(third && first && third.top > first.top).toBe(true);
    expect(first && first.x + first.width <= 100 / 3).toBe(true);
  });
});

describe("lines", () => {
  const axis = { domain: [0, 100] as [number, number], ticks: [0, 50, 100] };

  it("never bridge a month without a figure: the line starts again after the gap", () => {
    const path = linePath([10, 20, null, 40], [0, 33.33, 66.67, 100], axis);
    expect(path).toBe("M0 90L33.33 80M100 60");
  });

  it("draw a dot for every reported month and none for a gap", () => {
    const dots = dotsPath([10, null, 40], [0, 50, 100], axis);
    expect(dots).toBe("M0 90h0M100 60h0");
  });

  it("draw ranks downwards from first place", () => {
    const ranks = { domain: [1, 11] as [number, number], ticks: [1, 11] };
    expect(linePath([1, 11], [0, 100], ranks, true)).toBe("M0 0L100 100");
  });
});

describe("category labels", () => {
  it("print every label when they fit", () => {
    expect(labelIndexes(5, 6)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keep the first and the last, evenly spaced between, when they do not", () => {
    const chosen = labelIndexes(24, 6);
    expect(chosen[0]).toBe(0);
    expect(chosen.at(-1)).toBe(23);
    expect(chosen.length).toBeLessThanOrEqual(6);
    const gaps = chosen.slice(1).map((index, position) => index - (chosen[position] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3);
  });

  it("never crowd the last label against the one before it", () => {
    const chosen = labelIndexes(12, 6);
    expect(chosen.at(-1)).toBe(11);
    const gaps = chosen.slice(1).map((index, position) => index - (chosen[position] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2);
  });
});
