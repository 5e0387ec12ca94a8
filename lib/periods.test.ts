import { describe, expect, it } from "vitest";
import {
  addMonths,
  formatMonth,
  formatPeriod,
  formatQuarter,
  isFutureMonth,
  isMonth,
  isQuarter,
  isYear,
  monthOfDate,
  monthRange,
  monthsOfQuarter,
  nextQuarter,
  previousMonth,
  previousQuarter,
  quarterOf,
  sameMonthLastYear,
  sameQuarterLastYear,
  yearToDate,
} from "./periods";

describe("months", () => {
  it("accepts YYYY-MM with a month from 01 to 12 only", () => {
    expect(isMonth("2024-03")).toBe(true);
    expect(isMonth("2024-12")).toBe(true);
    expect(isMonth("2024-13")).toBe(false);
    expect(isMonth("2024-00")).toBe(false);
    expect(isMonth("2024-3")).toBe(false);
    expect(isMonth("2024")).toBe(false);
  });

  it("steps across year boundaries in both directions", () => {
    expect(addMonths("2024-01", -1)).toBe("2023-12");
    expect(previousMonth("2024-01")).toBe("2023-12");
    expect(addMonths("2023-12", 1)).toBe("2024-01");
    expect(addMonths("2024-11", 14)).toBe("2026-01");
    expect(sameMonthLastYear("2024-02")).toBe("2023-02");
  });

  it("lists a range inclusively and an inverted range as empty", () => {
    expect(monthRange("2023-11", "2024-02")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(monthRange("2024-02", "2024-01")).toEqual([]);
    expect(yearToDate("2024-03")).toEqual(["2024-01", "2024-02", "2024-03"]);
  });

  it("reads today's month in China Standard Time", () => {
    // 2024-03-31 17:00 UTC is already 1 April in Beijing
    expect(monthOfDate(new Date("2024-03-31T17:00:00Z"))).toBe("2024-04");
    expect(monthOfDate(new Date("2024-03-31T15:59:00Z"))).toBe("2024-03");
  });

  it("calls a month future only after the current month", () => {
    const today = new Date("2024-05-15T04:00:00Z");
    expect(isFutureMonth("2024-05", today)).toBe(false);
    expect(isFutureMonth("2024-06", today)).toBe(true);
    expect(isFutureMonth("2023-12", today)).toBe(false);
  });

  it("names months and periods in Chinese", () => {
    expect(formatMonth("2024-03")).toBe("2024年3月");
    expect(formatPeriod("2023")).toBe("2023年全年");
    expect(formatPeriod("2024-12")).toBe("2024年12月");
  });
});

describe("quarters", () => {
  it("puts each month in its quarter", () => {
    expect(quarterOf("2024-01")).toBe("2024-Q1");
    expect(quarterOf("2024-03")).toBe("2024-Q1");
    expect(quarterOf("2024-04")).toBe("2024-Q2");
    expect(quarterOf("2024-09")).toBe("2024-Q3");
    expect(quarterOf("2024-12")).toBe("2024-Q4");
  });

  it("lists a quarter's three months", () => {
    expect(monthsOfQuarter("2024-Q1")).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(monthsOfQuarter("2024-Q4")).toEqual(["2024-10", "2024-11", "2024-12"]);
  });

  it("finds the previous quarter across a year boundary and the same quarter last year", () => {
    expect(previousQuarter("2024-Q1")).toBe("2023-Q4");
    expect(nextQuarter("2024-Q4")).toBe("2025-Q1");
    expect(nextQuarter("2024-Q2")).toBe("2024-Q3");
    expect(previousQuarter("2024-Q3")).toBe("2024-Q2");
    expect(sameQuarterLastYear("2024-Q1")).toBe("2023-Q1");
  });

  it("validates and names quarters in Chinese", () => {
    expect(isQuarter("2024-Q4")).toBe(true);
    expect(isQuarter("2024-Q5")).toBe(false);
    expect(formatQuarter("2024-Q1")).toBe("2024年第一季度");
    expect(formatQuarter("2024-Q4")).toBe("2024年第四季度");
  });
});

describe("the years a period may name", () => {
  it("are 2000 to 2100, for months, quarters and years alike", () => {
    expect(isMonth("2000-01")).toBe(true);
    expect(isMonth("2100-12")).toBe(true);
    expect(isMonth("1999-12")).toBe(false);
    expect(isMonth("2101-01")).toBe(false);
    expect(isMonth("0000-01")).toBe(false);
    expect(isMonth("9999-12")).toBe(false);
    expect(isQuarter("2000-Q1")).toBe(true);
    expect(isQuarter("2100-Q4")).toBe(true);
    expect(isQuarter("9999-Q4")).toBe(false);
    expect(isQuarter("1999-Q4")).toBe(false);
    expect(isYear("2023")).toBe(true);
    expect(isYear("0000")).toBe(false);
    expect(isYear("2101")).toBe(false);
  });

  it("leave room for the arithmetic around the first and last valid period", () => {
    expect(previousMonth("2000-01")).toBe("1999-12");
    expect(sameMonthLastYear("2000-06")).toBe("1999-06");
    expect(addMonths("2100-12", 1)).toBe("2101-01");
    expect(previousQuarter("2000-Q1")).toBe("1999-Q4");
    expect(nextQuarter("2100-Q4")).toBe("2101-Q1");
  });

  it("refuse text around a valid period and other digits", () => {
    expect(isMonth(" 2024-03")).toBe(false);
    expect(isMonth("2024-03\n")).toBe(false);
    expect(isMonth("２０２４-03")).toBe(false);
    expect(isQuarter("2024-q1")).toBe(false);
  });
});
