import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, ADDRESS_RULE, afterFailure, delayAfter, formatWait, freeFailuresLeft, isLocked, withoutOneFailure, type AttemptRecord } from "./throttle";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** `times` failures, each made as soon as the previous wait allowed. */
function failRepeatedly(times: number, start = 0): { record: AttemptRecord | undefined; now: number } {
  let record: AttemptRecord | undefined;
  let now = start;
  for (let i = 0; i < times; i += 1) {
    record = afterFailure(record, ACCOUNT_RULE, now);
    now = Math.max(now + SECOND, record.lockedUntil ?? 0);
  }
  return { record, now };
}

describe("sign-in throttling", () => {
  it("lets the first four failures pass freely, counting down the tries left", () => {
    let record: AttemptRecord | undefined;
    expect(freeFailuresLeft(record, ACCOUNT_RULE, 0)).toBe(5);
    for (let i = 1; i <= 4; i += 1) {
      record = afterFailure(record, ACCOUNT_RULE, i * SECOND);
      expect(isLocked(record, i * SECOND + 1)).toBe(false);
      expect(freeFailuresLeft(record, ACCOUNT_RULE, i * SECOND)).toBe(5 - i);
    }
  });

  it("makes the next attempt wait after the fifth failure, a minute at first", () => {
    const { record } = failRepeatedly(5);
    expect(record?.lockedUntil).toBe(4 * SECOND + MINUTE);
    expect(isLocked(record, 4 * SECOND + MINUTE - 1)).toBe(true);
    expect(isLocked(record, 4 * SECOND + MINUTE)).toBe(false);
  });

  it("doubles the wait with every further failure, up to fifteen minutes and never more", () => {
    expect([5, 6, 7, 8, 9, 10, 50, 5000].map((failures) => delayAfter(failures, ACCOUNT_RULE) / MINUTE)).toEqual([1, 2, 4, 8, 15, 15, 15, 15]);
    expect(delayAfter(4, ACCOUNT_RULE)).toBe(0);
  });

  it("so even after a hundred failures the next try is at most fifteen minutes away", () => {
    const { record } = failRepeatedly(99);
    const at = record?.lockedUntil ?? 0;
    expect((afterFailure(record, ACCOUNT_RULE, at).lockedUntil ?? 0) - at).toBe(15 * MINUTE);
  });

  it("allows an address twenty free failures before waits begin", () => {
    let record: AttemptRecord | undefined;
    for (let i = 0; i < 19; i += 1) record = afterFailure(record, ADDRESS_RULE, i);
    expect(isLocked(record, 20)).toBe(false);
    record = afterFailure(record, ADDRESS_RULE, 20);
    expect(isLocked(record, 21)).toBe(true);
  });

  it("forgets a run of failures a day after it began, once no wait is running", () => {
    const { record } = failRepeatedly(4);
    expect(freeFailuresLeft(record, ACCOUNT_RULE, DAY - 1)).toBe(1);
    expect(freeFailuresLeft(record, ACCOUNT_RULE, DAY)).toBe(5);
    expect(afterFailure(record, ACCOUNT_RULE, DAY)).toEqual({ failures: 1, windowStartedAt: DAY, lockedUntil: null });
  });

  it("says how long is left, in seconds under a minute and whole minutes above", () => {
    expect(formatWait(40 * SECOND, 0)).toBe("40 秒");
    expect(formatWait(MINUTE + 1, 0)).toBe("2 分钟");
    expect(formatWait(15 * MINUTE, 0)).toBe("15 分钟");
    expect(formatWait(1, 0)).toBe("1 秒");
  });

  it("gives back one failure counted up front for a password that proved right, the later failures keeping the wait they would have had without it", () => {
    // six failures, the last at 10 minutes: the sixth's wait is two minutes; without one of them it is the fifth's, one minute
    const record: AttemptRecord = { failures: 6, windowStartedAt: 0, lockedUntil: 10 * MINUTE + delayAfter(6, ACCOUNT_RULE) };
    expect(withoutOneFailure(record, ACCOUNT_RULE)).toEqual({ failures: 5, windowStartedAt: 0, lockedUntil: 10 * MINUTE + MINUTE });
    // back under the free failures: no wait at all
    expect(withoutOneFailure({ failures: 5, windowStartedAt: 0, lockedUntil: 3 * MINUTE + MINUTE }, ACCOUNT_RULE)).toEqual({
      failures: 4,
      windowStartedAt: 0,
      lockedUntil: null,
    });
    expect(withoutOneFailure({ failures: 2, windowStartedAt: 0, lockedUntil: null }, ACCOUNT_RULE)).toEqual({ failures: 1, windowStartedAt: 0, lockedUntil: null });
    expect(withoutOneFailure({ failures: 1, windowStartedAt: 0, lockedUntil: null }, ACCOUNT_RULE)).toBeNull();
  });
});
