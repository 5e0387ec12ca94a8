import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import { currentTime } from "@/lib/clock";
import type { OutboxChannel, OutboxKind, OutboxStatus } from "@/lib/outbox-policy";
import type { Queryable } from "./client";
import { outbox, outboxAttempts, type OutboxMessage } from "./schema";

export type NewOutboxMessage = { dedupKey: string; channel: OutboxChannel; kind: OutboxKind; subject: string; body: string };

/** Queue messages; one whose dedup key is already queued (or sent) is left alone. Returns how many were added. */
export function enqueueMessages(db: Queryable, messages: readonly NewOutboxMessage[], now: Date = currentTime()): number {
  let added = 0;
  for (const message of messages) {
    added += db
      .insert(outbox)
      .values({ ...message, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now })
      .onConflictDoNothing({ target: outbox.dedupKey })
      .run().changes;
  }
  return added;
}

/** Pending messages whose time has come, oldest first. */
export function listDueMessages(db: Queryable, now: Date, limit = 200): OutboxMessage[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all();
}

/**
 * Take a pending message for sending: it becomes "sending" and its attempt is counted, in one
 * statement, so no second worker can take it too. Returns false when someone else took it.
 */
export function claimMessage(db: Queryable, id: number, now: Date): boolean {
  return (
    db
      .update(outbox)
      .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, lastAttemptAt: now })
      .where(and(eq(outbox.id, id), eq(outbox.status, "pending")))
      .run().changes > 0
  );
}

/** Record the start of an attempt (its outcome unknown until finishAttempt); returns its id. */
export function startAttempt(db: Queryable, input: { messageId: number; channel: OutboxChannel; at: Date }): number {
  return db.insert(outboxAttempts).values({ ...input, ok: null }).returning({ id: outboxAttempts.id }).get().id;
}

export function finishAttempt(db: Queryable, attemptId: number, ok: boolean, error: string | null = null): void {
  db.update(outboxAttempts).set({ ok, error }).where(eq(outboxAttempts.id, attemptId)).run();
}

/** A message's attempts, newest first (for the admin page). */
export function listAttempts(db: Queryable, messageIds: readonly number[]) {
  if (messageIds.length === 0) return [];
  return db.select().from(outboxAttempts).where(inArray(outboxAttempts.messageId, [...messageIds])).orderBy(desc(outboxAttempts.id)).all();
}

export function markSent(db: Queryable, id: number, now: Date): void {
  db.update(outbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

/** After a failed attempt: try again at `retryAt`, or give up (status failed) when it is null. */
export function markFailed(db: Queryable, id: number, error: string, retryAt: Date | null): void {
  db.update(outbox)
    .set(retryAt ? { status: "pending", lastError: error, nextAttemptAt: retryAt } : { status: "failed", lastError: error })
    .where(eq(outbox.id, id))
    .run();
}

/** The times of a channel's attempts since `since` (the rate limit counts them). */
export function listAttemptTimes(db: Queryable, channel: OutboxChannel, since: Date): Date[] {
  return db
    .select({ at: outboxAttempts.at })
    .from(outboxAttempts)
    .where(and(eq(outboxAttempts.channel, channel), gt(outboxAttempts.at, since)))
    .all()
    .map((row) => row.at);
}

/**
 * Messages left "sending" by a process that stopped mid-send (claimed before `staleBefore`): whether
 * they arrived is unknown, so they are marked failed rather than sent again; an administrator can
 * send one again by hand. Returns how many.
 */
export function failInterrupted(db: Queryable, staleBefore: Date, error: string): number {
  const stale = db
    .select({ id: outbox.id, channel: outbox.channel, at: outbox.lastAttemptAt })
    .from(outbox)
    .where(and(eq(outbox.status, "sending"), lt(outbox.lastAttemptAt, staleBefore)))
    .all();
  for (const message of stale) {
    db.update(outbox).set({ status: "failed", lastError: error }).where(and(eq(outbox.id, message.id), eq(outbox.status, "sending"))).run();
    db.update(outboxAttempts)
      .set({ ok: false, error })
      .where(and(eq(outboxAttempts.messageId, message.id), sql`${outboxAttempts.ok} IS NULL`))
      .run();
  }
  return stale.length;
}

/** Put a failed message back in the queue, to be tried once more now. */
export function requeueMessage(db: Queryable, id: number, now: Date): boolean {
  return (
    db
      .update(outbox)
      .set({ status: "pending", nextAttemptAt: now, attempts: 0 })
      .where(and(eq(outbox.id, id), eq(outbox.status, "failed")))
      .run().changes > 0
  );
}

export function getMessage(db: Queryable, id: number): OutboxMessage | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** The newest messages, for the admin page. */
export function listRecentMessages(db: Queryable, limit = 100): OutboxMessage[] {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit).all();
}

export function countByStatus(db: Queryable): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of db.select({ status: outbox.status, count: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all()) {
    counts[row.status] = row.count;
  }
  return counts;
}

export function findMessageByKey(db: Queryable, dedupKey: string): OutboxMessage | undefined {
  return db.select().from(outbox).where(eq(outbox.dedupKey, dedupKey)).get();
}
