/**
 * "Now" as the app reads it: the machine's clock, or — for tests only — the same time of day on
 * another date. With KEPU_TODAY=YYYY-MM-DD (a day in Beijing) the server, the seed and the
 * end-to-end specs all live on that day (which months are over, what is due, what the demo
 * covers, when a change was made), so the suite can be run as in January 2027 or on the 2nd of
 * March without moving the machine's clock. Sign-in limits, sessions, backups and the scheduler's
 * timers keep the machine's clock. Never set it in production.
 */
import type { CalendarDate } from "./due-dates";

export const TODAY_OVERRIDE = "KEPU_TODAY";

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day KEPU_TODAY names, or null when it is unset; anything else than a real YYYY-MM-DD is an error, never ignored. */
export function parseTodayOverride(text: string | undefined): CalendarDate | null {
  if (text === undefined || text.trim() === "") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  const real = date && new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (!date || !real || real.getUTCFullYear() !== date.year || real.getUTCMonth() !== date.month - 1 || real.getUTCDate() !== date.day) {
    throw new Error(`${TODAY_OVERRIDE}=${text} 无效：应为 YYYY-MM-DD（北京时间的某一天），仅用于测试`);
  }
  return date;
}

/** `real`'s time of day in Beijing, on `date` (a Beijing calendar day). */
export function onDate(real: Date, date: CalendarDate): Date {
  const sinceMidnight = (((real.getTime() + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - BEIJING_OFFSET_MS + sinceMidnight);
}

/** The current time: the machine's clock, moved to the day KEPU_TODAY names when a test sets it. */
export function currentTime(): Date {
  const real = new Date();
  const today = parseTodayOverride(process.env[TODAY_OVERRIDE]);
  return today ? onDate(real, today) : real;
}
