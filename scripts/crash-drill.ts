/**
 * npm run drill:crash -- [--runs 20] [--port 3198] [--keep]
 *
 * Crash drill: starts the production server (`next start`, after `npm run build`) on a temporary
 * database, keeps saving whole months through the real entry form (posted as a browser without
 * JavaScript would), and kills the server with SIGKILL in the middle of the saves, N times. After
 * each kill it opens the file and checks: `PRAGMA integrity_check` is ok; every month is all or
 * nothing (all its figures from one save, with that save's revisions — never half of a save); and
 * every save the server had confirmed is there. Then it starts the server again on the same file.
 * Prints `crash drill: N/N ok` and fails when any run was not.
 *
 * Then npm start's keeper (supervisor.ts) and the -wal: it kills only the server process with
 * SIGKILL and requires the keeper to bring it back answering, with every confirmed save; deletes
 * the -wal between two saves and requires the second to be refused (and health to answer 503), the
 * first to survive another SIGKILL; and stops the keeper with SIGTERM, which must stop the server
 * cleanly — exit 0, no restart, the -wal checkpointed away. Prints `keeper drill: ok`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { plausibleField } from "../lib/plausibility";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} 应为正整数`);
  return value;
}

const RUNS = option("runs", 20);
const PORT = option("port", 3198);
const BASE = `http://localhost:${PORT}`;
const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04"];
const USER = { username: "drill", password: "crash-drill-1" };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-crash-drill-"));
const databasePath = path.join(dir, "app.db");
const env = { ...process.env, DATABASE_PATH: databasePath, NEXT_TELEMETRY_DISABLED: "1", PASSWORD: USER.password };
const tsx = path.resolve("node_modules/.bin/tsx");
let server: ChildProcess | null = null;
let serverLog = "";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function portIsFree(): Promise<boolean> {
  try {
    await fetch(`${BASE}/api/health`);
    return false;
  } catch {
    return true;
  }
}

function startServer(): ChildProcess {
  serverLog = "";
  // the production server as `npm start` runs it after seeding (server.ts built, under its keeper supervisor.ts)
  const child = spawn("npm", ["run", "--silent", "serve"], {
    env: { ...env, PORT: String(PORT) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (serverLog += chunk));
  child.stderr?.on("data", (chunk) => (serverLog += chunk));
  return child;
}

async function waitHealthy(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`服务没有启动：\n${serverLog}`);
}

/** SIGKILL the server and everything it started, and wait until it is gone. */
async function kill(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    return;
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}

type Input = { name: string; type: string; value: string };

/** The <input> elements of a page: hidden ones are posted as they are (the action's own, the month, versions). */
function inputsOf(html: string): Input[] {
  const decode = (text: string) =>
    text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return [...html.matchAll(/<input\b([^>]*)>/g)].flatMap(([, attributes = ""]) => {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
    const name = attribute("name");
    return name ? [{ name: decode(name), type: attribute("type") ?? "text", value: decode(attribute("value") ?? "") }] : [];
  });
}

let cookie = "";

async function signIn(): Promise<void> {
  const page = await (await fetch(`${BASE}/login`)).text();
  const form = new FormData();
  for (const input of inputsOf(page)) if (input.type === "hidden") form.set(input.name, input.value);
  form.set("username", USER.username);
  form.set("password", USER.password);
  const response = await fetch(`${BASE}/login`, { method: "POST", body: form, redirect: "manual", headers: { Origin: BASE } });
  cookie = response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  if (!cookie.includes("session_token")) throw new Error(`登录失败（HTTP ${response.status}）`);
}

/** What the drill knows of each month: the last save the server confirmed, and one sent but unanswered. */
type MonthRecord = { confirmed: number | null; unconfirmed: number | null; next: number };
const tally = { confirmed: 0, cutOff: 0 };
const months = new Map(MONTHS.map((month) => [month, { confirmed: null, unconfirmed: null, next: 1 } as MonthRecord]));
let indicatorFields: string[] = [];

/** Ranks are at most 99 here; the neighbours' figures are left blank (a rank may have none). */
const RANKED_UNITS = 150;

/** Load the month's form, set every figure to `value`, and post it. */
async function saveMonth(month: string, value: number): Promise<{ saved: boolean; said: string }> {
  const page = await (await fetch(`${BASE}/entry/${month}`, { headers: { cookie } })).text();
  const inputs = inputsOf(page);
  const form = new FormData();
  const figures: string[] = [];
  for (const input of inputs) {
    if (input.type === "hidden") form.set(input.name, input.value);
    else if (input.type === "text" || input.type === "number") {
      const detail = input.name.split("__")[1];
      form.set(input.name, detail === undefined ? String(value) : detail === "of" ? String(RANKED_UNITS) : "");
      if (detail === undefined) {
        figures.push(input.name);
        // the drill's figures are deliberate: ticked as checked, as a clerk would tick a value far from its history
        form.set(plausibleField(input.name), String(value));
      }
    }
  }
  if (indicatorFields.length === 0) indicatorFields = figures;
  const response = await fetch(`${BASE}/entry/${month}`, { method: "POST", body: form, headers: { cookie, Origin: BASE } });
  const html = await response.text();
  // the save's result is announced beside the save button (entry-form.tsx), with its status as data
  const result = /<p id="save-result"[^>]*data-status="([a-z]+)"[^>]*>(.*?)<\/p>/s.exec(html);
  const said = result?.[2]?.replace(/<[^>]+>/g, "") || `HTTP ${response.status}`;
  return { saved: response.ok && result?.[1] === "saved", said };
}

/** Keep saving one month until the server dies: each save a new value, one at a time. */
async function keepSaving(month: string, stop: { dead: boolean }): Promise<void> {
  const record = months.get(month);
  if (!record) return;
  while (!stop.dead) {
    const value = record.next;
    record.next = (record.next % 99) + 1;
    record.unconfirmed = value;
    try {
      const { saved, said } = await saveMonth(month, value);
      if (saved) {
        record.confirmed = value;
        record.unconfirmed = null;
        tally.confirmed += 1;
      } else if (!stop.dead) {
        throw new Error(`${month} 保存 ${value} 未成功：${said}`);
      }
    } catch (error) {
      if (stop.dead) return;
      throw error;
    }
  }
}

/** The checks after a crash, on the file itself; returns what is wrong (empty when all is well). */
function checkDatabase(): string[] {
  const problems: string[] = [];
  const sqlite = new Database(databasePath);
  try {
    const integrity = sqlite.prepare<[], { integrity_check: string }>("PRAGMA integrity_check").all();
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== "ok") problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const ids = new Map(sqlite.prepare<[], { id: number; key: string }>("SELECT id, key FROM indicators").all().map((row) => [row.key, row.id]));
    for (const [month, record] of months) {
      const observations = sqlite
        .prepare<[string], { indicatorId: number; value: number; rankedUnits: number | null }>(
          "SELECT indicator_id AS indicatorId, value, ranked_units AS rankedUnits FROM observations WHERE period = ?",
        )
        .all(month);
      const revisions = sqlite
        .prepare<[string], { indicatorId: number; newValue: number | null }>(
          "SELECT indicator_id AS indicatorId, new_value AS newValue FROM revisions WHERE period = ? ORDER BY id",
        )
        .all(month);
      const expected = record.unconfirmed === null ? [record.confirmed] : [record.confirmed, record.unconfirmed];
      if (observations.length === 0) {
        if (record.confirmed !== null) problems.push(`${month}: 已确认保存的 ${record.confirmed} 丢失了`);
        if (revisions.length > 0) problems.push(`${month}: 有修订记录却没有数据`);
        record.unconfirmed = null;
        continue;
      }
      const values = new Set(observations.map((row) => row.value));
      const [value] = values;
      if (observations.length !== indicatorFields.length || values.size !== 1 || value === undefined) {
        problems.push(`${month}: 不是完整的一次保存（${observations.length}/${indicatorFields.length} 项，数值 ${[...values].join("、")}）`);
        continue;
      }
      if (!expected.includes(value)) problems.push(`${month}: 数值 ${value}，而服务器确认的是 ${record.confirmed}（未确认的 ${record.unconfirmed}）`);
      // what survived the crash is where the next run starts from
      record.confirmed = value;
      record.unconfirmed = null;
      if (observations.some((row) => row.rankedUnits !== null && row.rankedUnits !== RANKED_UNITS)) problems.push(`${month}: 排名单位数不符`);
      // the newest revision of every figure is this save, and each save left one revision per figure
      const newest = new Map(revisions.map((row) => [row.indicatorId, row.newValue]));
      const stale = indicatorFields.filter((key) => newest.get(ids.get(key) ?? -1) !== value);
      if (stale.length > 0) problems.push(`${month}: ${stale.length} 项的最新修订不是本次保存`);
      if (revisions.length % indicatorFields.length !== 0) problems.push(`${month}: 修订记录 ${revisions.length} 条，不是整次保存的倍数`);
    }
    return problems;
  } finally {
    sqlite.close();
  }
}

/** The processes started, directly or not, by `pid` (from /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the parent is the second field after the command, which is in parentheses
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = queue.flatMap((id) => children.get(id) ?? []);
    found.push(...next);
    queue = next;
  }
  return found;
}

/**
 * The node process under `child` that runs `script` (the server's or the keeper's bundle): the
 * first argument after node's own flags — the keeper's command line names the server's bundle too.
 */
function processRunning(child: ChildProcess, script: string): number | null {
  if (!child.pid) return null;
  for (const pid of descendants(child.pid)) {
    try {
      const [program = "", ...args] = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (path.basename(program) !== "node") continue;
      if (path.basename(args.find((arg) => !arg.startsWith("-")) ?? "") === script) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

async function healthStatus(): Promise<number> {
  try {
    return (await fetch(`${BASE}/api/health`)).status;
  } catch {
    return 0;
  }
}

/** Kill the server process alone (its keeper stays) and wait until a new one answers. */
async function killServerOnly(child: ChildProcess, problems: string[]): Promise<void> {
  const before = processRunning(child, "kepu-server.cjs");
  if (before === null) {
    problems.push("找不到服务进程（kepu-server.cjs）");
    return;
  }
  process.kill(before, "SIGKILL");
  for (let waited = 0; waited < 60_000; waited += 250) {
    await sleep(250);
    const now = processRunning(child, "kepu-server.cjs");
    if (now !== null && now !== before && (await healthStatus()) === 200) return;
  }
  problems.push(`服务进程被 SIGKILL 后，一分钟内没有被重新启动并恢复应答：\n${serverLog}`);
}

/** One save of `month` that the server must confirm. */
async function confirmedSave(month: string, problems: string[]): Promise<void> {
  const record = months.get(month);
  if (!record) return;
  const value = record.next;
  record.next = (record.next % 99) + 1;
  const { saved, said } = await saveMonth(month, value);
  if (saved) record.confirmed = value;
  else problems.push(`${month} 保存 ${value} 未成功：${said}`);
}

async function keeperDrill(): Promise<string[]> {
  const problems: string[] = [];
  const [month = "2025-01"] = MONTHS;
  server = startServer();
  await waitHealthy();
  if (!cookie) await signIn();

  await confirmedSave(month, problems);
  await killServerOnly(server, problems);
  problems.push(...checkDatabase());
  console.log(`keeper: 服务进程被 SIGKILL 后自动重启${problems.length === 0 ? "，已确认的保存都在" : ""}`);

  await confirmedSave(month, problems);
  fs.rmSync(`${databasePath}-wal`);
  const record = months.get(month);
  const refusedValue = record?.next ?? 1;
  const { saved, said } = await saveMonth(month, refusedValue);
  if (saved) {
    problems.push(`删除 -wal 后的保存仍显示成功（${said}）`);
    if (record) record.confirmed = refusedValue;
  } else if (!/预写日志/.test(said)) problems.push(`删除 -wal 后的保存被拒绝，但原因不对：${said}`);
  const health = await healthStatus();
  if (health !== 503) problems.push(`删除 -wal 后 /api/health 应答 ${health}，应为 503`);
  await killServerOnly(server, problems);
  problems.push(...checkDatabase());
  console.log(`keeper: 删除 -wal 后保存被拒绝（${said.slice(0, 40)}…），health ${health}；再次 SIGKILL 后此前确认的保存仍在`);

  await confirmedSave(month, problems);
  const keeper = processRunning(server, "kepu-supervisor.cjs");
  if (keeper === null) problems.push("找不到守护进程（kepu-supervisor.cjs）");
  else {
    const launcher = server;
    const exited = new Promise<number | null>((resolve) => (launcher.exitCode !== null ? resolve(launcher.exitCode) : launcher.once("exit", resolve)));
    const serverBefore = processRunning(launcher, "kepu-server.cjs");
    const logBefore = serverLog.length;
    process.kill(keeper, "SIGTERM");
    const code = await Promise.race([exited, sleep(30_000).then(() => "timeout")]);
    if (code !== 0) problems.push(`守护进程收到 SIGTERM 后没有正常退出（${code}）：\n${serverLog}`);
    if (serverBefore !== null && fs.existsSync(`/proc/${serverBefore}`)) problems.push("守护进程退出后服务进程仍在运行");
    if (/后重启/.test(serverLog.slice(logBefore))) problems.push("收到 SIGTERM 后服务被重新启动了");
    const wal = fs.statSync(`${databasePath}-wal`, { throwIfNoEntry: false });
    if (wal && wal.size > 0) problems.push(`正常停止后 -wal 仍有 ${wal.size} 字节未写回数据库文件`);
    problems.push(...checkDatabase());
    console.log(`keeper: SIGTERM 后服务正常停止（退出码 ${code}），数据库已关闭，-wal ${wal ? `${wal.size} 字节` : "已删除"}`);
    if (code === 0) server = null;
  }

  // a keeper killed outright leaves no server behind: the server sees its channel close and stops
  if (!server) {
    const launcher = startServer();
    server = launcher;
    await waitHealthy();
    const keeperPid = processRunning(launcher, "kepu-supervisor.cjs");
    const serverPid = processRunning(launcher, "kepu-server.cjs");
    if (keeperPid === null || serverPid === null) problems.push("找不到守护进程或服务进程");
    else {
      process.kill(keeperPid, "SIGKILL");
      let gone = false;
      for (let waited = 0; waited < 30_000 && !gone; waited += 250) {
        await sleep(250);
        gone = !fs.existsSync(`/proc/${serverPid}`) && (await portIsFree());
      }
      if (!gone) problems.push("守护进程被 SIGKILL 后，服务进程 30 秒内没有自行停止");
      else console.log("keeper: 守护进程被 SIGKILL 后，服务进程自行正常停止");
    }
  }
  return problems;
}

async function main(): Promise<number> {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("没有生产构建：请先运行 npm run build。");
    return 1;
  }
  execFileSync(tsx, ["--conditions=react-server", "db/seed-cli.ts", "--no-demo"], { env, stdio: "ignore" });
  execFileSync(tsx, ["--conditions=react-server", "db/user-add-cli.ts", USER.username, "staff"], { env, stdio: "ignore" });

  let passed = 0;
  for (let run = 1; run <= RUNS; run += 1) {
    if (!(await portIsFree())) throw new Error(`端口 ${PORT} 已被占用：请用 --port 指定另一个端口`);
    server = startServer();
    await waitHealthy();
    if (!cookie) await signIn();
    const stop = { dead: false };
    const saving = Promise.allSettled(MONTHS.map((month) => keepSaving(month, stop)));
    // let every month's save land once, then pull the plug in the middle of the next ones
    const landed = tally.confirmed + MONTHS.length;
    for (let waited = 0; tally.confirmed < landed && waited < 60_000; waited += 50) await sleep(50);
    await sleep(Math.floor(Math.random() * 600));
    stop.dead = true;
    await kill(server);
    const outcomes = await saving;
    tally.cutOff += [...months.values()].filter((record) => record.unconfirmed !== null).length;
    const failed = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [String(outcome.reason)] : []));
    const problems = [...failed, ...checkDatabase()];
    if (tally.confirmed < landed) problems.push("一分钟内没有完成任何保存");
    if (problems.length === 0) passed += 1;
    console.log(`run ${run}/${RUNS}: ${problems.length === 0 ? "ok" : "FAILED"}${problems.map((p) => `\n  - ${p}`).join("")}`);
  }
  console.log(`（共确认保存 ${tally.confirmed} 次；强制终止时正在进行的保存 ${tally.cutOff} 次）`);
  console.log(`crash drill: ${passed}/${RUNS} ok`);

  if (!(await portIsFree())) throw new Error(`端口 ${PORT} 已被占用：请用 --port 指定另一个端口`);
  const keeperProblems = await keeperDrill();
  console.log(`keeper drill: ${keeperProblems.length === 0 ? "ok" : "FAILED"}${keeperProblems.map((p) => `\n  - ${p}`).join("")}`);
  return passed === RUNS && keeperProblems.length === 0 ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    return 1;
  })
  .then(async (code) => {
    if (server) await kill(server);
    if (process.argv.includes("--keep")) console.log(`数据库保留在 ${databasePath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  });
