import { describe, expect, it } from "vitest";
import { TurnQueue } from "./turn-queue";

/** A piece of work that runs until `finish` is called, recording when it starts and ends. */
function gated(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish: () => finish(),
    work: async () => {
      log.push(`${name} starts`);
      await done;
      log.push(`${name} ends`);
      return name;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("work done one at a time", () => {
  it("runs the second piece only once the first is over, in the order asked", async () => {
    const queue = new TurnQueue({ maxWaiting: 4, maxWaitMs: 10_000 });
    const log: string[] = [];
    const first = gated(log, "first");
    const second = gated(log, "second");
    const third = gated(log, "third");
    const results = [queue.run(first.work, () => "busy"), queue.run(second.work, () => "busy"), queue.run(third.work, () => "busy")];
    await settle();
    expect(log).toEqual(["first starts"]);
    expect(queue.waiting).toBe(2);
    first.finish();
    await settle();
    expect(log).toEqual(["first starts", "first ends", "second starts"]);
    second.finish();
    third.finish();
    expect(await Promise.all(results)).toEqual(["first", "second", "third"]);
    expect(log).toEqual(["first starts", "first ends", "second starts", "second ends", "third starts", "third ends"]);
  });

  it("answers busy to a caller beyond the waiting line, and to one that waited too long", async () => {
    const queue = new TurnQueue({ maxWaiting: 1, maxWaitMs: 50 });
    const log: string[] = [];
    const first = gated(log, "first");
    const running = queue.run(first.work, () => "busy");
    const waiting = queue.run(async () => "second", () => "busy: waited too long");
    expect(await queue.run(async () => "third", () => "busy: line full")).toBe("busy: line full");
    expect(await waiting).toBe("busy: waited too long");
    expect(queue.waiting).toBe(0);
    first.finish();
    expect(await running).toBe("first");
    // the queue is free again
    expect(await queue.run(async () => "fourth", () => "busy")).toBe("fourth");
  });

  it("passes the turn on when a piece of work fails", async () => {
    const queue = new TurnQueue({ maxWaiting: 4, maxWaitMs: 10_000 });
    const failing = queue.run(async () => {
      throw new Error("boom");
    }, () => "busy");
    const next = queue.run(async () => "next", () => "busy");
    await expect(failing).rejects.toThrow("boom");
    expect(await next).toBe("next");
  });
});
