/**
 * When `npm start`'s keeper (supervisor.ts) starts the server again, and when it stops trying.
 * Pure rules; the keeper runs the process.
 * - A clean exit (code 0) is a deliberate stop, wherever the signal came from: never restarted.
 * - A server that fails before it is ready, with an exit code, refused to start (port in use, no
 *   database, bad configuration): trying again would fail the same way, so it is not retried.
 * - Any other end is a crash: restarted after a wait that doubles from the first delay up to the
 *   longest; a run that lasted long enough counts as healthy and starts the count afresh.
 * - After a number of crashes in a row, each soon after its start, the keeper gives up.
 */

/** What the server sends its keeper once it listens and Next is prepared (server.ts). */
export const READY_MESSAGE = "kepu:ready";

export type RestartPolicy = {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run this long before its crash was healthy: the next crash counts as the first. */
  stableAfterMs: number;
  /** Crashes in a row, each within stableAfterMs of its start, after which the keeper gives up. */
  maxQuickCrashes: number;
};

export const RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, stableAfterMs: 30_000, maxQuickCrashes: 5 };

/** How one run of the server ended. */
export type RunEnd = {
  code: number | null;
  signal: string | null;
  /** The server said it was ready (listening, Next prepared). */
  ready: boolean;
  ranMs: number;
  /** The keeper itself was asked to stop and passed the signal on. */
  stopping: boolean;
};

export type Decision =
  | { action: "exit"; code: number; message: string | null }
  | { action: "restart"; delayMs: number; crashes: number; message: string };

/** What to do after `end`, `crashes` being the quick crashes in a row before it. */
export function afterRun(end: RunEnd, crashes: number, policy: RestartPolicy = RESTART_POLICY): Decision {
  if (end.stopping) return { action: "exit", code: end.code ?? 0, message: null };
  if (end.code === 0) return { action: "exit", code: 0, message: "[守护] 服务已正常停止，不再重启。" };
  if (!end.ready && end.code !== null) {
    // the server has said why, in one line: nothing to add
    return { action: "exit", code: end.code, message: null };
  }
  const inARow = end.ranMs >= policy.stableAfterMs ? 1 : crashes + 1;
  const how = end.signal ? `被信号 ${end.signal} 终止` : `退出码 ${end.code}`;
  if (inARow >= policy.maxQuickCrashes) {
    return {
      action: "exit",
      code: 1,
      message: `[守护] 服务接连 ${inARow} 次在启动后 ${Math.round(policy.stableAfterMs / 1000)} 秒内崩溃（最近一次${how}），已停止重启；请查看上面的错误信息，排除后重新启动。`,
    };
  }
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (inARow - 1));
  return { action: "restart", delayMs, crashes: inARow, message: `[守护] 服务意外退出（${how}），${formatDelay(delayMs)}后重启。` };
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} 毫秒` : `${Math.round(ms / 100) / 10} 秒`;
}

/** KEPU_RESTART_DELAY_MS: the first wait before a restart (default 1 000 ms), each later one doubling up to 30 s. */
export function restartPolicyFromEnv(value: string | undefined): RestartPolicy {
  if (value === undefined || value.trim() === "") return RESTART_POLICY;
  const ms = Number(value.trim());
  if (!Number.isInteger(ms) || ms < 0 || ms > RESTART_POLICY.maxDelayMs) {
    throw new Error(`KEPU_RESTART_DELAY_MS=${value} 无效：应为 0–${RESTART_POLICY.maxDelayMs} 的整数（毫秒）`);
  }
  return { ...RESTART_POLICY, firstDelayMs: ms };
}
