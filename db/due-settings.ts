import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { beijingDate, dueItems, type DueItem, type DueSettings } from "@/lib/due-dates";
import { currentTime } from "@/lib/clock";
import { isMonth, makeMonth } from "@/lib/periods";
import type { Queryable } from "./client";
import { defaultDueSettings, DUE_SETTINGS_KEY } from "./defaults";
import { listMonthStatuses, statusLookup } from "./month-review";
import { appSettings } from "./schema";

/** The settings as stored (numbers; the form's schema, lib/due-dates.ts, reads typed text). */
const storedSettings = z.object({
  dueDay: z.number().int().min(1).max(31),
  soonDays: z.number().int().min(0).max(15),
  trackFrom: z.string().refine(isMonth),
});

/**
 * When months are due and how early to warn. Read only — pages call it while rendering: the
 * defaults were stored when the database was opened (./defaults.ts), so that the first tracked
 * month stays where it was when the installation began; a database without them (a row removed by
 * hand) gets the defaults for `now`.
 */
export function getDueSettings(db: Queryable, now: Date = currentTime()): DueSettings {
  const row = db.select().from(appSettings).where(eq(appSettings.key, DUE_SETTINGS_KEY)).get();
  if (row) {
    const parsed = storedSettings.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  }
  return defaultDueSettings(now);
}

export function setDueSettings(db: Queryable, settings: DueSettings, now: Date = currentTime()): void {
  const value = JSON.stringify(settings);
  db.insert(appSettings)
    .values({ key: DUE_SETTINGS_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now } })
    .run();
}

/** The months from the first tracked one to the current one that are late, due today or due soon. */
export function listDueItems(db: Queryable, organizationId: number, now: Date = currentTime()): DueItem[] {
  const settings = getDueSettings(db, now);
  const today = beijingDate(now);
  const current = makeMonth(today.year, today.month);
  return dueItems(statusLookup(listMonthStatuses(db, organizationId, settings.trackFrom, current)), settings, now);
}
