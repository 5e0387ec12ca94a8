/**
 * Settings every database holds from the moment it is opened (openDatabase, after its migrations),
 * so that reading them — as every page does — never needs a write: a page still renders when
 * writes are refused (a deleted file, a full disk). Each is stored only when missing; an
 * administrator's choice is never overwritten.
 */
import crypto from "node:crypto";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { DEFAULT_DUE_DAY, DEFAULT_SOON_DAYS, defaultTrackFrom, type DueSettings } from "@/lib/due-dates";
import * as schema from "./schema";

export const DUE_SETTINGS_KEY = "due_settings";
/** The key that signs session cookies when BETTER_AUTH_SECRET is not set (db/auth-core.ts). */
export const AUTH_SECRET_KEY = "auth_secret";

/** The due dates of an installation begun at `now`: its first tracked month stays the one before, however long ago that becomes. */
export function defaultDueSettings(now: Date): DueSettings {
  return { dueDay: DEFAULT_DUE_DAY, soonDays: DEFAULT_SOON_DAYS, trackFrom: defaultTrackFrom(now) };
}

export function recordDefaults(db: BetterSQLite3Database<typeof schema>, now: Date): void {
  db.insert(schema.appSettings)
    .values([
      { key: DUE_SETTINGS_KEY, value: JSON.stringify(defaultDueSettings(now)), updatedAt: now },
      { key: AUTH_SECRET_KEY, value: crypto.randomBytes(32).toString("base64url"), updatedAt: now },
    ])
    .onConflictDoNothing()
    .run();
}
