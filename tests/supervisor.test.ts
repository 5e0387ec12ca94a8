import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { READY_MESSAGE } from "@/lib/restart-policy";

/**
 * npm start's keeper (supervisor.ts), run as a process around a stand-in server that behaves as
 * server.ts does towards it: it says it is ready over the channel once it listens, stops cleanly
 * (exit 0) on SIGTERM, and refuses to start with exit 1. The real server's restart is drilled in
 * scripts/crash-drill.ts (npm run drill:crash).
 */

const STAND_IN = `
const fs = require("node:fs");
const http = require("node:http");
const log = (line) => fs.appendFileSync(process.env.LOG, line + "\\n");
const mode = process.env.MODE;
if (mode === "refuse") { console.error("无法启动：端口已被占用"); process.exit(1); }
const server = http.createServer((request, response) => response.end(String(process.pid)));
server.listen(0, "127.0.0.1", () => {
  log("start " + process.pid + " " + server.address().port);
  process.send(${JSON.stringify(READY_MESSAGE)});
  if (mode === "crash") process.exit(3);
  if (mode === "finish") setTimeout(() => process.exit(0), 50);
});
process.on("SIGTERM", () => { log("stopped " + process.pid); server.close(() => process.exit(0)); });
`;

const folders: string[] = [];
const keepers: ChildProcess[] = [];
afterEach(() => {
  for (const keeper of keepers.splice(0)) if (keeper.exitCode === null && keeper.signalCode === null) keeper.kill("SIGKILL");
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

type Keeper = { process: ChildProcess; log: () => string[]; output: () => string; exited: Promise<number | null> };

function startKeeper(mode = ""): Keeper {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-keeper-"));
  folders.push(dir);
  const standIn = path.join(dir, "server.cjs");
  const logFile = path.join(dir, "log");
  fs.writeFileSync(standIn, STAND_IN);
  fs.writeFileSync(logFile, "");
  const keeper = spawn(path.resolve("node_modules/.bin/tsx"), ["supervisor.ts", "node", standIn], {
    env: { ...process.env, MODE: mode, LOG: logFile, KEPU_RESTART_DELAY_MS: "100" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  keepers.push(keeper);
  let output = "";
  keeper.stdout?.on("data", (chunk) => (output += chunk));
  keeper.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => keeper.once("exit", (code) => resolve(code)));
  return { process: keeper, log: () => fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean), output: () => output, exited };
}

const starts = (keeper: Keeper) => keeper.log().filter((line) => line.startsWith("start "));

async function until<T>(what: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const value = what();
    if (value !== undefined) return value;
  }
  throw new Error("timed out");
}

async function answer(line: string): Promise<string> {
  const port = line.split(" ")[2];
  return (await fetch(`http://127.0.0.1:${port}/`)).text();
}

describe("npm start's keeper", () => {
  it("starts the server again when it is killed with SIGKILL, and the new one answers", async () => {
    const keeper = startKeeper();
    const first = await until(() => starts(keeper)[0]);
    const firstPid = Number(first.split(" ")[1]);
    expect(await answer(first)).toBe(String(firstPid));
    process.kill(firstPid, "SIGKILL");
    const second = await until(() => starts(keeper)[1]);
    expect(await answer(second)).not.toBe(String(firstPid));
    expect(keeper.output()).toMatch(/服务意外退出（被信号 SIGKILL 终止），100 毫秒后重启/);
  }, 30_000);

  it("passes SIGTERM on, exits with the server once it has stopped cleanly, and never restarts it", async () => {
    const keeper = startKeeper();
    const first = await until(() => starts(keeper)[0]);
    keeper.process.kill("SIGTERM");
    expect(await keeper.exited).toBe(0);
    expect(keeper.log()).toEqual([first, `stopped ${first.split(" ")[1]}`]);
  }, 30_000);

  it("does not restart a server that stopped cleanly on its own", async () => {
    const keeper = startKeeper("finish");
    expect(await keeper.exited).toBe(0);
    expect(starts(keeper)).toHaveLength(1);
    expect(keeper.output()).toMatch(/服务已正常停止，不再重启/);
  }, 30_000);

  it("does not retry a server that refused to start, and exits with its code, leaving the server's one line alone", async () => {
    const keeper = startKeeper("refuse");
    expect(await keeper.exited).toBe(1);
    expect(keeper.output()).toBe("无法启动：端口已被占用\n");
  }, 30_000);

  it("gives up with a clear message after five crashes in a row, each just after its start", async () => {
    const keeper = startKeeper("crash");
    expect(await keeper.exited).toBe(1);
    expect(starts(keeper)).toHaveLength(5);
    expect(keeper.output()).toMatch(/服务接连 5 次在启动后 30 秒内崩溃（最近一次退出码 3），已停止重启/);
  }, 30_000);
});
