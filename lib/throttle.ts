/**
 * Sign-in throttling that slows guessing down without locking anyone out for good. Failures are
 * counted per account, per network address and per trusted device; after a number of free
 * failures, each further one makes the next attempt wait, the wait doubling up to a ceiling.
 * An attempt made while waiting is refused without looking at the password and is not counted, so
 * the wait never grows by itself; a run of failures is forgotten a day after it began.
 * Pure rules: the database keeps the records (db/sign-in-attempts.ts).
 */

export type ThrottleRule = { freeFailures: number; firstDelayMs: number; maxDelayMs: number; forgetAfterMs: number };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One account, from browsers that have not signed in to it before (a guess at its password). */
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, forgetAfterMs: DAY };
/** One network address, whatever usernames it tries (a spray across accounts). */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, forgetAfterMs: DAY };
/** One browser that has signed in to the account before: the owner mistyping, unaffected by others' guesses. */
export const DEVICE_RULE: ThrottleRule = ACCOUNT_RULE;

/** `failures` since `windowStartedAt`; no attempt before `lockedUntil`. */
export type AttemptRecord = { failures: number; windowStartedAt: number; lockedUntil: number | null };

export function isForgotten(record: AttemptRecord, rule: ThrottleRule, now: number): boolean {
  return now - record.windowStartedAt >= rule.forgetAfterMs && !isLocked(record, now);
}

export function isLocked(record: AttemptRecord | undefined, now: number): boolean {
  return record?.lockedUntil != null && record.lockedUntil > now;
}

/** The wait after the `failures`-th failure: none while free, then doubling from the first delay to the ceiling. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(beyond, 30));
}

/** The record after one more failure. */
export function afterFailure(record: AttemptRecord | undefined, rule: ThrottleRule, now: number): AttemptRecord {
  const fresh = !record || isForgotten(record, rule, now);
  const failures = fresh ? 1 : record.failures + 1;
  const delay = delayAfter(failures, rule);
  return { failures, windowStartedAt: fresh ? now : record.windowStartedAt, lockedUntil: delay > 0 ? now + delay : null };
}

/**
 * The record with one failure fewer — an attempt counted before its password was checked, and the
 * password was right — or null when none is left. Failures counted after that one keep their wait,
 * measured from the latest, as it would have been without it.
 */
export function withoutOneFailure(record: AttemptRecord, rule: ThrottleRule): AttemptRecord | null {
  const failures = record.failures - 1;
  if (failures <= 0) return null;
  if (record.lockedUntil === null) return { ...record, failures };
  const latestFailureAt = record.lockedUntil - delayAfter(record.failures, rule);
  const delay = delayAfter(failures, rule);
  return { failures, windowStartedAt: record.windowStartedAt, lockedUntil: delay > 0 ? latestFailureAt + delay : null };
}

/** Failures still free before the next one brings a wait (0 once waits have begun). */
export function freeFailuresLeft(record: AttemptRecord | undefined, rule: ThrottleRule, now: number): number {
  const failures = !record || isForgotten(record, rule, now) ? 0 : record.failures;
  return Math.max(0, rule.freeFailures - failures);
}

/** The wait left, for a message: "40 秒", "3 分钟" (rounded up). */
export function formatWait(lockedUntil: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
