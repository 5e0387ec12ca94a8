import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { monthsOfQuarter, yearToDate } from "./periods";
import { coversYear, evaluateTarget, judgedMonths, judgementWindow, replacedFrom, statusOf, targetsInForce, type TargetSpec, type TimedTarget } from "./targets";

const count = { kind: "flow", decimals: 0 } as const;
const level = { kind: "stock", decimals: 0 } as const;
const rank = { kind: "rank", decimals: 0 } as const;

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
/** Months of a year from January: [30, null, 28] → { "Y-01": 30, "Y-03": 28 }. */
const monthly = (year: number, values: readonly (number | null)[]): Record<string, number> =>
  Object.fromEntries(values.flatMap((value, index) => (value === null ? [] : [[`${year}-${String(index + 1).padStart(2, "0")}`, value]])));
const target = (rule: TargetSpec["rule"], value: number, comparator: TargetSpec["comparator"] = "at_least"): TargetSpec => ({
  rule,
  value,
  comparator,
  fromYear: 2024,
  untilYear: null,
  source: "省科协要求",
});
/** Judged long after the year: every month has ended. */
const LATER = "2030-01";

describe("status bands", () => {
  it("is green at exactly 100%, amber from 90%, red below, none without data", () => {
    expect(statusOf(1)).toBe("green");
    expect(statusOf(0.9)).toBe("amber");
    expect(statusOf(0.8994)).toBe("red");
    // 89.99% reads 90.0%, so it is amber like the 90.0% it shows
    expect(statusOf(0.8999)).toBe("amber");
    expect(statusOf(null)).toBe("none");
  });

  it("judges the attainment as it is shown: what reads 100.0% is green, never amber", () => {
    expect(statusOf(0.99996)).toBe("green");
    expect(statusOf(0.9994)).toBe("amber");
  });

  it("takes configured bands", () => {
    expect(statusOf(0.96, { green: 0.95, amber: 0.8 })).toBe("green");
  });
});

describe("the months a judgement counts", () => {
  it("judges every target on its year up to the month asked about, whatever page asks", () => {
    expect(judgedMonths("2026-09")).toEqual(yearToDate("2026-09"));
    expect(judgedMonths("2026-01")).toEqual(["2026-01"]);
  });

  it("counts months that have ended, the running month only once it has a figure, and never a future month", () => {
    const quarter = monthsOfQuarter("2026-Q4");
    expect(judgementWindow(quarter, series({ "2026-10": 30 }), "2026-11")).toMatchObject({ counted: ["2026-10"], missing: [] });
    expect(judgementWindow(quarter, series({ "2026-10": 30, "2026-11": 35 }), "2026-11").counted).toEqual(["2026-10", "2026-11"]);
    expect(judgementWindow(quarter, series({}), "2026-11")).toMatchObject({ counted: ["2026-10"], missing: ["2026-10"] });
  });
});

describe("monthly average (the nanny-style 34 a month)", () => {
  const nanny = target("monthly_avg", 34);

  it("is met exactly at an average of 34", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 38 }), "2024-02", LATER);
    expect(result).toMatchObject({ actual: 34, expected: 34, attainment: 1, status: "green" });
  });

  it("is missed one order below: 33.5 is 98.5 %", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 37 }), "2024-02", LATER);
    expect(result.actual).toBe(33.5);
    expect(result.shownAttainment).toBe(0.985);
    expect(result.status).toBe("amber");
    expect(result.monthsMeeting).toBe(1);
  });

  it("in January is judged on January alone, with the other eleven months to bring the rest", () => {
    const result = evaluateTarget(nanny, count, series({ "2026-01": 20 }), "2026-01", "2026-02");
    expect(result).toMatchObject({ actual: 20, status: "red", monthsReported: 1 });
    // 408 − 20 = 388 over 11 months is 35.3, so 36 a month
    expect(result.catchUp).toEqual({ remainingMonths: 11, unreportedMonths: 0, perMonth: 36 });
  });

  it("has no status without data", () => {
    const result = evaluateTarget(nanny, count, series({}), "2024-03", LATER);
    expect(result).toMatchObject({ actual: null, attainment: null, status: "none", monthsReported: 0 });
  });

  it("never calls a year with an unreported month met: it is pending until the month is filled in", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 40, "2024-03": 40 }), "2024-03", LATER);
    expect(result.actual).toBe(40);
    expect(result.window.missing).toEqual(["2024-02"]);
    expect(result.status).toBe("pending");
  });

  it("still says a shortfall with a month missing: the months reported already fall short", () => {
    const result = evaluateTarget(nanny, count, series({ "2026-01": 36, "2026-02": 28 }), "2026-03", "2026-11");
    expect(result).toMatchObject({ actual: 32, status: "amber" });
    expect(result.window.missing).toEqual(["2026-03"]);
  });

  it("says what each remaining month must bring to still average 34 over the year", () => {
    // 3 months brought 90 of the 408 the year needs: 318 over 9 months is 35.33…, so 36 a month
    const result = evaluateTarget(nanny, count, series({ "2024-01": 30, "2024-02": 30, "2024-03": 30 }), "2024-03", LATER);
    expect(result.catchUp).toEqual({ remainingMonths: 9, unreportedMonths: 0, perMonth: 36 });
  });

  it("counts unreported months among those still to bring their share", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 34, "2024-03": 34 }), "2024-03", LATER);
    expect(result.catchUp).toEqual({ remainingMonths: 10, unreportedMonths: 1, perMonth: 34 });
    expect(result.monthsReported).toBe(2);
  });

  it("needs nothing more once the year's total is reached, and has no catch-up in a complete December", () => {
    const rich = Object.fromEntries(yearToDate("2024-11").map((m) => [m, 40]));
    expect(evaluateTarget(nanny, count, series(rich), "2024-11", LATER).catchUp).toEqual({ remainingMonths: 1, unreportedMonths: 0, perMonth: 0 });
    const full = Object.fromEntries(yearToDate("2024-12").map((m) => [m, 40]));
    expect(evaluateTarget(nanny, count, series(full), "2024-12", LATER).catchUp).toBeNull();
  });

  it("ignores a future month and the running month until it is reported", () => {
    const tenMonths = Object.fromEntries(yearToDate("2026-10").map((month) => [month, 40]));
    const result = evaluateTarget(nanny, count, series(tenMonths), "2026-12", "2026-11");
    expect(result).toMatchObject({ actual: 40, status: "green", monthsReported: 10 });
    expect(result.window.counted).toEqual(yearToDate("2026-10"));
  });

  it("counts the streak of months meeting 34 back from the latest", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 40, "2024-02": 20, "2024-03": 35, "2024-04": 34 }), "2024-04", LATER);
    expect(result.streak).toBe(2);
    expect(result.monthsMeeting).toBe(3);
  });

  it("breaks the streak at a missing month", () => {
    const result = evaluateTarget(nanny, count, series({ "2024-01": 40, "2024-03": 40 }), "2024-03", LATER);
    expect(result.streak).toBe(1);
  });
});

describe("monthly minimum", () => {
  const everyMonth = target("monthly_min", 34);

  it("is judged on every month of the year so far, not only the last: Jan 10, Feb 10, Mar 40 is red", () => {
    const result = evaluateTarget(everyMonth, count, series({ "2024-01": 10, "2024-02": 10, "2024-03": 40 }), "2024-03", LATER);
    expect(result).toMatchObject({ actual: 10, monthsMeeting: 1, monthsReported: 3, streak: 1, status: "red" });
    expect(result.monthsMissing).toEqual(["2024-01", "2024-02"]);
  });

  it("counts the months meeting it over the year so far", () => {
    const result = evaluateTarget(everyMonth, count, series({ "2024-01": 34, "2024-02": 33, "2024-03": 36, "2024-04": 40 }), "2024-04", LATER);
    expect(result).toMatchObject({ actual: 33, monthsMeeting: 3, streak: 2, status: "amber" });
    expect(result.catchUp).toBeNull();
  });

  it("is met exactly at the value in every month, and pending while a month is missing", () => {
    expect(evaluateTarget(everyMonth, count, series({ "2024-01": 34, "2024-02": 34 }), "2024-02", LATER).status).toBe("green");
    expect(evaluateTarget(everyMonth, count, series({ "2024-01": 34, "2024-03": 34 }), "2024-03", LATER).status).toBe("pending");
  });
});

describe("annual total", () => {
  const annual = target("annual_total", 1200);

  it("is expected to have reached X·m/12 after m months (step pacing)", () => {
    const result = evaluateTarget(annual, count, series({ "2024-01": 100, "2024-02": 100, "2024-03": 100 }), "2024-03", LATER);
    expect(result).toMatchObject({ actual: 300, expected: 300, attainment: 1, status: "green" });
  });

  it("at a quarter's end is judged on the year so far, never on the quarter alone", () => {
    // a strong first quarter and a weak second: 300 + 270 against 600 by June is 95.0 %
    const result = evaluateTarget(annual, count, series({ ...monthly(2024, [100, 100, 100, 90, 90, 90]) }), "2024-06", LATER);
    expect(result).toMatchObject({ actual: 570, expected: 600, shownAttainment: 0.95, status: "amber" });
  });

  it("does not count a missing month as zero: the pace is for the months reported", () => {
    const result = evaluateTarget(annual, count, series({ "2024-01": 100, "2024-03": 100 }), "2024-03", LATER);
    expect(result).toMatchObject({ actual: 200, expected: 200, status: "pending" });
  });

  it("says what each remaining month must bring to reach the year", () => {
    const result = evaluateTarget(annual, count, series({ "2024-01": 50 }), "2024-01", LATER);
    expect(result.catchUp).toEqual({ remainingMonths: 11, unreportedMonths: 0, perMonth: 105 });
  });

  it("rounds a catch-up of a decimal indicator up to its decimals", () => {
    const volume = { kind: "flow", decimals: 2 } as const;
    const result = evaluateTarget(target("annual_total", 100), volume, series({ "2024-01": 0 }), "2024-01", LATER);
    expect(result.catchUp).toEqual({ remainingMonths: 11, unreportedMonths: 0, perMonth: 9.1 });
  });
});

describe("year-end level", () => {
  it("is judged against its value now, with the growth per month still needed", () => {
    const result = evaluateTarget(target("year_end_level", 20000), level, series({ "2024-06": 17000 }), "2024-06", LATER);
    expect(result).toMatchObject({ actual: 17000, actualMonth: "2024-06", expected: 20000, status: "red" });
    expect(result.catchUp).toEqual({ remainingMonths: 6, unreportedMonths: 0, perMonth: 500 });
  });

  it("an at-most level inverts attainment", () => {
    const result = evaluateTarget(target("year_end_level", 50, "at_most"), level, series({ "2024-06": 40 }), "2024-06", LATER);
    expect(result.attainment).toBe(1.25);
    expect(result.status).toBe("green");
  });

  it("met on an older figure is pending while the latest month has none", () => {
    const result = evaluateTarget(target("year_end_level", 100), level, series({ "2024-01": 120 }), "2024-03", LATER);
    expect(result).toMatchObject({ actual: 120, actualMonth: "2024-01", status: "pending" });
  });
});

describe("rank at most N", () => {
  const topTen = target("rank_at_most", 10, "at_most");

  it("is met exactly at rank N, and judged on the latest rank, never an average", () => {
    const result = evaluateTarget(topTen, rank, series({ "2024-01": 30, "2024-02": 10 }), "2024-02", LATER);
    expect(result).toMatchObject({ actual: 10, status: "green" });
  });

  it("is missed one place below", () => {
    const result = evaluateTarget(topTen, rank, series({ "2024-01": 11 }), "2024-01", LATER);
    expect(result.status).toBe("amber");
    expect(result.catchUp).toBeNull();
  });
});

describe("the year's requirement, judged on the year (issue 22)", () => {
  const nanny = target("monthly_avg", 34);
  // Jan–Sep 2026 with August missing: 271 orders in 8 months; July + September = 69 (34.5 a month)
  const realYear = series(monthly(2026, [30, 32, 35, 33, 36, 36, 34, null, 35]));

  it("at September averages the year's 8 reported months, 33.875, not the quarter's 34.5", () => {
    const result = evaluateTarget(nanny, count, realYear, "2026-09", "2026-12");
    expect(result.actual).toBe(271 / 8);
    expect(result).toMatchObject({ shownAttainment: 0.996, status: "amber", monthsReported: 8 });
    expect(result.window.missing).toEqual(["2026-08"]);
    // 408 − 271 = 137 over the 4 months not reported (Aug and Oct–Dec) is 34.25: 35 a month
    expect(result.catchUp).toEqual({ remainingMonths: 4, unreportedMonths: 1, perMonth: 35 });
  });

  it("at a quarter still running is the same as at its last month that is over", () => {
    const withOctober = new Map([...realYear, ["2026-10", 30]]);
    const atOctober = evaluateTarget(nanny, count, withOctober, "2026-10", "2026-12");
    // 301 / 9 = 33.44…: 98.4 %
    expect(atOctober).toMatchObject({ shownAttainment: 0.984, status: "amber" });
  });
});

describe("exact attainment: computed unrounded, rounded once to show", () => {
  const nanny = target("monthly_avg", 34);
  const months = (values: number[]) => series(monthly(2026, values));

  it("271 in 8 months is 99.6 %, not the 99.7 % of the rounded average 33.9", () => {
    const result = evaluateTarget(nanny, count, months([34, 34, 34, 34, 34, 34, 34, 33]), "2026-08", "2026-12");
    expect(result.actual).toBe(33.875);
    expect(result.attainment).toBeCloseTo(0.996324, 6);
    expect(result.shownAttainment).toBe(0.996);
  });

  it("300 in 9 months is 98.0 %, not the 97.9 % of the rounded average 33.3", () => {
    expect(evaluateTarget(nanny, count, months([34, 34, 34, 34, 34, 34, 34, 34, 28]), "2026-09", "2026-12").shownAttainment).toBe(0.98);
  });

  it("303 and 302 in 9 months are 99.0 % and 98.7 % (the rounded 33.7 and 33.6 gave 99.1 % and 98.8 %)", () => {
    expect(evaluateTarget(nanny, count, months([34, 34, 34, 34, 34, 34, 34, 34, 31]), "2026-09", "2026-12").shownAttainment).toBe(0.99);
    expect(evaluateTarget(nanny, count, months([34, 34, 34, 34, 34, 34, 34, 34, 30]), "2026-09", "2026-12").shownAttainment).toBe(0.987);
  });

  it("decides the status on the attainment as shown: 99.95 % reads 100.0 % and is green, 99.94 % reads 99.9 % and is not", () => {
    const level = target("year_end_level", 20000);
    const users = { kind: "stock", decimals: 0 } as const;
    const at = (value: number) => evaluateTarget(level, users, series({ "2026-12": value }), "2026-12", LATER);
    expect(at(19990)).toMatchObject({ shownAttainment: 1, status: "green" });
    expect(at(19989)).toMatchObject({ shownAttainment: 0.999, status: "amber" });
    expect(at(20000)).toMatchObject({ attainment: 1, status: "green" });
  });

  it("holds an average a hair below the target short of it: 33.95 is 99.9 %, amber, though 34.0 would show", () => {
    const tenth = { kind: "flow", decimals: 1 } as const;
    const result = evaluateTarget(nanny, tenth, series({ "2026-01": 33.9, "2026-02": 34 }), "2026-02", "2026-12");
    expect(result.actual).toBeCloseTo(33.95, 9);
    expect(result).toMatchObject({ shownAttainment: 0.999, status: "amber" });
  });

  it("rounds a catch-up up only where it does not divide: 340 over 10 months is 34, 341 is 35", () => {
    expect(evaluateTarget(nanny, count, months([34, 34]), "2026-02", "2026-12").catchUp).toEqual({ remainingMonths: 10, unreportedMonths: 0, perMonth: 34 });
    expect(evaluateTarget(nanny, count, months([34, 33]), "2026-02", "2026-12").catchUp).toEqual({ remainingMonths: 10, unreportedMonths: 0, perMonth: 35 });
  });

  it("computes a decimal catch-up from the stored tenths, without float noise pushing it a step up", () => {
    const tenth = { kind: "flow", decimals: 1 } as const;
    // 1.2 − 0.1 − 0.1 leaves 1.0 over 10 months: 0.1 a month, not 0.2
    const result = evaluateTarget(target("annual_total", 1.2), tenth, series({ "2026-01": 0.1, "2026-02": 0.1 }), "2026-02", "2026-12");
    expect(result.catchUp).toEqual({ remainingMonths: 10, unreportedMonths: 0, perMonth: 0.1 });
  });
});

describe("which target is in force", () => {
  const stored = (id: number, fromYear: number, untilYear: number | null, value: number, withdrawn = false): TimedTarget => ({
    ...target("monthly_avg", value),
    id,
    key: "nanny_new",
    fromYear,
    untilYear,
    withdrawn,
  });

  it("a standing target applies to every later year", () => {
    const province = stored(1, 2024, null, 34);
    for (const year of [2024, 2025, 2026, 2031]) expect(targetsInForce([province], year)).toEqual([province]);
    expect(targetsInForce([province], 2023)).toEqual([]);
  });

  it("a target replaced mid-way judges the years before by the old one and the years after by the new", () => {
    const old = stored(1, 2024, null, 34);
    const raised = stored(2, 2026, null, 36);
    expect(targetsInForce([old, raised], 2025)).toEqual([old]);
    expect(targetsInForce([old, raised], 2026)).toEqual([raised]);
    expect(targetsInForce([old, raised], 2030)).toEqual([raised]);
    expect(replacedFrom(old, [old, raised])).toBe(2026);
    expect(replacedFrom(raised, [old, raised])).toBeNull();
  });

  it("a one-year target applies to its year only, the standing one before and after it", () => {
    const standing = stored(1, 2024, null, 34);
    const once = stored(2, 2025, 2025, 30);
    expect(targetsInForce([standing, once], 2025)).toEqual([once]);
    expect(targetsInForce([standing, once], 2026)).toEqual([standing]);
  });

  it("a retired or withdrawn target applies no more", () => {
    expect(coversYear(stored(1, 2024, 2025, 34), 2026)).toBe(false);
    expect(coversYear(stored(1, 2024, null, 34, true), 2024)).toBe(false);
  });
});
