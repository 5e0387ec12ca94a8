import "server-only";
import { and, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  afterFailure,
  DEVICE_RULE,
  isForgotten,
  isLocked,
  withoutOneFailure,
  type AttemptRecord,
  type ThrottleRule,
} from "@/lib/throttle";
import { addressNetwork } from "@/lib/client-address";
import type { Db, Queryable } from "./client";
import { signInAttempts } from "./schema";

/** What failures are counted under: an account, a network address, or a browser trusted for an account. */
export type ThrottleKey = { key: string; rule: ThrottleRule };

export const accountKey = (username: string): ThrottleKey => ({ key: `account:${username}`, rule: ACCOUNT_RULE });
/** An IPv6 address is counted by its /64 network, which one subscriber usually holds whole. */
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${addressNetwork(address)}`, rule: ADDRESS_RULE });
export const deviceKey = (username: string, deviceId: string): ThrottleKey => ({ key: `device:${username}:${deviceId}`, rule: DEVICE_RULE });

function read(db: Queryable, key: string): AttemptRecord | undefined {
  return db
    .select({ failures: signInAttempts.failures, windowStartedAt: signInAttempts.windowStartedAt, lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(eq(signInAttempts.key, key))
    .get();
}

/** The records of `keys` as they stand (undefined where none), in the same order. */
export function readAttempts(db: Queryable, keys: readonly ThrottleKey[]): (AttemptRecord | undefined)[] {
  return keys.map(({ key }) => read(db, key));
}

/** The first of `keys` that makes an attempt wait now, with its record. */
export function findLock(db: Queryable, keys: readonly ThrottleKey[], now: number): { key: ThrottleKey; record: AttemptRecord } | null {
  for (const key of keys) {
    const record = read(db, key.key);
    if (record && isLocked(record, now)) return { key, record };
  }
  return null;
}

/** One sign-in attempt counted as a failure before its password was checked: each key's record before, and after. */
export type Reservation = { key: ThrottleKey; before: AttemptRecord | undefined; after: AttemptRecord }[];

/**
 * In one transaction: the first of `keys` that makes an attempt wait now (then nothing is counted:
 * an attempt made while waiting is refused unchecked), or else the attempt counted as a failure
 * under every key. Counted before the password is checked, so that concurrent guesses each take
 * their turn — a burst checks no more passwords than the rule allows. An attempt whose password
 * proves right gives its count back (releaseAttempt).
 */
export function reserveAttempt(
  db: Db,
  keys: readonly ThrottleKey[],
  now: number,
): { lock: { key: ThrottleKey; record: AttemptRecord } } | { reservation: Reservation } {
  return db.transaction(
    (tx) => {
      const lock = findLock(tx, keys, now);
      if (lock) return { lock };
      forgetOldRuns(tx, now);
      const reservation = keys.map((key) => {
        const before = read(tx, key.key);
        const after = afterFailure(before, key.rule, now);
        tx.insert(signInAttempts).values({ key: key.key, ...after }).onConflictDoUpdate({ target: signInAttempts.key, set: after }).run();
        return { key, before, after };
      });
      return { reservation };
    },
    { behavior: "immediate" },
  );
}

/**
 * Give back what `reservation` counted: each record as it was before, or — where other failures
 * were counted since — with one failure fewer.
 */
export function releaseAttempt(db: Db, reservation: Reservation): void {
  db.transaction(
    (tx) => {
      for (const { key, before, after } of reservation) {
        const current = read(tx, key.key);
        if (!current) continue;
        const untouched = current.failures === after.failures && current.windowStartedAt === after.windowStartedAt && current.lockedUntil === after.lockedUntil;
        const restored = untouched ? before : withoutOneFailure(current, key.rule);
        if (restored) tx.update(signInAttempts).set(restored).where(eq(signInAttempts.key, key.key)).run();
        else tx.delete(signInAttempts).where(eq(signInAttempts.key, key.key)).run();
      }
    },
    { behavior: "immediate" },
  );
}

/** Runs of failures old enough to be forgotten under every rule, and not holding anyone back, are cleared out. */
function forgetOldRuns(tx: Queryable, now: number): void {
  const oldest = now - Math.max(ACCOUNT_RULE.forgetAfterMs, ADDRESS_RULE.forgetAfterMs, DEVICE_RULE.forgetAfterMs);
  tx.delete(signInAttempts)
    .where(and(lte(signInAttempts.windowStartedAt, oldest), or(isNull(signInAttempts.lockedUntil), lte(signInAttempts.lockedUntil, now))))
    .run();
}

export function clearAttempts(db: Queryable, keys: readonly ThrottleKey[]): void {
  if (keys.length > 0) db.delete(signInAttempts).where(inArray(signInAttempts.key, keys.map(({ key }) => key))).run();
}

/** Lift every limit on an account: its own count and those of the browsers trusted for it. */
export function liftAccountLimits(db: Queryable, username: string): number {
  // every key that starts with "device:USERNAME:" (";" is the character after ":")
  const devicePrefix = `device:${username}:`;
  const afterDevices = `device:${username};`;
  return db
    .delete(signInAttempts)
    .where(or(eq(signInAttempts.key, accountKey(username).key), and(gte(signInAttempts.key, devicePrefix), lt(signInAttempts.key, afterDevices))))
    .run().changes;
}

/** `network` as the overview lists it (an IPv4 address, or an IPv6 /64). */
export function liftAddressLimit(db: Queryable, network: string): number {
  return db.delete(signInAttempts).where(eq(signInAttempts.key, `address:${network}`)).run().changes;
}

export type ActiveThrottle = { failures: number; lockedUntil: number | null; freeLeft: number };

export type ThrottleOverview = {
  /** By username (known or not): the account's own count and its trusted browsers', whichever is worse. */
  accounts: Map<string, ActiveThrottle>;
  /** By network (an IPv4 address or an IPv6 /64), only those that have used up their free failures. */
  addresses: { network: string; throttle: ActiveThrottle }[];
};

/** Failures not yet forgotten, for the administrator's accounts page. */
export function throttleOverview(db: Queryable, now: number): ThrottleOverview {
  const rows = db.select().from(signInAttempts).all();
  const accounts = new Map<string, ActiveThrottle>();
  const addresses: ThrottleOverview["addresses"] = [];
  for (const row of rows) {
    const [kind = "", ...rest] = row.key.split(":");
    const rule = kind === "address" ? ADDRESS_RULE : kind === "device" ? DEVICE_RULE : ACCOUNT_RULE;
    if (isForgotten(row, rule, now)) continue;
    const throttle: ActiveThrottle = {
      failures: row.failures,
      lockedUntil: isLocked(row, now) ? row.lockedUntil : null,
      freeLeft: Math.max(0, rule.freeFailures - row.failures),
    };
    if (kind === "address") {
      if (throttle.freeLeft === 0) addresses.push({ network: rest.join(":"), throttle });
      continue;
    }
    const username = kind === "device" ? rest.slice(0, -1).join(":") : rest.join(":");
    const known = accounts.get(username);
    if (!known || throttle.failures > known.failures) accounts.set(username, throttle);
  }
  addresses.sort((a, b) => b.throttle.failures - a.throttle.failures);
  return { accounts, addresses };
}
