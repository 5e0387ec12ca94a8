/**
 * `npm start`'s keeper: runs the server — the command after its own name, as package.json's
 * `serve` gives it: `node <flags> .next/kepu-server.cjs` — and starts it again when it dies
 * (lib/restart-policy.ts: a crash is restarted after a growing wait, a refusal to start is not
 * retried, repeated quick crashes end in a clear message). SIGTERM and SIGINT are passed to the
 * server, which stops cleanly (closing the database); the keeper then exits with it and never
 * restarts it. Should the keeper itself die, the server sees its channel close and stops too.
 * `npm run build` bundles it into .next/kepu-supervisor.cjs, run with plain node.
 * Environment: KEPU_RESTART_DELAY_MS (the first wait before a restart, default 1 000).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterRun, READY_MESSAGE, restartPolicyFromEnv, type RestartPolicy } from "./lib/restart-policy";

type Run = { child: ChildProcess; startedAt: number; ready: boolean };

function main(): void {
  const [program, ...args] = process.argv.slice(2);
  if (!program) {
    console.error("用法：node .next/kepu-supervisor.cjs node [参数…] .next/kepu-server.cjs");
    process.exit(2);
  }
  let policy: RestartPolicy;
  try {
    policy = restartPolicyFromEnv(process.env.KEPU_RESTART_DELAY_MS);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // the node running the keeper runs the server too
  const executable = program === "node" ? process.execPath : program;
  let run: Run | null = null;
  let stopping = false;
  let crashes = 0;
  let pending: NodeJS.Timeout | null = null;

  const start = () => {
    pending = null;
    const child = spawn(executable, args, { stdio: ["inherit", "inherit", "inherit", "ipc"] });
    const current: Run = { child, startedAt: Date.now(), ready: false };
    run = current;
    child.on("message", (message) => {
      if (message === READY_MESSAGE) current.ready = true;
    });
    child.on("error", (error) => {
      // the program could not be run at all (and no exit follows)
      if (child.pid !== undefined) return;
      console.error(`[守护] 无法运行 ${program}：${error.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => {
      run = null;
      const decision = afterRun({ code, signal, ready: current.ready, ranMs: Date.now() - current.startedAt, stopping }, crashes, policy);
      if (decision.message) console.error(decision.message);
      if (decision.action === "exit") process.exit(decision.code);
      crashes = decision.crashes;
      pending = setTimeout(start, decision.delayMs);
    });
  };

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      stopping = true;
      if (pending) {
        // between a crash and its restart: nothing is running
        clearTimeout(pending);
        process.exit(0);
      }
      run?.child.kill(signal === "SIGHUP" ? "SIGTERM" : signal);
    });
  }
  start();
}

main();
