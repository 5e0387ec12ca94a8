import { describe, expect, it } from "vitest";
import { change, summarize, type Series } from "./aggregate";
import { monthsOfQuarter, monthsOfYear } from "./periods";

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));

describe("a period's figure by kind", () => {
  const monthly = series({ "2024-01": 30, "2024-02": 36, "2024-03": 40.1 });

  it("a quarter's flow is the sum of its three months", () => {
    const q1 = summarize("flow", monthly, monthsOfQuarter("2024-Q1"), 1);
    expect(q1.value).toBe(106.1);
    expect(q1.complete).toBe(true);
    expect(q1.reportedMonths).toBe(3);
  });

  it("a quarter's stock, rate and rank are its last month's value", () => {
    for (const kind of ["stock", "rate", "rank"] as const) {
      const q1 = summarize(kind, monthly, monthsOfQuarter("2024-Q1"), 1);
      expect(q1.value).toBe(40.1);
      expect(q1.asOf).toBe("2024-03");
    }
  });

  it("a rank is never summed or averaged", () => {
    const ranks = series({ "2024-01": 12, "2024-02": 10, "2024-03": 14 });
    expect(summarize("rank", ranks, monthsOfQuarter("2024-Q1"), 0).value).toBe(14);
  });

  it("a flow with a missing month sums what is reported and says it is incomplete", () => {
    const gap = series({ "2024-01": 30, "2024-03": 40 });
    const q1 = summarize("flow", gap, monthsOfQuarter("2024-Q1"), 0);
    expect(q1.value).toBe(70);
    expect(q1.complete).toBe(false);
    expect(q1.reportedMonths).toBe(2);
  });

  it("a stock whose last month is missing falls back to the latest month reported, marked incomplete", () => {
    const gap = series({ "2024-01": 100, "2024-02": 110 });
    const q1 = summarize("stock", gap, monthsOfQuarter("2024-Q1"), 0);
    expect(q1.value).toBe(110);
    expect(q1.asOf).toBe("2024-02");
    expect(q1.complete).toBe(false);
  });

  it("no reported month is no data, never zero", () => {
    const q2 = summarize("flow", monthly, monthsOfQuarter("2024-Q2"), 0);
    expect(q2.value).toBeNull();
    expect(summarize("stock", monthly, monthsOfQuarter("2024-Q2"), 0).value).toBeNull();
  });

  it("a year's flow is its whole-year figure when one is stored (the 2023 baseline)", () => {
    const baseline = series({ "2023": 3918 });
    const year = summarize("flow", baseline, monthsOfYear(2023), 0);
    expect(year).toMatchObject({ value: 3918, fromAnnual: true, complete: true, asOf: "2023" });
  });

  it("a whole-year figure is not spread over the year's quarters", () => {
    const baseline = series({ "2023": 3918 });
    expect(summarize("flow", baseline, monthsOfQuarter("2023-Q4"), 0).value).toBeNull();
  });

  it("a year-end stock is December's value", () => {
    const stocks = series({ "2023-12": 14312 });
    expect(summarize("stock", stocks, monthsOfYear(2023), 0)).toMatchObject({ value: 14312, asOf: "2023-12" });
  });

  it("sums without floating-point noise", () => {
    const rates = series({ "2024-01": 0.1, "2024-02": 0.2 });
    expect(summarize("flow", rates, ["2024-01", "2024-02"], 2).value).toBe(0.3);
  });
});

describe("change between periods", () => {
  it("is the difference, rounded to the declared decimals", () => {
    expect(change(878.44, 800.12, 2)).toBe(78.32);
  });

  it("is no comparison when either side is missing", () => {
    expect(change(34, null, 0)).toBeNull();
    expect(change(null, 34, 0)).toBeNull();
  });
});
