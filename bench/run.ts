/**
 * npm run bench [-- --smoke] [--orgs 183 --years 10] [--rounds 60] [--duration 8]
 *
 * Measures, in one run and the same way every time:
 *  - the server time (request to last byte) of the app's pages and of the monthly save, each
 *    against a static file of the same size served by the same server, requested alternately
 *    (A B A B …) after a warm-up: median and p95 of both, and of their ratio;
 *  - requests per second at 10 and 50 concurrent clients (autocannon), and the server's peak RSS;
 *  - all of it on a one-district database and on a province-sized one (183 units × 10 years);
 *  - the JavaScript each page ships (gzip), against a bare Next page and a page with one chart.
 * Pages are requested signed in as a viewer, the save as a staff member. Prints one table, writes
 * bench/results.json and the table into bench/README.md. Never fails on a timing.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    orgs: { type: "string" },
    years: { type: "string" },
    rounds: { type: "string" },
    duration: { type: "string" },
  },
});
const smoke = options.smoke ?? false;
const provinceOrgs = Number(options.orgs ?? (smoke ? 3 : 183));
const years = Number(options.years ?? (smoke ? 2 : 10));
const rounds = Number(options.rounds ?? (smoke ? 6 : 60));
const duration = Number(options.duration ?? (smoke ? 1 : 8));
const warmup = smoke ? 2 : 15;

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
type DatabaseResult = { label: string; orgs: number; years: number; observations: number; pages: PageResult[]; peakRssMb: number };

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
  for (const dir of ["app", "lib", "db"]) {
    for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      newest = Math.max(newest, fs.statSync(path.join(dir, file)).mtimeMs);
    }
  }
  return Math.max(newest, fs.statSync("package-lock.json").mtimeMs, fs.statSync("next.config.ts").mtimeMs);
}

function ensureBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  const stats = path.join(".next", "diagnostics", "route-bundle-stats.json");
  if (fs.existsSync(buildId) && fs.existsSync(stats) && fs.statSync(buildId).mtimeMs >= newestSource()) return;
  console.log("构建生产版本（next build）…");
  execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

function ensureData(orgs: number): string {
  const file = path.join("bench", "data", `bench-${orgs}x${years}.db`);
  if (!fs.existsSync(file)) {
    execFileSync("npx", ["tsx", "--conditions=react-server", "bench/generate-data.ts", "--orgs", String(orgs), "--years", String(years), "--out", file], {
      stdio: "inherit",
    });
  }
  return file;
}

async function startServer(database: string, port: number): Promise<ChildProcess> {
  // the production server as `npm start` runs it; no daily backup at start: it would copy the
  // province-sized file while requests are measured
  const server = spawn("npx", ["tsx", "server.ts"], {
    env: { ...process.env, DATABASE_PATH: database, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BACKUP_KEEP: "0" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`http://localhost:${port}/api/health`)).ok) return server;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("服务未能启动");
}

async function stopServer(server: ChildProcess) {
  if (server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The PID of the process listening on `port` (npx and tsx run the server in a child process). */
function listeningPid(port: number): number | null {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

function peakRssMb(pid: number | null): number {
  if (!pid) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Hidden fields of a page's first form that holds `field`, as the browser would post them. */
function formFields(html: string, field: string): Map<string, string> {
  const forms = html.split("<form").slice(1).map((chunk) => chunk.split("</form>")[0] ?? "");
  const form = forms.find((chunk) => chunk.includes(`name="${field}"`)) ?? "";
  const fields = new Map<string, string>();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    if (name) fields.set(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x27;", "'"));
  }
  return fields;
}

async function signIn(base: string, account: { username: string; password: string }): Promise<string> {
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

/** Time to the last byte of one request, in milliseconds, and the body's size. */
async function timed(url: string, init: RequestInit): Promise<{ ms: number; bytes: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url, init);
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - start, bytes: body.byteLength, status: response.status };
}

/** The monthly save: staff posting the form (as a browser without JavaScript would), each time changing one figure. */
function saveRequest(base: string, cookie: string, fields: Map<string, string>, round: number): [string, RequestInit] {
  const form = new FormData();
  for (const [name, value] of fields) form.set(name, value);
  form.set("month", LAST_MONTH);
  form.set("nanny_new", String(30 + (round % 2)));
  return [`${base}/entry/${LAST_MONTH}`, { method: "POST", body: form, headers: { cookie, Origin: base } }];
}

async function rps(url: string, cookie: string, connections: number): Promise<number> {
  const result = await autocannon({ url, connections, duration, headers: { cookie } });
  return result.requests.average;
}

async function measureDatabase(label: string, database: string, orgs: number, port: number): Promise<DatabaseResult> {
  const base = `http://localhost:${port}`;
  const working = path.join(os.tmpdir(), `kepu-bench-${orgs}-${process.pid}.db`);
  fs.copyFileSync(database, working);

  // first run: how big is each page, so that the static file beside it can be as big
  let server = await startServer(working, port);
  let viewer = await signIn(base, VIEWER);
  const sizes = new Map<string, number>();
  for (const page of PAGES) sizes.set(page.name, (await timed(`${base}${page.path}`, { headers: { cookie: viewer } })).bytes);
  let staff = await signIn(base, STAFF);
  const entry = await (await fetch(`${base}/entry/${LAST_MONTH}`, { headers: { cookie: staff } })).text();
  const fields = formFields(entry, "nanny_new");
  sizes.set("save", (await timed(...saveRequest(base, staff, fields, 0))).bytes);
  await stopServer(server);
  fs.rmSync(PUBLIC_DIR, { recursive: true, force: true });
  fs.mkdirSync(PUBLIC_DIR, { recursive: true });
  for (const [name, bytes] of sizes) {
    const head = "<!doctype html><html><body>";
    const tail = "</body></html>";
    fs.writeFileSync(path.join(PUBLIC_DIR, `${name}.html`), head + "x".repeat(Math.max(0, bytes - head.length - tail.length)) + tail);
  }

  server = await startServer(working, port);
  viewer = await signIn(base, VIEWER);
  staff = await signIn(base, STAFF);
  const targets = [
    ...PAGES.map((page) => ({ name: page.name, label: page.label, request: (): [string, RequestInit] => [`${base}${page.path}`, { headers: { cookie: viewer } }] })),
    { name: "save", label: "月度保存（POST）", request: (round: number) => saveRequest(base, staff, fields, round) },
  ];

  const pages: PageResult[] = [];
  for (const target of targets) {
    const staticUrl = `${base}/__bench/${target.name}.html`;
    for (let i = 0; i < warmup; i += 1) {
      await timed(...target.request(i));
      await timed(staticUrl, { headers: { cookie: viewer } });
    }
    const pageTimes: number[] = [];
    const staticTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const a = await timed(...target.request(round));
      if (a.status >= 400) throw new Error(`${target.label} 返回 ${a.status}`);
      const b = await timed(staticUrl, { headers: { cookie: viewer } });
      pageTimes.push(a.ms);
      staticTimes.push(b.ms);
      ratios.push(a.ms / b.ms);
    }
    const isPage = target.name !== "save";
    const url = isPage ? target.request(0)[0] : "";
    pages.push({
      name: target.name,
      label: target.label,
      bytes: sizes.get(target.name) ?? 0,
      page: summary(pageTimes),
      static: summary(staticTimes),
      ratio: summary(ratios),
      rps10: isPage ? await rps(url, viewer, 10) : NaN,
      rps50: isPage ? await rps(url, viewer, 50) : NaN,
      staticRps50: isPage ? await rps(staticUrl, viewer, 50) : NaN,
    });
  }
  const peak = peakRssMb(listeningPid(port));
  await stopServer(server);
  fs.rmSync(working, { force: true });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${working}${suffix}`, { force: true });
  return { label, orgs, years, observations: orgs * years * 12 * 26, pages, peakRssMb: peak };
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

function table(results: DatabaseResult[], js: Map<string, number>): string {
  const lines: string[] = [];
  const machine = `${os.cpus().length} 核 ${os.cpus()[0]?.model.trim() ?? ""}，${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}`;
  lines.push(`测于 ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machine}${smoke ? " · 冒烟运行（微型数据库，数值无参考意义）" : ""}`);
  lines.push("");
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
  lines.push("");
  lines.push("数据量增长（省级库 ÷ 单区县库，中位数耗时之比）与 50 并发下服务进程峰值内存：");
  lines.push("");
  lines.push("| 页面 | 单区县 ms | 省级 ms | 增长倍数 |");
  lines.push("|---|---:|---:|---:|");
  const [district, province] = results;
  for (const page of district?.pages ?? []) {
    const other = province?.pages.find((p) => p.name === page.name);
    lines.push(`| ${page.label} | ${fmt(page.page.median)} | ${fmt(other?.page.median ?? NaN)} | ${fmt((other?.page.median ?? NaN) / page.page.median, 2)} |`);
  }
  lines.push("");
  for (const result of results) {
    lines.push(`- ${result.label}（${result.orgs} 个单位 × ${result.years} 年，约 ${result.observations} 条数据）：峰值 RSS ${fmt(result.peakRssMb, 0)} MB`);
  }
  lines.push("");
  const bare = js.get("/bench/bare") ?? NaN;
  const chart = js.get("/bench/chart") ?? NaN;
  lines.push(`首次加载 JavaScript（gzip 字节）：空白 Next 页面 ${bare}，单个 Recharts 图表页面 ${chart}。`);
  lines.push("");
  lines.push("| 页面 | gzip 字节 | ÷ 空白页 | ÷ 图表页 |");
  lines.push("|---|---:|---:|---:|");
  for (const route of ["/", "/rankings", "/review/[quarter]", "/indicators/[key]", "/entry/[month]", "/targets", "/login"]) {
    const bytes = js.get(route) ?? NaN;
    lines.push(`| ${route} | ${bytes} | ${fmt(bytes / bare, 2)} | ${fmt(bytes / chart, 2)} |`);
  }
  return lines.join("\n");
}

async function main() {
  ensureBuild();
  const district = ensureData(1);
  const province = ensureData(provinceOrgs);
  const results: DatabaseResult[] = [];
  try {
    const firstPort = Number(process.env.BENCH_PORT ?? 3300);
    results.push(await measureDatabase("单区县", district, 1, firstPort));
    results.push(await measureDatabase(provinceOrgs === 183 ? "省级（183 区县）" : `多单位（${provinceOrgs}）`, province, provinceOrgs, firstPort + 1));
  } finally {
    fs.rmSync(PUBLIC_DIR, { recursive: true, force: true });
    if (fs.existsSync("public") && fs.readdirSync("public").length === 0) fs.rmdirSync("public");
  }
  const js = jsBytes();
  const text = table(results, js);
  console.log(`\n${text}\n`);
  fs.writeFileSync(
    path.join("bench", smoke ? "results.smoke.json" : "results.json"),
    JSON.stringify({ measuredAt: new Date().toISOString(), smoke, rounds, duration, results, jsGzipBytes: Object.fromEntries(js) }, null, 2),
  );
  if (!smoke) {
    const readme = path.join("bench", "README.md");
    const current = fs.readFileSync(readme, "utf8");
    const start = "<!-- results -->";
    const end = "<!-- /results -->";
    const next = current.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${text}\n${end}`);
    fs.writeFileSync(readme, next);
  }
}

void main();
