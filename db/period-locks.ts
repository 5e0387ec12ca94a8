import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { currentTime } from "@/lib/clock";
import type { Month } from "@/lib/periods";
import type { Db, Queryable } from "./client";
import { periodLockEvents, periodLocks, users } from "./schema";

/**
 * Raised by any write to a month that does not take edits: one approved (locked), or one
 * submitted and awaiting review. Nothing of the write is kept.
 */
export class PeriodLockedError extends Error {
  constructor(
    readonly month: string,
    readonly state: "approved" | "submitted" = "approved",
  ) {
    super(state === "approved" ? `${month} 已锁定` : `${month} 已提交审核`);
  }
}

/** What a user is told when a write meets a closed month; the rest of the form stays as typed. */
export function closedMonthMessage(error: PeriodLockedError, monthLabel: string): string {
  return error.state === "submitted"
    ? `${monthLabel}已提交审核，审核期间不能修改。如需更正，请审核人退回后再改。本次未保存任何数据。`
    : `${monthLabel}已锁定（审核通过后锁定），不能修改。如需更正，请审核人解除锁定（须填写原因）。本次未保存任何数据。`;
}

const writableStatements = new WeakMap<Db, ReturnType<typeof prepareWritable>>();

function prepareWritable(db: Db) {
  return db.$client.prepare<[number, string, number, string], { locked: number; status: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM period_locks WHERE organization_id = ? AND month = ?) AS locked,
            (SELECT status FROM month_statuses WHERE organization_id = ? AND month = ?) AS status`,
  );
}

/**
 * The one check every write of a figure passes (db/save-figures.ts): an approved (locked) month
 * and a month awaiting review refuse it with PeriodLockedError.
 */
export function assertPeriodWritable(db: Db, organizationId: number, period: string): void {
  let statement = writableStatements.get(db);
  if (!statement) {
    statement = prepareWritable(db);
    writableStatements.set(db, statement);
  }
  const month = lockMonthOf(period);
  const row = statement.get(organizationId, month, organizationId, month);
  if (row?.locked) throw new PeriodLockedError(month, "approved");
  if (row?.status === "submitted") throw new PeriodLockedError(month, "submitted");
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

/**
 * Lock or unlock a month bare, recording the event; returns false when it already was so. The app
 * locks a month by approving it and unlocks it with a reason (db/month-review.ts); this stays for
 * scripts and tests, and its events remain readable in a month's history and the audit.
 */
export function setPeriodLock(
  db: Queryable,
  input: { organizationId: number; month: Month; locked: boolean; userId: string; now?: Date },
): boolean {
  return db.transaction((tx) => {
    const at = input.now ?? currentTime();
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
