import "server-only";
import { eq } from "drizzle-orm";
import { DEFAULT_DUE_DAY, DEFAULT_SOON_DAYS, defaultTrackFrom, dueSettingsSchema, type DueSettings } from "@/lib/due-dates";
import type { Queryable } from "./client";
import { appSettings } from "./schema";

const KEY = "due_settings";

/**
 * When months are due and how early to warn. The first read stores the defaults, so that the
 * first tracked month stays where it was when the installation began (not a month that moves on).
 */
export function getDueSettings(db: Queryable, now: Date = new Date()): DueSettings {
  const row = db.select().from(appSettings).where(eq(appSettings.key, KEY)).get();
  if (row) {
    const parsed = dueSettingsSchema.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  }
  const defaults: DueSettings = { dueDay: DEFAULT_DUE_DAY, soonDays: DEFAULT_SOON_DAYS, trackFrom: defaultTrackFrom(now) };
  db.insert(appSettings).values({ key: KEY, value: JSON.stringify(defaults), updatedAt: now }).onConflictDoNothing().run();
  return defaults;
}

export function setDueSettings(db: Queryable, settings: DueSettings, now: Date = new Date()): void {
  const value = JSON.stringify(settings);
  db.insert(appSettings)
    .values({ key: KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now } })
    .run();
}
