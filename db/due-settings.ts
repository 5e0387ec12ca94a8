import "server-only";
import { eq } from "drizzle-orm";
import {
  beijingDate,
  DEFAULT_DUE_DAY,
  DEFAULT_SOON_DAYS,
  defaultTrackFrom,
  dueItems,
  dueSettingsSchema,
  type DueItem,
  type DueSettings,
} from "@/lib/due-dates";
import { currentTime } from "@/lib/clock";
import { makeMonth } from "@/lib/periods";
import type { Queryable } from "./client";
import { listMonthStatuses, statusLookup } from "./month-review";
import { appSettings } from "./schema";

const KEY = "due_settings";

/**
 * When months are due and how early to warn. The first read stores the defaults, so that the
 * first tracked month stays where it was when the installation began (not a month that moves on).
 */
export function getDueSettings(db: Queryable, now: Date = currentTime()): DueSettings {
  const row = db.select().from(appSettings).where(eq(appSettings.key, KEY)).get();
  if (row) {
    const parsed = dueSettingsSchema.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  }
  const defaults: DueSettings = { dueDay: DEFAULT_DUE_DAY, soonDays: DEFAULT_SOON_DAYS, trackFrom: defaultTrackFrom(now) };
  db.insert(appSettings).values({ key: KEY, value: JSON.stringify(defaults), updatedAt: now }).onConflictDoNothing().run();
  return defaults;
}

export function setDueSettings(db: Queryable, settings: DueSettings, now: Date = currentTime()): void {
  const value = JSON.stringify(settings);
  db.insert(appSettings)
    .values({ key: KEY, value, updatedAt: now })
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
