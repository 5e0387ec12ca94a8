import { describe, expect, it } from "vitest";
import {
  beijingDate,
  daysBetween,
  defaultTrackFrom,
  dueDateOf,
  dueItem,
  dueItems,
  dueSettingsSchema,
  dueText,
} from "./due-dates";
import type { MonthStatus } from "./month-status";
import type { Month } from "./periods";

const settings = { dueDay: 5, soonDays: 3, trackFrom: "2026-01" as Month };
/** A moment given as Beijing wall time. */
const beijing = (text: string) => new Date(`${text}+08:00`);

describe("due dates", () => {
  it("fall on the due day of the following month", () => {
    expect(dueDateOf("2026-10", 5)).toEqual({ year: 2026, month: 11, day: 5 });
  });

  it("cross the year end: December is due in January of the next year", () => {
    expect(dueDateOf("2026-12", 5)).toEqual({ year: 2027, month: 1, day: 5 });
  });

  it("use the last day of a shorter month for a due day of 31 (or 29, 30)", () => {
    expect(dueDateOf("2026-01", 31)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(dueDateOf("2028-01", 31)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(dueDateOf("2026-03", 31)).toEqual({ year: 2026, month: 4, day: 30 });
    expect(dueDateOf("2026-02", 31)).toEqual({ year: 2026, month: 3, day: 31 });
    expect(dueDateOf("2026-01", 30)).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it("count whole calendar days across month and year ends", () => {
    expect(daysBetween({ year: 2026, month: 11, day: 5 }, { year: 2026, month: 11, day: 8 })).toBe(3);
    expect(daysBetween({ year: 2026, month: 12, day: 30 }, { year: 2027, month: 1, day: 2 })).toBe(3);
    expect(daysBetween({ year: 2028, month: 2, day: 28 }, { year: 2028, month: 3, day: 1 })).toBe(2);
    expect(daysBetween({ year: 2026, month: 11, day: 8 }, { year: 2026, month: 11, day: 5 })).toBe(-3);
  });
});

describe("Beijing time", () => {
  it("is already the next day from 16:00 UTC", () => {
    expect(beijingDate(new Date("2026-11-05T15:59:59Z"))).toEqual({ year: 2026, month: 11, day: 5 });
    expect(beijingDate(new Date("2026-11-05T16:00:00Z"))).toEqual({ year: 2026, month: 11, day: 6 });
    expect(beijingDate(new Date("2026-12-31T16:30:00Z"))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it("keeps a month submitted late on the due day on time, and makes it late at Beijing midnight", () => {
    // 23:59 in Beijing on 5 November is 15:59 UTC: still the due day
    expect(dueItem("2026-10", settings, new Date("2026-11-05T15:59:00Z"))).toMatchObject({ kind: "due-today", days: 0 });
    // 00:30 in Beijing on 6 November is still 5 November in UTC: already a day late
    expect(dueItem("2026-10", settings, new Date("2026-11-05T16:30:00Z"))).toMatchObject({ kind: "overdue", days: 1 });
  });
});

describe("which months are late or nearly due", () => {
  it("says how many days a month is overdue, or how many are left", () => {
    expect(dueItem("2026-10", settings, beijing("2026-11-08T09:00:00"))).toMatchObject({ kind: "overdue", days: 3 });
    expect(dueItem("2026-10", settings, beijing("2026-11-02T09:00:00"))).toMatchObject({ kind: "due-soon", days: 3 });
    expect(dueItem("2026-10", settings, beijing("2026-11-01T09:00:00"))).toBeNull();
    expect(dueItem("2026-11", settings, beijing("2026-11-27T09:00:00"))).toBeNull();
  });

  it("words it the way staff say it", () => {
    expect(dueText({ month: "2026-10", due: { year: 2026, month: 11, day: 5 }, kind: "overdue", days: 3 })).toBe(
      "2026年10月数据逾期3天（应于11月5日前提交）",
    );
    expect(dueText({ month: "2026-11", due: { year: 2026, month: 12, day: 5 }, kind: "due-soon", days: 2 })).toBe(
      "2026年11月数据还有2天到期（12月5日）",
    );
    expect(dueText({ month: "2026-11", due: { year: 2026, month: 12, day: 5 }, kind: "due-today", days: 0 })).toBe(
      "2026年11月数据今天（12月5日）到期",
    );
  });

  it("lists only months still being filled in, from the first tracked month on, oldest first", () => {
    const statuses = new Map<Month, MonthStatus>([
      ["2026-08", "approved"],
      ["2026-09", "submitted"],
    ]);
    const statusOf = (month: Month) => statuses.get(month) ?? "in_progress";
    const now = beijing("2026-12-03T10:00:00");
    const items = dueItems(statusOf, { dueDay: 5, soonDays: 3, trackFrom: "2026-08" }, now);
    expect(items.map((item) => [item.month, item.kind, item.days])).toEqual([
      ["2026-10", "overdue", 28],
      ["2026-11", "due-soon", 2],
    ]);
    expect(dueItems(statusOf, { dueDay: 5, soonDays: 3, trackFrom: "2026-11" }, now).map((item) => item.month)).toEqual(["2026-11"]);
  });

  it("starts tracking from the month before the current one by default", () => {
    expect(defaultTrackFrom(beijing("2026-11-27T10:00:00"))).toBe("2026-10");
    expect(defaultTrackFrom(new Date("2026-12-31T16:30:00Z"))).toBe("2026-12");
  });
});

describe("due settings", () => {
  it("accept a due day from 1 to 31 and a warning window of up to 15 days", () => {
    expect(dueSettingsSchema.parse({ dueDay: "31", soonDays: "0", trackFrom: "2026-01" })).toEqual({ dueDay: 31, soonDays: 0, trackFrom: "2026-01" });
    for (const dueDay of ["0", "32", "5.5", "", "五"]) {
      expect(dueSettingsSchema.safeParse({ dueDay, soonDays: "3", trackFrom: "2026-01" }).success).toBe(false);
    }
    expect(dueSettingsSchema.safeParse({ dueDay: "5", soonDays: "16", trackFrom: "2026-01" }).success).toBe(false);
    expect(dueSettingsSchema.safeParse({ dueDay: "5", soonDays: "3", trackFrom: "2026-13" }).success).toBe(false);
  });
});
