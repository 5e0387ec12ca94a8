import "server-only";
import { and, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  afterFailure,
  DEVICE_RULE,
  isForgotten,
  isLocked,
  type AttemptRecord,
  type ThrottleRule,
} from "@/lib/throttle";
import { addressNetwork } from "@/lib/client-address";
import type { Queryable } from "./client";
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

/** Count one failure under each key, in one transaction; forgotten runs of failures are cleared out on the way. */
export function recordFailure(db: Queryable, keys: readonly ThrottleKey[], now: number): AttemptRecord[] {
  return db.transaction((tx) => {
    const oldest = now - Math.max(ACCOUNT_RULE.forgetAfterMs, ADDRESS_RULE.forgetAfterMs, DEVICE_RULE.forgetAfterMs);
    tx.delete(signInAttempts)
      .where(and(lte(signInAttempts.windowStartedAt, oldest), or(isNull(signInAttempts.lockedUntil), lte(signInAttempts.lockedUntil, now))))
      .run();
    return keys.map(({ key, rule }) => {
      const next = afterFailure(read(tx, key), rule, now);
      tx.insert(signInAttempts).values({ key, ...next }).onConflictDoUpdate({ target: signInAttempts.key, set: next }).run();
      return next;
    });
  });
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
