/**
 * When a month's figures are due, and which months are late or nearly so. A month's figures are
 * due on a day of the following month (e.g. the 5th: October's by 5 November), read in Beijing
 * time (UTC+8, no daylight saving): a month submitted at any time on its due day is on time.
 */
import { z } from "zod";
import type { MonthStatus } from "./month-status";
import { addMonths, isMonth, makeMonth, monthParts, monthRange, type Month } from "./periods";

export type CalendarDate = { year: number; month: number; day: number };

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day it is in Beijing at `now`. */
export function beijingDate(now: Date): CalendarDate {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The due date of `month`: day `dueDay` of the next month, or that month's last day when it is shorter. */
export function dueDateOf(month: Month, dueDay: number): CalendarDate {
  const next = monthParts(addMonths(month, 1));
  return { year: next.year, month: next.month, day: Math.min(dueDay, daysInMonth(next.year, next.month)) };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

export function formatCalendarDate(date: CalendarDate, withYear = false): string {
  return `${withYear ? `${date.year}年` : ""}${date.month}月${date.day}日`;
}

export type DueKind = "overdue" | "due-today" | "due-soon";

export type DueItem = {
  month: Month;
  due: CalendarDate;
  kind: DueKind;
  /** Days late (overdue) or days left (due soon); 0 on the due day. */
  days: number;
};

export type DueSettings = {
  /** Day of the following month on which a month's figures are due (1–31; a shorter month uses its last day). */
  dueDay: number;
  /** How many days before the due date a month counts as due soon. */
  soonDays: number;
  /** The first month the due dates apply to: months before it are never reported late. */
  trackFrom: Month;
};

export const DEFAULT_DUE_DAY = 5;
export const DEFAULT_SOON_DAYS = 3;

/** The default first month: the one before `now`'s, so a new installation is not flooded with old months. */
export function defaultTrackFrom(now: Date): Month {
  const today = beijingDate(now);
  return addMonths(makeMonth(today.year, today.month), -1);
}

/** Where a month that is still being filled in stands against its due date at `now`, or null when not yet near. */
export function dueItem(month: Month, settings: Pick<DueSettings, "dueDay" | "soonDays">, now: Date): DueItem | null {
  const due = dueDateOf(month, settings.dueDay);
  const left = daysBetween(beijingDate(now), due);
  if (left < 0) return { month, due, kind: "overdue", days: -left };
  if (left === 0) return { month, due, kind: "due-today", days: 0 };
  if (left <= settings.soonDays) return { month, due, kind: "due-soon", days: left };
  return null;
}

/**
 * The months from `trackFrom` to the current one that are overdue, due today or due soon: only
 * those still being filled in (a submitted or approved month is in on time, whatever follows).
 * Most overdue first.
 */
export function dueItems(statusOf: (month: Month) => MonthStatus, settings: DueSettings, now: Date): DueItem[] {
  const today = beijingDate(now);
  const current = makeMonth(today.year, today.month);
  return monthRange(settings.trackFrom, current)
    .filter((month) => statusOf(month) === "in_progress")
    .map((month) => dueItem(month, settings, now))
    .filter((item): item is DueItem => item !== null)
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/** "2026年10月数据逾期3天（应于11月5日前提交）", "11月数据今天到期", "11月数据还有2天到期（12月5日）". */
export function dueText(item: DueItem): string {
  const { year, month } = monthParts(item.month);
  const label = `${year}年${month}月数据`;
  switch (item.kind) {
    case "overdue":
      return `${label}逾期${item.days}天（应于${formatCalendarDate(item.due)}前提交）`;
    case "due-today":
      return `${label}今天（${formatCalendarDate(item.due)}）到期`;
    case "due-soon":
      return `${label}还有${item.days}天到期（${formatCalendarDate(item.due)}）`;
  }
}

/** A whole number typed in a settings field, from `min` to `max`; a blank is not 0. */
function wholeNumber(min: number, max: number) {
  const message = `请填写 ${min}–${max} 的整数`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,2}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

export const dueSettingsSchema = z.object({
  dueDay: wholeNumber(1, 31),
  soonDays: wholeNumber(0, 15),
  trackFrom: z.string().refine(isMonth, "请选择 2000–2100 年间的月份（YYYY-MM）"),
});
