import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Month } from "@/lib/periods";
import type { Queryable } from "./client";
import { periodLockEvents, periodLocks, users } from "./schema";

/** Raised by any write to a locked month; nothing of the write is kept. */
export class PeriodLockedError extends Error {
  constructor(readonly month: string) {
    super(`${month} 已锁定`);
  }
}

/** The month a stored period falls under for locking: a whole-year figure belongs to its December. */
export function lockMonthOf(period: string): string {
  return period.length === 4 ? `${period}-12` : period;
}

export function isPeriodLocked(db: Queryable, organizationId: number, period: string): boolean {
  const month = lockMonthOf(period);
  return (
    db
      .select({ month: periodLocks.month })
      .from(periodLocks)
      .where(and(eq(periodLocks.organizationId, organizationId), eq(periodLocks.month, month)))
      .get() !== undefined
  );
}

export function listLockedMonths(db: Queryable, organizationId: number) {
  return db
    .select({ month: periodLocks.month, lockedAt: periodLocks.lockedAt, lockedBy: users.name })
    .from(periodLocks)
    .leftJoin(users, eq(users.id, periodLocks.lockedBy))
    .where(eq(periodLocks.organizationId, organizationId))
    .orderBy(desc(periodLocks.month))
    .all();
}

export function listLockEvents(db: Queryable, organizationId: number, limit = 50) {
  return db
    .select({ id: periodLockEvents.id, month: periodLockEvents.month, action: periodLockEvents.action, at: periodLockEvents.at, by: users.name })
    .from(periodLockEvents)
    .leftJoin(users, eq(users.id, periodLockEvents.userId))
    .where(eq(periodLockEvents.organizationId, organizationId))
    .orderBy(desc(periodLockEvents.id))
    .limit(limit)
    .all();
}

/** Lock or unlock a month, recording the event; returns false when it already was so. */
export function setPeriodLock(
  db: Queryable,
  input: { organizationId: number; month: Month; locked: boolean; userId: string; now?: Date },
): boolean {
  return db.transaction((tx) => {
    const at = input.now ?? new Date();
    const key = and(eq(periodLocks.organizationId, input.organizationId), eq(periodLocks.month, input.month));
    const changes = input.locked
      ? tx.insert(periodLocks).values({ organizationId: input.organizationId, month: input.month, lockedBy: input.userId, lockedAt: at }).onConflictDoNothing().run().changes
      : tx.delete(periodLocks).where(key).run().changes;
    if (changes === 0) return false;
    tx.insert(periodLockEvents)
      .values({ organizationId: input.organizationId, month: input.month, action: input.locked ? "lock" : "unlock", userId: input.userId, at })
      .run();
    return true;
  });
}
