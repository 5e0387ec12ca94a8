/**
 * The benchmark's server: the production server as `npm start` runs it (server.ts, with the Node
 * options `npm start` gives it), signing in, timing one request, and reading the server process's
 * memory — its peak RSS from /proc, its live heap through the V8 inspector.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";

export type BenchServer = { process: ChildProcess; port: number; base: string; inspectPort: number | null };

/** The built server (`npm run build:server`: server.ts bundled), as `npm start` runs it. */
export const SERVER_ENTRY = ".next/kepu-server.cjs";

/** The Node flags `npm start` runs the server with (`node <flags> .next/kepu-server.cjs`, the "serve" script), so the bench measures the same process. */
export function startNodeFlags(): string[] {
  const scripts: { serve?: string } = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts ?? {};
  const flags = /node((?:\s+--\S+)*)\s+\.next\/kepu-server\.cjs/.exec(scripts.serve ?? "")?.[1];
  if (flags === undefined) throw new Error("package.json 的 serve 脚本不是 node <参数> .next/kepu-server.cjs");
  return flags.split(/\s+/).filter(Boolean);
}

export async function startServer(
  database: string,
  port: number,
  options: { nodeFlags?: readonly string[]; inspectPort?: number; env?: Record<string, string> } = {},
): Promise<BenchServer> {
  const flags = options.nodeFlags ?? startNodeFlags();
  const inspect = options.inspectPort ? [`--inspect=127.0.0.1:${options.inspectPort}`] : [];
  // node itself (as `npm start` runs it), so that the inspector (when asked for) attaches to the
  // server, not to a launcher; no daily backup at start: it would copy the database while requests
  // are measured
  const log = fs.openSync(path.join(os.tmpdir(), `kepu-bench-server-${port}.log`), "w");
  const server = spawn(process.execPath, [...flags, ...inspect, SERVER_ENTRY], {
    env: {
      ...process.env,
      DATABASE_PATH: database,
      PORT: String(port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BACKUP_KEEP: "0",
      KEPU_SCHEDULER: "off",
      ...options.env,
    },
    // the server's own output, for when a run goes wrong: $TMPDIR/kepu-bench-server-<port>.log
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { process: server, port, base, inspectPort: options.inspectPort ?? null };
    } catch {}
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stopServer({ process: server, port, base, inspectPort: null });
  throw new Error("服务未能启动");
}

export async function stopServer(server: BenchServer): Promise<void> {
  const { pid } = server.process;
  if (pid) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {}
  }
  for (let i = 0; i < 40 && server.process.exitCode === null && server.process.signalCode === null; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function peakRssMb(server: BenchServer): number {
  return statusField(server, "VmHWM");
}

export function rssMb(server: BenchServer): number {
  return statusField(server, "VmRSS");
}

function statusField(server: BenchServer, field: string): number {
  const pid = server.process.pid;
  if (!pid) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * The server's live heap: V8's used heap right after a full garbage collection, in MB, asked of the
 * server's own inspector (only the benchmark starts a server with one, on 127.0.0.1).
 */
export async function liveHeapMb(server: BenchServer): Promise<number> {
  if (!server.inspectPort) return NaN;
  const targets: { webSocketDebuggerUrl: string }[] = await (await fetch(`http://127.0.0.1:${server.inspectPort}/json/list`)).json();
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) return NaN;
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      id += 1;
      const mine = id;
      const listener = (data: WebSocket.RawData) => {
        const message: { id?: number; result?: Record<string, unknown> } = JSON.parse(String(data));
        if (message.id !== mine) return;
        socket.off("message", listener);
        resolve(message.result ?? {});
      };
      socket.on("message", listener);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  try {
    await call("HeapProfiler.collectGarbage");
    const usage = await call("Runtime.getHeapUsage");
    return Number(usage.usedSize) / 2 ** 20;
  } finally {
    socket.close();
  }
}

/** Hidden fields of a page's first form that holds `field`, as the browser would post them. */
export function formFields(html: string, field: string): Map<string, string> {
  const forms = html.split("<form").slice(1).map((chunk) => chunk.split("</form>")[0] ?? "");
  const form = forms.find((chunk) => chunk.includes(`name="${field}"`)) ?? "";
  const fields = new Map<string, string>();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    if (name) fields.set(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x27;", "'"));
  }
  return fields;
}

export async function signIn(base: string, account: { username: string; password: string }): Promise<string> {
  const page = await (await fetch(`${base}/login`)).text();
  const form = new FormData();
  for (const [name, value] of formFields(page, "username")) form.set(name, value);
  form.set("username", account.username);
  form.set("password", account.password);
  const response = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { Origin: base } });
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie.includes("session_token")) throw new Error(`无法以 ${account.username} 登录（${response.status}）`);
  return cookie;
}

/** Time to the last byte of one request, in milliseconds, and the body (and its size). */
export async function timed(url: string, init: RequestInit): Promise<{ ms: number; bytes: number; status: number; body: Uint8Array }> {
  const start = performance.now();
  const response = await fetch(url, init);
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - start, bytes: body.byteLength, status: response.status, body };
}

/** The PID of the process listening on `port`. */
export function listeningPid(port: number): number | null {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}
