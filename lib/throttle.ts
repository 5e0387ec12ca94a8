/**
 * Sign-in throttling: after too many failed attempts within a window, a username (whether or not
 * it exists) or a network address is locked out for a while. Pure rules; the database keeps the counts.
 */

export type ThrottleLimit = { maxFailures: number; windowMs: number; lockMs: number };

const MINUTE = 60_000;
export const ACCOUNT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
export const ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export type AttemptRecord = { failures: number; windowStartedAt: number; lockedUntil: number | null };

export function isLocked(record: AttemptRecord | undefined, now: number): boolean {
  return record?.lockedUntil != null && record.lockedUntil > now;
}

/** The record after one more failure: a new window once the old one has passed, a lock at the limit. */
export function afterFailure(record: AttemptRecord | undefined, limit: ThrottleLimit, now: number): AttemptRecord {
  const fresh = !record || now - record.windowStartedAt >= limit.windowMs;
  const failures = fresh ? 1 : record.failures + 1;
  const windowStartedAt = fresh ? now : record.windowStartedAt;
  return {
    failures,
    windowStartedAt,
    lockedUntil: failures >= limit.maxFailures ? now + limit.lockMs : null,
  };
}

/** Minutes until a lock ends, rounded up, for the message. */
export function minutesLeft(record: AttemptRecord, now: number): number {
  return Math.max(1, Math.ceil(((record.lockedUntil ?? now) - now) / MINUTE));
}

/** Usernames compare case-insensitively and without surrounding spaces, as the sign-in form does. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
