import { afterEach, describe, expect, it } from "vitest";
import { beijingDate } from "./due-dates";
import { monthOfDate } from "./periods";
import { currentTime, onDate, parseTodayOverride, TODAY_OVERRIDE } from "./clock";

describe("the test-only date override", () => {
  const saved = process.env[TODAY_OVERRIDE];
  afterEach(() => {
    if (saved === undefined) delete process.env[TODAY_OVERRIDE];
    else process.env[TODAY_OVERRIDE] = saved;
  });

  it("is off when unset or blank", () => {
    expect(parseTodayOverride(undefined)).toBeNull();
    expect(parseTodayOverride("")).toBeNull();
  });

  it("reads a real day and refuses anything else rather than silently using the machine's date", () => {
    expect(parseTodayOverride("2027-01-15")).toEqual({ year: 2027, month: 1, day: 15 });
    expect(parseTodayOverride("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ["2027-02-29", "2027-13-01", "2027-1-15", "20270115", "tomorrow", "2027-01-15T00:00"]) {
      expect(() => parseTodayOverride(bad), bad).toThrow(/KEPU_TODAY/);
    }
  });

  it("keeps the time of day in Beijing and moves only the date", () => {
    // 23:30 in Beijing on 27 November 2026 is 15:30 UTC
    const real = new Date("2026-11-27T15:30:00Z");
    const moved = onDate(real, { year: 2027, month: 1, day: 15 });
    expect(moved.toISOString()).toBe("2027-01-15T15:30:00.000Z");
    expect(beijingDate(moved)).toEqual({ year: 2027, month: 1, day: 15 });
    // 00:10 in Beijing is the day before in UTC: still the day asked for in Beijing
    const early = onDate(new Date("2026-11-26T16:10:00Z"), { year: 2026, month: 3, day: 2 });
    expect(beijingDate(early)).toEqual({ year: 2026, month: 3, day: 2 });
    expect(early.toISOString()).toBe("2026-03-01T16:10:00.000Z");
  });

  it("moves currentTime() to the day named, and leaves it alone otherwise", () => {
    process.env[TODAY_OVERRIDE] = "2030-12-31";
    expect(monthOfDate(currentTime())).toBe("2030-12");
    delete process.env[TODAY_OVERRIDE];
    expect(Math.abs(currentTime().getTime() - Date.now())).toBeLessThan(1000);
  });
});
