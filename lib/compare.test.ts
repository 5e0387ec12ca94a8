import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { compareMonth, compareQuarter } from "./compare";

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const flow = { kind: "flow", decimals: 0 } as const;
const stock = { kind: "stock", decimals: 0 } as const;
const rate = { kind: "rate", decimals: 2 } as const;
const rank = { kind: "rank", decimals: 0 } as const;

describe("环比 (on the previous month or quarter)", () => {
  it("compares a flow's month with the month before, across the new year", () => {
    const { monthOnMonth } = compareMonth(flow, series({ "2023-12": 30, "2024-01": 36 }), "2024-01");
    expect(monthOnMonth).toMatchObject({ delta: 6, relative: 0.2, reason: null });
  });

  it("compares a quarter's flow as the sums of the two quarters", () => {
    const data = series({ "2023-10": 10, "2023-11": 10, "2023-12": 10, "2024-01": 12, "2024-02": 12, "2024-03": 12 });
    const { quarterOnQuarter } = compareQuarter(flow, data, "2024-Q1");
    expect(quarterOnQuarter.current.value).toBe(36);
    expect(quarterOnQuarter.earlier.value).toBe(30);
    expect(quarterOnQuarter.delta).toBe(6);
  });

  it("compares a stock's quarter-end values, not their sums", () => {
    const data = series({ "2023-12": 14312, "2024-01": 14637, "2024-02": 15000, "2024-03": 15300 });
    expect(compareQuarter(stock, data, "2024-Q1").quarterOnQuarter).toMatchObject({ delta: 988 });
  });

  it("compares a rate's month-end values, in its own decimals", () => {
    const { monthOnMonth } = compareMonth(rate, series({ "2024-01": 4.87, "2024-02": 5.12 }), "2024-02");
    expect(monthOnMonth.delta).toBe(0.25);
  });

  it("counts a rank's change in places, a fall of the number being a rise, with no percentage", () => {
    const { monthOnMonth } = compareMonth(rank, series({ "2024-01": 14, "2024-02": 12 }), "2024-02");
    expect(monthOnMonth).toMatchObject({ delta: -2, relative: null });
  });

  it("makes no comparison when last month is missing, never a made-up zero", () => {
    const { monthOnMonth } = compareMonth(flow, series({ "2024-03": 36 }), "2024-03");
    expect(monthOnMonth).toMatchObject({ delta: null, relative: null, reason: "无可比数据" });
  });

  it("makes no comparison with an incomplete quarter", () => {
    const data = series({ "2023-10": 10, "2023-12": 10, "2024-01": 12, "2024-02": 12, "2024-03": 12 });
    expect(compareQuarter(flow, data, "2024-Q1").quarterOnQuarter).toMatchObject({ delta: null, reason: "对比期数据不完整" });
  });
});

describe("同比 (on the same period last year)", () => {
  it("compares a month with the same month a year before", () => {
    const { yearOnYear } = compareMonth(stock, series({ "2023-12": 14312, "2024-12": 18159 }), "2024-12");
    expect(yearOnYear.delta).toBe(3847);
  });

  it("has nothing to compare a 2024 quarter's flow with when 2023 is known only as a whole-year total", () => {
    const data = series({ "2023": 3918, "2024-01": 325, "2024-02": 300, "2024-03": 310 });
    expect(compareQuarter(flow, data, "2024-Q1").yearOnYear).toMatchObject({ delta: null, reason: "无可比数据" });
  });

  it("compares a fourth quarter's stock with the 2023 year-end value", () => {
    const data = series({ "2023-12": 14312, "2024-10": 17000, "2024-11": 17500, "2024-12": 18159 });
    expect(compareQuarter(stock, data, "2024-Q4").yearOnYear).toMatchObject({ delta: 18159 - 14312 });
  });

  it("gives no relative change from zero", () => {
    const { yearOnYear } = compareMonth(flow, series({ "2023-05": 0, "2024-05": 3 }), "2024-05");
    expect(yearOnYear).toMatchObject({ delta: 3, relative: null });
  });
});
