/**
 * npm run bench [-- --smoke] [--only pages,memory,lighthouse,session,js,load] [--orgs 183 --years 10] [--rounds 60] [--duration 8]
 *                 [--lighthouse-runs 3] [--lighthouse-reports DIR]   (DIR: every run's full Lighthouse report, JSON)
 * npm run bench -- --soak 30m        a long run on the province database (see bench/README.md)
 * npm run bench -- --national        2 844 county-level units × 5 years: what bounds one machine
 *
 * Measures, in one run and the same way every time:
 *  - the server time (request to last byte) of the app's pages and of the monthly save, each
 *    against a static file of the same size served by the same server, requested alternately
 *    (A B A B …) after a warm-up: median and p95 of both, and of their ratio;
 *  - requests per second at 10 and 50 concurrent clients (autocannon);
 *  - memory: the server's peak RSS and live heap under 50 concurrent clients for 30 s on the pages;
 *  - all of it on a one-district database and on a province-sized one (183 units × 10 years);
 *  - Lighthouse (mobile) on the pages, signed in; the cost of one session check; the JavaScript
 *    each page ships (gzip), against a bare Next page and a page with one chart;
 *  - load (bench/load.ts): 50 distinct accounts reading the main pages and one save a second for
 *    60 s on the province database: requests per second, page and save p99, saves done, peak RSS.
 * Pages are requested signed in as a viewer, the save as a staff member. Prints tables, writes
 * bench/results*.json and the tables into bench/README.md. Never fails on a timing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { auditPages, meetsTarget, PERFORMANCE_TARGET, worstRun, type LighthouseResult } from "./lighthouse";
import { loadLines, measureLoad, type LoadResult } from "./load";
import { monthlySave, type MonthlySave } from "./monthly-save";
import {
  formFields,
  liveHeapMb,
  peakRssMb,
  rssMb,
  SERVER_ENTRY,
  signIn,
  startNodeFlags,
  startServer,
  stopServer,
  timed,
  type BenchServer,
} from "./server";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    orgs: { type: "string" },
    years: { type: "string" },
    rounds: { type: "string" },
    duration: { type: "string" },
    soak: { type: "string" },
    national: { type: "boolean", default: false },
    "node-flags": { type: "string" },
    "lighthouse-runs": { type: "string" },
    "lighthouse-reports": { type: "string" },
    accounts: { type: "string" },
    "load-seconds": { type: "string" },
  },
});
const smoke = options.smoke ?? false;
const national = options.national ?? false;
const provinceOrgs = Number(options.orgs ?? (smoke ? 3 : national ? 2844 : 183));
const years = Number(options.years ?? (smoke ? 2 : national ? 5 : 10));
const rounds = Number(options.rounds ?? (smoke ? 6 : 60));
const duration = Number(options.duration ?? (smoke ? 1 : 8));
const memorySeconds = smoke ? 2 : 30;
const lighthouseRuns = Number(options["lighthouse-runs"] ?? (smoke ? 1 : 3));
const warmup = smoke ? 2 : 15;
const PARTS = ["pages", "memory", "lighthouse", "session", "js", "load"] as const;
type Part = (typeof PARTS)[number];
const only = new Set((options.only ?? PARTS.join(",")).split(",").filter((part): part is Part => PARTS.some((known) => known === part)));
/** Node flags for the server: as `npm start` has them, unless the run tries others (--node-flags "--max-old-space-size=128"). */
const nodeFlags = options["node-flags"] === undefined ? startNodeFlags() : options["node-flags"].split(/\s+/).filter(Boolean);

const VIEWER = { username: "bench-viewer", password: "bench-viewer-pass" };
const STAFF = { username: "bench-staff", password: "bench-staff-pass" };
const LAST_MONTH = "2025-12";
const PAGES = [
  { name: "dashboard", label: "看板 /", path: `/?month=${LAST_MONTH}`, route: "/" },
  { name: "rankings", label: "全省排名 /rankings", path: `/rankings?month=${LAST_MONTH}`, route: "/rankings" },
  { name: "review", label: "季度材料 /review", path: "/review/2025-Q4", route: "/review/[quarter]" },
  { name: "indicator", label: "指标历史 /indicators/KEY", path: "/indicators/nanny_new", route: "/indicators/[key]" },
] as const;
const PUBLIC_DIR = path.join("public", "__bench");
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3300);

type Timing = { median: number; p95: number };
type PageResult = {
  name: string;
  label: string;
  bytes: number;
  page: Timing;
  static: Timing;
  ratio: Timing;
  rps10: number;
  rps50: number;
  staticRps50: number;
};
type MemoryResult = { seconds: number; connections: number; requests: number; rps: number; peakRssMb: number; liveHeapMb: number; errors: number };
type DatabaseResult = {
  label: string;
  orgs: number;
  years: number;
  observations: number;
  databaseMb: number;
  pages: PageResult[];
  memory: MemoryResult | null;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** The newest modification time among the sources a build is made from. */
function newestSource(): number {
  let newest = 0;
  for (const dir of ["app", "lib", "db", "front-door"]) {
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      newest = Math.max(newest, fs.statSync(path.join(dir, file)).mtimeMs);
    }
  }
  return Math.max(newest, ...["package-lock.json", "next.config.ts", "server.ts"].map((file) => fs.statSync(file).mtimeMs));
}

function ensureBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  const stats = path.join(".next", "diagnostics", "route-bundle-stats.json");
  const built = [buildId, stats, SERVER_ENTRY].every((file) => fs.existsSync(file));
  if (built && Math.min(fs.statSync(buildId).mtimeMs, fs.statSync(SERVER_ENTRY).mtimeMs) >= newestSource()) return;
  console.log("构建生产版本（npm run build）…");
  execFileSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

function ensureData(orgs: number, dataYears: number): string {
  const file = path.join("bench", "data", `bench-${orgs}x${dataYears}.db`);
  if (!fs.existsSync(file)) {
    execFileSync(
      "npx",
      ["tsx", "--conditions=react-server", "bench/generate-data.ts", "--orgs", String(orgs), "--years", String(dataYears), "--out", file],
      { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8192" } },
    );
  }
  return file;
}

/** A working copy of a generated database, so that the measured saves never change the original. */
function workingCopy(database: string, tag: string): { file: string; remove: () => void } {
  const file = path.join(os.tmpdir(), `kepu-bench-${tag}-${process.pid}.db`);
  fs.copyFileSync(database, file);
  return {
    file,
    remove: () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

async function rps(url: string, cookie: string, connections: number): Promise<number> {
  const result = await autocannon({ url, connections, duration, headers: { cookie } });
  return result.requests.average;
}

/** Each page's size, read from a server on the database, so that a static file beside it can be as big. */
async function pageSizes(server: BenchServer): Promise<{ sizes: Map<string, number>; save: MonthlySave }> {
  const viewer = await signIn(server.base, VIEWER);
  const sizes = new Map<string, number>();
  for (const page of PAGES) sizes.set(page.name, (await timed(`${server.base}${page.path}`, { headers: { cookie: viewer } })).bytes);
  const staff = await signIn(server.base, STAFF);
  const entry = await (await fetch(`${server.base}/entry/${LAST_MONTH}`, { headers: { cookie: staff } })).text();
  const save = monthlySave(server.base, LAST_MONTH, formFields(entry, "nanny_new"));
  for (const target of saveTargets(save, staff)) sizes.set(target.name, (await timedTarget(target, 0)).bytes);
  return { sizes, save };
}

function writeStaticFiles(sizes: Map<string, number>) {
  fs.rmSync(PUBLIC_DIR, { recursive: true, force: true });
  fs.mkdirSync(PUBLIC_DIR, { recursive: true });
  for (const [name, bytes] of sizes) {
    const head = "<!doctype html><html><body>";
    const tail = "</body></html>";
    fs.writeFileSync(path.join(PUBLIC_DIR, `${name}.html`), head + "x".repeat(Math.max(0, bytes - head.length - tail.length)) + tail);
  }
}

type Target = {
  name: string;
  label: string;
  request: (round: number) => [string, RequestInit];
  /** Throws unless the answer did what was asked (a save that saved). */
  verify?: (body: string) => void;
};

async function timedTarget(target: Target, round: number): Promise<{ ms: number; bytes: number; status: number }> {
  const result = await timed(...target.request(round));
  if (result.status >= 400) throw new Error(`${target.label} 返回 ${result.status}`);
  target.verify?.(new TextDecoder().decode(result.body));
  return result;
}

/** A page (or the save) against the static file of its size, alternately, after a warm-up. */
async function alternate(base: string, cookie: string, target: Target, count: number): Promise<Pick<PageResult, "page" | "static" | "ratio">> {
  const staticUrl = `${base}/__bench/${target.name}.html`;
  for (let i = 0; i < warmup; i += 1) {
    await timedTarget(target, i);
    await timed(staticUrl, { headers: { cookie } });
  }
  const pageTimes: number[] = [];
  const staticTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < count; round += 1) {
    const a = await timedTarget(target, round);
    const b = await timed(staticUrl, { headers: { cookie } });
    pageTimes.push(a.ms);
    staticTimes.push(b.ms);
    ratios.push(a.ms / b.ms);
  }
  return { page: summary(pageTimes), static: summary(staticTimes), ratio: summary(ratios) };
}

/** The monthly save as the browser posts it with JavaScript (the measure), and without (the fallback, for comparison). */
function saveTargets(save: MonthlySave, staff: string): Target[] {
  return [
    { name: "save", label: "月度保存（POST，浏览器带脚本）", request: () => save.request("script", staff), verify: (body) => save.verify("script", body) },
    { name: "save-noscript", label: "月度保存（无脚本回退，整页重绘）", request: () => save.request("no-script", staff), verify: (body) => save.verify("no-script", body) },
  ];
}

function pageTargets(base: string, viewer: string, staff: string, save: MonthlySave): Target[] {
  return [
    ...PAGES.map((page) => ({ name: page.name, label: page.label, request: (): [string, RequestInit] => [`${base}${page.path}`, { headers: { cookie: viewer } }] })),
    ...saveTargets(save, staff),
  ];
}

/** Until the server has answered every request still queued when the clients stopped: the live heap is then the server's own. */
async function settle(server: BenchServer) {
  for (let i = 0; i < 60; i += 1) {
    const { ms } = await timed(`${server.base}/api/health`, {});
    if (ms < 50) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/**
 * 50 clients for 30 s on the four pages in turn, on a fresh server: requests per second, the
 * server's peak RSS and its live heap after a full collection at the end.
 */
async function measureMemory(database: string, port: number, tag: string): Promise<MemoryResult> {
  const copy = workingCopy(database, `${tag}-memory`);
  const server = await startServer(copy.file, port, { nodeFlags, inspectPort: port + 10 });
  try {
    const viewer = await signIn(server.base, VIEWER);
    for (const page of PAGES) await timed(`${server.base}${page.path}`, { headers: { cookie: viewer } });
    const connections = 50;
    const result = await autocannon({
      url: server.base,
      connections,
      duration: memorySeconds,
      headers: { cookie: viewer },
      requests: PAGES.map((page) => ({ method: "GET", path: page.path })),
    });
    const peak = peakRssMb(server);
    await settle(server);
    return {
      seconds: memorySeconds,
      connections,
      requests: result.requests.total,
      rps: result.requests.average,
      peakRssMb: peak,
      liveHeapMb: await liveHeapMb(server),
      errors: result.errors + result.non2xx,
    };
  } finally {
    await stopServer(server);
    copy.remove();
  }
}

async function measureDatabase(label: string, database: string, orgs: number, dataYears: number, port: number): Promise<DatabaseResult> {
  const databaseMb = fs.statSync(database).size / 2 ** 20;
  const pages: PageResult[] = [];
  if (only.has("pages")) {
    const copy = workingCopy(database, `${orgs}`);
    try {
      let server = await startServer(copy.file, port, { nodeFlags });
      const { sizes, save } = await pageSizes(server).finally(() => stopServer(server));
      writeStaticFiles(sizes);
      server = await startServer(copy.file, port, { nodeFlags });
      try {
        const viewer = await signIn(server.base, VIEWER);
        const staff = await signIn(server.base, STAFF);
        for (const target of pageTargets(server.base, viewer, staff, save)) {
          const timing = await alternate(server.base, viewer, target, rounds);
          const isPage = PAGES.some((page) => page.name === target.name);
          const url = isPage ? target.request(0)[0] : "";
          const staticUrl = `${server.base}/__bench/${target.name}.html`;
          pages.push({
            name: target.name,
            label: target.label,
            bytes: sizes.get(target.name) ?? 0,
            ...timing,
            rps10: isPage ? await rps(url, viewer, 10) : NaN,
            rps50: isPage ? await rps(url, viewer, 50) : NaN,
            staticRps50: isPage ? await rps(staticUrl, viewer, 50) : NaN,
          });
        }
      } finally {
        await stopServer(server);
      }
    } finally {
      copy.remove();
    }
  }
  const memory = only.has("memory") ? await measureMemory(database, port, `${orgs}`) : null;
  return { label, orgs, years: dataYears, observations: orgs * dataYears * 12 * 26, databaseMb, pages, memory };
}

async function measureLighthouse(database: string, port: number): Promise<LighthouseResult[]> {
  const copy = workingCopy(database, "lighthouse");
  const server = await startServer(copy.file, port, { nodeFlags });
  try {
    const viewer = await signIn(server.base, VIEWER);
    return await auditPages(server.base, viewer, PAGES, lighthouseRuns, options["lighthouse-reports"]);
  } finally {
    await stopServer(server);
    copy.remove();
  }
}

/** The session check alone (bench/session-cost.ts), on the province database. */
function measureSession(database: string): { medianMs: number; p95Ms: number; calls: number; parts: Record<string, number> } {
  const copy = workingCopy(database, "session");
  try {
    const out = execFileSync("npx", ["tsx", "--conditions=react-server", "bench/session-cost.ts", copy.file, smoke ? "200" : "3000"], { encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
  } finally {
    copy.remove();
  }
}

/** First-load JavaScript of a route, gzipped, from the build's own bundle statistics. */
function jsBytes(): Map<string, number> {
  const stats: { route: string; firstLoadChunkPaths: string[] }[] = JSON.parse(
    fs.readFileSync(path.join(".next", "diagnostics", "route-bundle-stats.json"), "utf8"),
  );
  return new Map(
    stats.map((entry) => [
      entry.route,
      entry.firstLoadChunkPaths.reduce((sum, chunk) => sum + zlib.gzipSync(fs.readFileSync(chunk)).byteLength, 0),
    ]),
  );
}

function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "—";
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} 核 ${cpus[0]?.model.trim() ?? ""}，${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}`;
}

function stamp(note = ""): string {
  return `测于 ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine()}${nodeFlags.length > 0 ? ` · 服务进程 node ${nodeFlags.join(" ")}` : ""}${note}`;
}

function pagesTable(results: DatabaseResult[]): string[] {
  const lines: string[] = [];
  lines.push("服务器耗时（至最后一字节，毫秒；交替请求 A B A B …，预热后各 " + rounds + " 次）与同一服务器上同样大小静态文件之比：");
  lines.push("");
  lines.push("| 数据库 | 页面 | 字节 | 中位数 ms | p95 ms | 静态中位数 ms | 比值中位数 | 比值 p95 | 10 并发 req/s | 50 并发 req/s | 静态 50 并发 req/s |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const result of results) {
    for (const page of result.pages) {
      lines.push(
        `| ${result.label} | ${page.label} | ${page.bytes} | ${fmt(page.page.median)} | ${fmt(page.page.p95)} | ${fmt(page.static.median, 2)} | ${fmt(page.ratio.median)} | ${fmt(page.ratio.p95)} | ${fmt(page.rps10, 0)} | ${fmt(page.rps50, 0)} | ${fmt(page.staticRps50, 0)} |`,
      );
    }
  }
  return lines;
}

function growthTable(results: DatabaseResult[]): string[] {
  const [first, ...rest] = results;
  if (!first || rest.length === 0 || first.pages.length === 0) return [];
  const lines = ["", `数据量增长（各库 ÷ ${first.label}，中位数耗时之比）：`, ""];
  lines.push(`| 页面 | ${results.map((result) => `${result.label} ms`).join(" | ")} | ${rest.map((result) => `${result.label} 增长倍数`).join(" | ")} |`);
  lines.push(`|---|${results.map(() => "---:").join("|")}|${rest.map(() => "---:").join("|")}|`);
  for (const page of first.pages) {
    const medians = results.map((result) => result.pages.find((p) => p.name === page.name)?.page.median ?? NaN);
    lines.push(`| ${page.label} | ${medians.map((m) => fmt(m)).join(" | ")} | ${medians.slice(1).map((m) => fmt(m / page.page.median, 2)).join(" | ")} |`);
  }
  return lines;
}

function memoryLines(results: DatabaseResult[]): string[] {
  const lines: string[] = [""];
  for (const result of results) {
    const memory = result.memory;
    const size = `${fmt(result.databaseMb, 0)} MB`;
    lines.push(
      memory
        ? `- ${result.label}（${result.orgs} 个单位 × ${result.years} 年，约 ${result.observations} 条数据，数据库 ${size}）：${memory.connections} 并发 ${memory.seconds} 秒（四个页面轮流）${memory.requests} 次请求、${fmt(memory.rps, 0)} req/s${memory.errors ? `、${memory.errors} 次出错` : ""}，峰值 RSS ${fmt(memory.peakRssMb, 0)} MB，之后存活堆 ${fmt(memory.liveHeapMb, 0)} MB`
        : `- ${result.label}（${result.orgs} 个单位 × ${result.years} 年，约 ${result.observations} 条数据，数据库 ${size}）`,
    );
  }
  return lines;
}

function lighthouseLines(audits: LighthouseResult[]): string[] {
  if (audits.length === 0) return [];
  const lines = [
    "",
    `Lighthouse 12（手机：默认移动端配置，模拟慢速 4G 与 4 倍 CPU 降速；已登录；每页 ${lighthouseRuns} 次，每次都列出，按最低一次评判：每次性能 ≥ ${PERFORMANCE_TARGET}、无障碍 100）：`,
    "",
  ];
  lines.push("| 页面 | 最低性能 | 最低无障碍 | 各次性能分 | 各次 TBT ms | 各次开始时负载 | 最低一次 FCP ms | LCP ms | TBT ms | CLS | DOM 元素 | 无障碍未通过 | 达标 |");
  lines.push("|---|---:|---:|---|---|---|---:|---:|---:|---:|---:|---|---|");
  for (const audit of audits) {
    const label = PAGES.find((page) => page.name === audit.name)?.label ?? audit.name;
    if ("error" in audit) {
      lines.push(`| ${label} | — | — | 未能测量：${audit.error} | | | | | | | | | 否 |`);
      continue;
    }
    const worst = worstRun(audit);
    const failures = [...new Set(audit.runs.flatMap((run) => run.accessibilityFailures))];
    const failedRuns = audit.errors.length > 0 ? `（另有 ${audit.errors.length} 次未能测量）` : "";
    lines.push(
      `| ${label} | ${worst.performance} | ${Math.min(...audit.runs.map((run) => run.accessibility))} | ${audit.runs.map((run) => run.performance).join(" ")}${failedRuns} | ` +
        `${audit.runs.map((run) => fmt(run.metrics.tbt, 0)).join(" ")} | ${audit.runs.map((run) => fmt(run.loadAverage)).join(" ")} | ` +
        `${fmt(worst.metrics.fcp, 0)} | ${fmt(worst.metrics.lcp, 0)} | ${fmt(worst.metrics.tbt, 0)} | ${fmt(worst.metrics.cls, 3)} | ${worst.domSize} | ${failures.join(", ") || "—"} | ${meetsTarget(audit) ? "是" : "否"} |`,
    );
  }
  return lines;
}

function jsLines(js: Map<string, number>): string[] {
  const bare = js.get("/bench/bare") ?? NaN;
  const chart = js.get("/bench/chart") ?? NaN;
  const lines = ["", `首次加载 JavaScript（gzip 字节）：空白 Next 页面 ${bare}，单个 Recharts 图表页面 ${chart}。`, ""];
  lines.push("| 页面 | gzip 字节 | ÷ 空白页 | ÷ 图表页 |");
  lines.push("|---|---:|---:|---:|");
  for (const route of ["/", "/rankings", "/review/[quarter]", "/indicators/[key]", "/entry/[month]", "/targets", "/login"]) {
    const bytes = js.get(route) ?? NaN;
    lines.push(`| ${route} | ${bytes} | ${fmt(bytes / bare, 2)} | ${fmt(bytes / chart, 2)} |`);
  }
  return lines;
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` in bench/README.md. */
function writeReadmeSection(name: string, text: string) {
  const readme = path.join("bench", "README.md");
  const current = fs.readFileSync(readme, "utf8");
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  if (!current.includes(start)) return;
  fs.writeFileSync(readme, current.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${text}\n${end}`));
}

function cleanPublic() {
  fs.rmSync(PUBLIC_DIR, { recursive: true, force: true });
  if (fs.existsSync("public") && fs.readdirSync("public").length === 0) fs.rmdirSync("public");
}

/** The load scenario (bench/load.ts) on a working copy of the province database. */
async function runLoad(database: string, port: number): Promise<LoadResult> {
  const copy = workingCopy(database, "load");
  try {
    const settings = {
      accounts: Number(options.accounts ?? (smoke ? 4 : 50)),
      seconds: Number(options["load-seconds"] ?? (smoke ? 3 : 60)),
      savesPerSecond: 1,
      month: LAST_MONTH,
      quarter: "2025-Q4",
    };
    return await measureLoad(copy.file, port, settings, nodeFlags);
  } finally {
    copy.remove();
  }
}

async function standard() {
  ensureBuild();
  const district = ensureData(1, years);
  const province = ensureData(provinceOrgs, years);
  const results: DatabaseResult[] = [];
  let audits: LighthouseResult[] = [];
  let session: ReturnType<typeof measureSession> | null = null;
  let load: LoadResult | null = null;
  try {
    if (only.has("pages") || only.has("memory")) {
      results.push(await measureDatabase("单区县", district, 1, years, BASE_PORT));
      results.push(await measureDatabase(provinceOrgs === 183 ? "省级（183 区县）" : `多单位（${provinceOrgs}）`, province, provinceOrgs, years, BASE_PORT + 1));
    }
    if (only.has("lighthouse")) {
      try {
        audits = await measureLighthouse(province, BASE_PORT + 2);
      } catch (error) {
        // the other measures still count; say what went wrong in their place
        audits = PAGES.map((page) => ({ name: page.name, path: page.path, error: String(error instanceof Error ? error.message : error).slice(0, 300) }));
      }
    }
    if (only.has("session")) session = measureSession(province);
    if (only.has("load")) load = await runLoad(province, BASE_PORT + 3);
  } finally {
    cleanPublic();
  }
  const js = only.has("js") ? jsBytes() : new Map<string, number>();
  const lines = [stamp(smoke ? " · 冒烟运行（微型数据库，数值无参考意义）" : ""), ""];
  if (results.some((result) => result.pages.length > 0)) lines.push(...pagesTable(results), ...growthTable(results));
  if (results.some((result) => result.memory)) lines.push("", "内存（全新服务进程，50 个客户端并发 30 秒请求四个页面）：", ...memoryLines(results).slice(1));
  lines.push(...lighthouseLines(audits));
  if (session) {
    lines.push(
      "",
      `会话检查（better-auth \`getSession\` 加本应用的授权读取，省级库，${session.calls} 次）：中位数 ${fmt(session.medianMs, 3)} ms，p95 ${fmt(session.p95Ms, 3)} ms；` +
        Object.entries(session.parts).map(([part, ms]) => `${part} ${fmt(ms, 3)} ms`).join("，") + "。",
    );
  }
  if (js.size > 0) lines.push(...jsLines(js));
  if (load) lines.push("", ...loadLines(load));
  const text = lines.join("\n");
  console.log(`\n${text}\n`);
  const file = path.join("bench", smoke ? "results.smoke.json" : options.only ? "results.partial.json" : "results.json");
  fs.writeFileSync(
    file,
    JSON.stringify({ measuredAt: new Date().toISOString(), smoke, nodeFlags, rounds, duration, results, lighthouse: audits, session, load, jsGzipBytes: Object.fromEntries(js) }, null, 2),
  );
  if (!smoke && !options.only) writeReadmeSection("results", text);
}

/** "30m", "90s", "1h" → seconds. */
function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--soak 的时长“${text}”无效（例如 30m、90s、1h）`);
  const factor = match[2] === "h" ? 3600 : match[2] === "m" ? 60 : 1;
  return Number(match[1]) * factor;
}

type Probe = { name: string; label: string; page: number; static: number; ratio: number };

/** The probe of the soak: each page against its static file, alternately, with the server otherwise idle. */
async function probe(server: BenchServer, viewer: string, staff: string, save: MonthlySave, count: number): Promise<Probe[]> {
  const out: Probe[] = [];
  for (const target of pageTargets(server.base, viewer, staff, save)) {
    const timing = await alternate(server.base, viewer, target, count);
    out.push({ name: target.name, label: target.label, page: timing.page.median, static: timing.static.median, ratio: timing.ratio.median });
  }
  return out;
}

/**
 * The soak: a fresh server on the province database is probed (each page against its static file),
 * then loaded with 10 clients on the four pages in turn for the whole duration (the live heap and
 * RSS sampled every few minutes), then probed again. A server that slows as it ages, or a heap that
 * grows, shows as the end against the start.
 */
async function soak(seconds: number) {
  ensureBuild();
  const province = ensureData(provinceOrgs, years);
  const copy = workingCopy(province, "soak");
  const port = BASE_PORT + 3;
  const probeRounds = smoke ? 6 : 60;
  try {
    let server = await startServer(copy.file, port, { nodeFlags });
    const { sizes, save } = await pageSizes(server).finally(() => stopServer(server));
    writeStaticFiles(sizes);
    server = await startServer(copy.file, port, { nodeFlags, inspectPort: port + 10 });
    try {
      const viewer = await signIn(server.base, VIEWER);
      const staff = await signIn(server.base, STAFF);
      const start = await probe(server, viewer, staff, save, probeRounds);
      const heapStart = await liveHeapMb(server);
      const samples: { minute: number; liveHeapMb: number; rssMb: number; requests: number }[] = [];
      let served = 0;
      const every = Math.max(60, Math.min(300, seconds / 6));
      const began = performance.now();
      while ((performance.now() - began) / 1000 < seconds) {
        const slice = Math.min(every, seconds - (performance.now() - began) / 1000);
        const result = await autocannon({
          url: server.base,
          connections: 10,
          duration: Math.max(1, Math.round(slice)),
          headers: { cookie: viewer },
          requests: PAGES.map((page) => ({ method: "GET", path: page.path })),
        });
        served += result.requests.total;
        await settle(server);
        samples.push({ minute: (performance.now() - began) / 60_000, liveHeapMb: await liveHeapMb(server), rssMb: rssMb(server), requests: served });
        console.log(`soak：${fmt(samples.at(-1)?.minute ?? 0)} 分钟，${served} 次请求，存活堆 ${fmt(samples.at(-1)?.liveHeapMb ?? NaN)} MB，RSS ${fmt(samples.at(-1)?.rssMb ?? NaN, 0)} MB`);
      }
      const end = await probe(server, viewer, staff, save, probeRounds);
      const heapEnd = await liveHeapMb(server);
      const peak = peakRssMb(server);
      const lines = [stamp(smoke ? " · 冒烟运行" : ""), ""];
      lines.push(
        `浸泡运行：省级库，${fmt(seconds / 60, 0)} 分钟 10 个客户端并发轮流请求四个页面，共 ${served} 次请求（平均 ${fmt(served / seconds, 0)} req/s）；` +
          `开始与结束时各探测一次（服务器空闲时与同样大小静态文件交替请求，各 ${probeRounds} 次）。`,
      );
      lines.push("");
      lines.push("| 页面 | 开始 中位数 ms | 结束 中位数 ms | 变化 | 开始 比值 | 结束 比值 |");
      lines.push("|---|---:|---:|---:|---:|---:|");
      for (const first of start) {
        const last = end.find((entry) => entry.name === first.name);
        if (!last) continue;
        lines.push(`| ${first.label} | ${fmt(first.page)} | ${fmt(last.page)} | ${fmt(((last.page - first.page) / first.page) * 100, 0)}% | ${fmt(first.ratio)} | ${fmt(last.ratio)} |`);
      }
      lines.push("");
      lines.push(`存活堆（完整回收后）：开始 ${fmt(heapStart)} MB，结束 ${fmt(heapEnd)} MB；峰值 RSS ${fmt(peak, 0)} MB。途中：` +
        samples.map((sample) => `${fmt(sample.minute, 0)} 分钟 ${fmt(sample.liveHeapMb)} MB / RSS ${fmt(sample.rssMb, 0)} MB`).join("；") + "。");
      const text = lines.join("\n");
      console.log(`\n${text}\n`);
      fs.writeFileSync(
        path.join("bench", smoke ? "results-soak.smoke.json" : "results-soak.json"),
        JSON.stringify({ measuredAt: new Date().toISOString(), seconds, nodeFlags, requests: served, start, end, heapStart, heapEnd, peakRssMb: peak, samples }, null, 2),
      );
      if (!smoke) writeReadmeSection("soak", text);
    } finally {
      await stopServer(server);
    }
  } finally {
    copy.remove();
    cleanPublic();
  }
}

/** `npm run db:backup -- FILE` on a database: seconds, and the backup's size. */
function timeBackup(database: string): { seconds: number; mb: number } {
  const out = path.join(os.tmpdir(), `kepu-bench-backup-out-${process.pid}.db`);
  fs.rmSync(out, { force: true });
  const began = performance.now();
  execFileSync("npm", ["run", "--silent", "db:backup", "--", out], { env: { ...process.env, DATABASE_PATH: database }, stdio: ["ignore", "ignore", "inherit"] });
  const seconds = (performance.now() - began) / 1000;
  const mb = fs.statSync(out).size / 2 ** 20;
  fs.rmSync(out, { force: true });
  return { seconds, mb };
}

/**
 * The national scale: 2 844 county-level units × 5 years, beside the province and one district:
 * page and save times (flat or not), the database's size, the time a backup takes, memory.
 */
async function nationalRun() {
  ensureBuild();
  const district = ensureData(1, years);
  const province = ensureData(183, 10);
  const nation = ensureData(provinceOrgs, years);
  const results: DatabaseResult[] = [];
  const backups: { label: string; seconds: number; mb: number }[] = [];
  try {
    results.push(await measureDatabase("单区县", district, 1, years, BASE_PORT + 4));
    results.push(await measureDatabase("省级（183 区县 × 10 年）", province, 183, 10, BASE_PORT + 5));
    results.push(await measureDatabase(`全国（${provinceOrgs} 区县 × ${years} 年）`, nation, provinceOrgs, years, BASE_PORT + 6));
  } finally {
    cleanPublic();
  }
  for (const [label, database] of [["省级", province], ["全国", nation]] as const) {
    const copy = workingCopy(database, "backup");
    try {
      backups.push({ label, ...timeBackup(copy.file) });
    } finally {
      copy.remove();
    }
  }
  const lines = [stamp(), "", ...pagesTable(results), ...growthTable(results), "", "内存（全新服务进程，50 个客户端并发 30 秒请求四个页面）与数据库：", ...memoryLines(results).slice(1), ""];
  for (const backup of backups) lines.push(`- 备份（\`npm run db:backup\`，${backup.label}库）：${fmt(backup.seconds)} 秒，备份文件 ${fmt(backup.mb, 0)} MB`);
  const text = lines.join("\n");
  console.log(`\n${text}\n`);
  fs.writeFileSync(
    path.join("bench", "results-national.json"),
    JSON.stringify({ measuredAt: new Date().toISOString(), nodeFlags, rounds, duration, results, backups }, null, 2),
  );
  writeReadmeSection("national", text);
}

async function main() {
  if (options.soak) await soak(smoke ? 10 : parseDuration(options.soak));
  else if (national) await nationalRun();
  else await standard();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
