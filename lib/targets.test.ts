import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { monthsOfQuarter, yearToDate } from "./periods";
import { evaluateTarget, statusOf, type TargetSpec } from "./targets";

const count = { kind: "flow", decimals: 0 } as const;
const level = { kind: "stock", decimals: 0 } as const;
const rank = { kind: "rank", decimals: 0 } as const;

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const target = (rule: TargetSpec["rule"], value: number, comparator: TargetSpec["comparator"] = "at_least"): TargetSpec => ({
  rule,
  value,
  comparator,
  year: 2024,
  source: "省科协要求",
});

describe("status bands", () => {
  it("is green at exactly 100%, amber from 90%, red below, none without data", () => {
    expect(statusOf(1)).toBe("green");
    expect(statusOf(0.99999)).toBe("amber");
    expect(statusOf(0.9)).toBe("amber");
    expect(statusOf(0.8999)).toBe("red");
    expect(statusOf(null)).toBe("none");
  });

  it("takes configured bands", () => {
    expect(statusOf(0.96, { green: 0.95, amber: 0.8 })).toBe("green");
  });
});

describe("monthly average (the nanny-style 34 a month)", () => {
  const nanny = target("monthly_avg", 34);

  it("is met exactly at an average of 34", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 38 }), yearToDate("2024-02"));
    expect(result).toMatchObject({ actual: 34, expected: 34, attainment: 1, status: "green" });
  });

  it("is missed one order below", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 37 }), yearToDate("2024-02"));
    expect(result.actual).toBe(33.5);
    expect(result.status).toBe("amber");
    expect(result.monthsMeeting).toBe(1);
  });

  it("has no status without data", () => {
    const result = evaluateTarget(nanny, count, series({}), yearToDate("2024-03"));
    expect(result).toMatchObject({ actual: null, attainment: null, status: "none", monthsReported: 0 });
  });

  it("says what each remaining month must bring to still average 34 over the year", () => {
    // 3 months brought 90 of the 408 the year needs: 318 over 9 months is 35.33…, so 36 a month
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 30, "2024-03": 30 }), yearToDate("2024-03"));
    expect(result.catchUp).toEqual({ remainingMonths: 9, perMonth: 36 });
  });

  it("counts unreported months among those still to bring their share", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 34, "2024-03": 34 }), yearToDate("2024-03"));
    expect(result.catchUp).toEqual({ remainingMonths: 10, perMonth: 34 });
    expect(result.monthsReported).toBe(2);
    expect(result.monthsElapsed).toBe(3);
  });

  it("needs nothing more once the year's total is reached, and has no catch-up in a complete December", () => {
    const rich = Object.fromEntries(yearToDate("2024-11").map((m) => [m, 40]));
    expect(evaluateTarget(nanny, count, series(rich), yearToDate("2024-11")).catchUp).toEqual({ remainingMonths: 1, perMonth: 0 });
    const full = Object.fromEntries(yearToDate("2024-12").map((m) => [m, 40]));
    expect(evaluateTarget(nanny, count, series(full), yearToDate("2024-12")).catchUp).toBeNull();
  });

  it("counts the streak of months meeting 34 back from the latest", () => {
    const result = evaluateTarget(
      nanny,
      count,
      series({ "2024-01": 40, "2024-02": 20, "2024-03": 35, "2024-04": 34 }),
      yearToDate("2024-04"),
    );
    expect(result.streak).toBe(2);
    expect(result.monthsMeeting).toBe(3);
  });

  it("breaks the streak at a missing month", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 40, "2024-03": 40 }), yearToDate("2024-03"));
    expect(result.streak).toBe(1);
  });
});

describe("monthly minimum", () => {
  it("is judged on the lowest month of the window", () => {
    const result = evaluateTarget(target("monthly_min", 34), count, series({ "2024-01": 34, "2024-02": 33 }), yearToDate("2024-02"));
    expect(result).toMatchObject({ actual: 33, monthsMeeting: 1, status: "amber" });
    expect(result.catchUp).toBeNull();
  });
});

describe("annual total", () => {
  const annual = target("annual_total", 1200);

  it("is expected to have reached X·m/12 after m months (step pacing)", () => {
    const result = evaluateTarget(annual, count, series({ "2024-01": 100, "2024-02": 100, "2024-03": 100 }), yearToDate("2024-03"));
    expect(result).toMatchObject({ actual: 300, expected: 300, attainment: 1, status: "green" });
  });

  it("over a quarter is judged against a quarter of the year", () => {
    const result = evaluateTarget(annual, count, series({ "2024-04": 90, "2024-05": 90, "2024-06": 90 }), monthsOfQuarter("2024-Q2"));
    expect(result).toMatchObject({ actual: 270, expected: 300, attainment: 0.9, status: "amber" });
  });

  it("says what each remaining month must bring to reach the year", () => {
    const result = evaluateTarget(annual, count, series({ "2024-01": 50 }), yearToDate("2024-01"));
    expect(result.catchUp).toEqual({ remainingMonths: 11, perMonth: 105 });
  });

  it("rounds a catch-up of a decimal indicator up to its decimals", () => {
    const volume = { kind: "flow", decimals: 2 } as const;
    const result = evaluateTarget(target("annual_total", 100), volume, series({ "2024-01": 0 }), yearToDate("2024-01"));
    expect(result.catchUp).toEqual({ remainingMonths: 11, perMonth: 9.1 });
  });
});

describe("year-end level", () => {
  it("is judged against its value now, with the growth per month still needed", () => {
    const result = evaluateTarget(target("year_end_level", 20000), level, series({ "2024-06": 17000 }), yearToDate("2024-06"));
    expect(result).toMatchObject({ actual: 17000, expected: 20000, status: "red" });
    expect(result.catchUp).toEqual({ remainingMonths: 6, perMonth: 500 });
  });

  it("an at-most level inverts attainment", () => {
    const result = evaluateTarget(target("year_end_level", 50, "at_most"), level, series({ "2024-06": 40 }), yearToDate("2024-06"));
    expect(result.attainment).toBe(1.25);
    expect(result.status).toBe("green");
  });
});

describe("rank at most N", () => {
  const topTen = target("rank_at_most", 10, "at_most");

  it("is met at rank N and better, and judged on the latest rank, never an average", () => {
    const result = evaluateTarget(topTen, rank, series({ "2024-01": 30, "2024-02": 10 }), yearToDate("2024-02"));
    expect(result).toMatchObject({ actual: 10, status: "green" });
  });

  it("is missed one place below", () => {
    const result = evaluateTarget(topTen, rank, series({ "2024-01": 11 }), yearToDate("2024-01"));
    expect(result.status).toBe("amber");
    expect(result.attainment).toBeCloseTo(10 / 11);
    expect(result.catchUp).toBeNull();
  });
});
