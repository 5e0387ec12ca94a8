import { describe, expect, it } from "vitest";
import { afterRun, RESTART_POLICY, restartPolicyFromEnv, type RunEnd } from "./restart-policy";

const crashed = (overrides: Partial<RunEnd> = {}): RunEnd => ({ code: null, signal: "SIGKILL", ready: true, ranMs: 5_000, stopping: false, ...overrides });

describe("restarting the server", () => {
  it("restarts a crashed server after a second, the wait doubling with each quick crash in a row", () => {
    const delays: number[] = [];
    let crashes = 0;
    for (let i = 0; i < 4; i += 1) {
      const decision = afterRun(crashed(), crashes);
      if (decision.action !== "restart") throw new Error(decision.message ?? "exit");
      delays.push(decision.delayMs);
      crashes = decision.crashes;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it("gives up, saying why, on the fifth crash in a row within half a minute of its start", () => {
    const decision = afterRun(crashed({ signal: null, code: 134 }), 4);
    expect(decision).toMatchObject({ action: "exit", code: 1 });
    expect(decision.message).toMatch(/接连 5 次在启动后 30 秒内崩溃（最近一次退出码 134），已停止重启/);
  });

  it("counts afresh after a run that lasted", () => {
    expect(afterRun(crashed({ ranMs: RESTART_POLICY.stableAfterMs }), 4)).toMatchObject({ action: "restart", delayMs: 1000, crashes: 1 });
  });

  it("never caps a wait above thirty seconds", () => {
    const decision = afterRun(crashed(), 3, { ...RESTART_POLICY, firstDelayMs: 20_000, maxQuickCrashes: 10 });
    expect(decision).toMatchObject({ action: "restart", delayMs: 30_000 });
  });

  it("never restarts after a deliberate stop: a signal passed on, or a clean exit from wherever it was asked", () => {
    expect(afterRun(crashed({ stopping: true, code: 0, signal: null }), 0)).toEqual({ action: "exit", code: 0, message: null });
    expect(afterRun(crashed({ code: 0, signal: null }), 0)).toMatchObject({ action: "exit", code: 0 });
  });

  it("does not retry a server that refused to start (busy port, missing database): it would fail the same way", () => {
    expect(afterRun(crashed({ ready: false, code: 1, signal: null, ranMs: 800 }), 0)).toEqual({ action: "exit", code: 1, message: null });
  });

  it("restarts a server killed before it was ready (the out-of-memory killer does not wait)", () => {
    expect(afterRun(crashed({ ready: false }), 0)).toMatchObject({ action: "restart" });
  });

  it("takes its first delay from KEPU_RESTART_DELAY_MS, refusing what is not a delay", () => {
    expect(restartPolicyFromEnv(undefined)).toEqual(RESTART_POLICY);
    expect(restartPolicyFromEnv("200").firstDelayMs).toBe(200);
    expect(() => restartPolicyFromEnv("soon")).toThrow(/KEPU_RESTART_DELAY_MS=soon 无效/);
    expect(() => restartPolicyFromEnv("-1")).toThrow(/无效/);
  });
});
