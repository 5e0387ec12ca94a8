import { describe, expect, it } from "vitest";
import { ACCOUNT_LIMIT, afterFailure, isLocked, minutesLeft, type AttemptRecord } from "./throttle";

const MINUTE = 60_000;

function fail(times: number, start = 0, step = 1000): AttemptRecord | undefined {
  let record: AttemptRecord | undefined;
  for (let i = 0; i < times; i += 1) record = afterFailure(record, ACCOUNT_LIMIT, start + i * step);
  return record;
}

describe("sign-in throttling", () => {
  it("locks an account at the fifth failure within fifteen minutes, not before", () => {
    expect(isLocked(fail(4), 5000)).toBe(false);
    expect(isLocked(fail(5), 5000)).toBe(true);
  });

  it("lifts the lock after fifteen minutes", () => {
    const record = fail(5);
    expect(isLocked(record, 4000 + 15 * MINUTE - 1)).toBe(true);
    expect(isLocked(record, 4000 + 15 * MINUTE)).toBe(false);
  });

  it("starts counting afresh once the window has passed", () => {
    const record = fail(4);
    const later = afterFailure(record, ACCOUNT_LIMIT, 16 * MINUTE);
    expect(later).toEqual({ failures: 1, windowStartedAt: 16 * MINUTE, lockedUntil: null });
  });

  it("tells how many minutes are left, rounded up", () => {
    const record = fail(5);
    expect(minutesLeft(record!, 4000)).toBe(15);
    expect(minutesLeft(record!, 4000 + 14 * MINUTE + 1)).toBe(1);
  });
});
