import "server-only";
import { eq, inArray } from "drizzle-orm";
import { afterFailure, isLocked, type AttemptRecord, type ThrottleLimit } from "@/lib/throttle";
import type { Queryable } from "./client";
import { signInAttempts } from "./schema";

export type ThrottleKey = { key: string; limit: ThrottleLimit };

function read(db: Queryable, key: string): AttemptRecord | undefined {
  return db.select().from(signInAttempts).where(eq(signInAttempts.key, key)).get();
}

/** The first of `keys` that is locked now, with its record. */
export function lockedKey(db: Queryable, keys: readonly ThrottleKey[], now: number) {
  for (const { key } of keys) {
    const record = read(db, key);
    if (record && isLocked(record, now)) return { key, record };
  }
  return null;
}

export function recordFailure(db: Queryable, keys: readonly ThrottleKey[], now: number): void {
  db.transaction((tx) => {
    for (const { key, limit } of keys) {
      const next = afterFailure(read(tx, key), limit, now);
      tx.insert(signInAttempts).values({ key, ...next }).onConflictDoUpdate({ target: signInAttempts.key, set: next }).run();
    }
  });
}

/** A successful sign-in clears its username's count (the address keeps its own). */
export function clearFailures(db: Queryable, keys: readonly string[]): void {
  if (keys.length > 0) db.delete(signInAttempts).where(inArray(signInAttempts.key, [...keys])).run();
}
