import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { SCHEDULES, TIMEZONE } from "./scheduler";

const beijing = (text: string) => new Date(`${text}+08:00`);
const next = (pattern: string, from: Date) => new Cron(pattern, { timezone: TIMEZONE, paused: true }).nextRun(from);

describe("the schedule", () => {
  it("plans reminders on the hour from 09:00 to 18:00 Beijing time, whatever the server's clock zone", () => {
    expect(next(SCHEDULES.reminders, beijing("2026-11-27T08:30:00"))).toEqual(beijing("2026-11-27T09:00:00"));
    expect(next(SCHEDULES.reminders, beijing("2026-11-27T17:59:00"))).toEqual(beijing("2026-11-27T18:00:00"));
    // after 18:00 the next run is 09:00 the next morning, also across UTC midnight
    expect(next(SCHEDULES.reminders, beijing("2026-11-27T18:00:00"))).toEqual(beijing("2026-11-28T09:00:00"));
    // the Monday digest goes out with the first run on Monday
    expect(next(SCHEDULES.reminders, beijing("2026-11-29T23:00:00"))).toEqual(beijing("2026-11-30T09:00:00"));
  });

  it("sends the outbox every minute", () => {
    expect(next(SCHEDULES.outbox, beijing("2026-11-27T10:00:30"))).toEqual(beijing("2026-11-27T10:01:00"));
  });
});
