/**
 * The load scenario (`npm run bench -- --only load`): many distinct signed-in accounts reading the
 * main pages while one save a second goes through the real save path, on a fresh server.
 *
 * - accounts (bench/load-accounts.ts): district viewers and staff, town-scoped staff and viewers,
 *   each signed in once with its own session;
 * - readers: every account is one client asking for its pages in turn, each answer read to the
 *   last byte before the next request (a closed loop, as a person's browser); a town account skips
 *   the province's rankings (it is refused them);
 * - saves: one planned a second, as the browser posts the monthly form with JavaScript (the entry
 *   form's server action), by the district staff accounts in turn; a save starts at its planned
 *   second or when the one before has answered, whichever is later (each sends the value the
 *   previous one stored as what the form showed), and must answer "已保存";
 * - reported: requests per second, p50/p95/p99 of page and save times, saves done of planned
 *   (answered within the run), errors (any answer ≥ 400 or a failed request), the server's peak RSS
 *   and its page cache's hits.
 */
import { execFileSync } from "node:child_process";
import { monthlySave } from "./monthly-save";
import { formFields, peakRssMb, signIn, startServer, stopServer, timed, type BenchServer } from "./server";
import type { LoadAccount } from "./load-accounts";

export type LoadSettings = { accounts: number; seconds: number; savesPerSecond: number; month: string; quarter: string };
export type Percentiles = { p50: number; p95: number; p99: number; count: number };
export type LoadResult = {
  accounts: number;
  roles: Record<string, number>;
  seconds: number;
  requests: number;
  rps: number;
  pages: Percentiles;
  byPage: Record<string, Percentiles>;
  saves: Percentiles & { planned: number; done: number };
  errors: number;
  errorSamples: string[];
  cacheHits: number;
  peakRssMb: number;
};

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), count: sorted.length };
}

function pagesOf(account: LoadAccount, settings: LoadSettings): { name: string; path: string }[] {
  return [
    { name: "dashboard", path: `/?month=${settings.month}` },
    ...(account.unitId === null ? [{ name: "rankings", path: `/rankings?month=${settings.month}` }] : []),
    { name: "targets", path: "/targets" },
    { name: "indicator", path: "/indicators/nanny_new" },
    { name: "review", path: `/review/${settings.quarter}` },
  ];
}

function makeAccounts(database: string, count: number): LoadAccount[] {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "bench/load-accounts.ts", database, String(count)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "[]");
}

/** Runs the scenario on `database` (a working copy: accounts are added and figures saved). */
export async function measureLoad(database: string, port: number, settings: LoadSettings, nodeFlags: readonly string[]): Promise<LoadResult> {
  const accounts = makeAccounts(database, settings.accounts);
  const server: BenchServer = await startServer(database, port, { nodeFlags });
  try {
    const cookies = new Map<string, string>();
    for (const account of accounts) cookies.set(account.username, await signIn(server.base, account));
    const savers = accounts.filter((account) => account.role === "staff" && account.unitId === null);
    const firstSaver = savers[0];
    if (!firstSaver) throw new Error("压测账号中没有区县工作人员，无法保存");
    const entry = await (await fetch(`${server.base}/entry/${settings.month}`, { headers: { cookie: cookies.get(firstSaver.username) ?? "" } })).text();
    const save = monthlySave(server.base, settings.month, formFields(entry, "nanny_new"));

    const pageTimes: number[] = [];
    const byPage = new Map<string, number[]>();
    const saveTimes: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    let cacheHits = 0;
    const began = performance.now();
    const endsAt = began + settings.seconds * 1000;
    const failed = (what: string) => {
      errors += 1;
      if (errorSamples.length < 5) errorSamples.push(what);
    };

    const reader = async (account: LoadAccount, offset: number) => {
      const cookie = cookies.get(account.username) ?? "";
      const pages = pagesOf(account, settings);
      for (let turn = offset; performance.now() < endsAt; turn += 1) {
        const page = pages[turn % pages.length];
        if (!page) break;
        try {
          const started = performance.now();
          const response = await fetch(`${server.base}${page.path}`, { headers: { cookie } });
          await response.arrayBuffer();
          const ms = performance.now() - started;
          if (response.status >= 400) failed(`${account.username} ${page.path} ${response.status}`);
          if (response.headers.get("x-page-cache") === "hit") cacheHits += 1;
          pageTimes.push(ms);
          byPage.set(page.name, [...(byPage.get(page.name) ?? []), ms]);
        } catch (error) {
          failed(`${account.username} ${page.path} ${String(error)}`);
        }
      }
    };

    const planned = Math.floor(settings.seconds * settings.savesPerSecond);
    let done = 0;
    const saver = async () => {
      for (let index = 0; index < planned; index += 1) {
        const due = began + (index * 1000) / settings.savesPerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (performance.now() >= endsAt) break;
        const account = savers[index % savers.length] ?? firstSaver;
        try {
          const result = await timed(...save.request("script", cookies.get(account.username) ?? ""));
          if (result.status >= 400) {
            failed(`保存 ${result.status}`);
            continue;
          }
          save.verify("script", new TextDecoder().decode(result.body));
          saveTimes.push(result.ms);
          // done: answered "已保存" within the run
          if (performance.now() <= endsAt) done += 1;
        } catch (error) {
          failed(`保存 ${String(error)}`);
        }
      }
    };

    await Promise.all([saver(), ...accounts.map((account, index) => reader(account, index))]);
    const elapsed = (performance.now() - began) / 1000;
    const roles: Record<string, number> = {};
    for (const account of accounts) {
      const kind = `${account.role}${account.unitId === null ? "" : "（镇街）"}`;
      roles[kind] = (roles[kind] ?? 0) + 1;
    }
    return {
      accounts: accounts.length,
      roles,
      seconds: elapsed,
      requests: pageTimes.length + saveTimes.length,
      rps: (pageTimes.length + saveTimes.length) / elapsed,
      pages: percentiles(pageTimes),
      byPage: Object.fromEntries([...byPage].map(([name, times]) => [name, percentiles(times)])),
      saves: { ...percentiles(saveTimes), planned, done },
      errors,
      errorSamples,
      cacheHits,
      peakRssMb: peakRssMb(server),
    };
  } finally {
    await stopServer(server);
  }
}

function fmt(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "—";
}

/** The result in a few Chinese lines, with the targets of issue 29 item 6 beside it. */
export function loadLines(result: LoadResult): string[] {
  const roles = Object.entries(result.roles).map(([kind, count]) => `${kind} ${count}`).join("、");
  const ok = (pass: boolean) => (pass ? "达到" : "未达到");
  return [
    `负载：${result.accounts} 个不同账号（${roles}）各自登录，轮流读取看板、全省排名（镇街账号除外）、目标、指标历史与季度材料，` +
      `同时每秒一次月度保存（服务端动作），${fmt(result.seconds)} 秒：`,
    "",
    "| 项目 | 结果 | 目标 |",
    "|---|---|---|",
    `| 吞吐 | ${fmt(result.rps)} req/s（共 ${result.requests} 次，缓存命中 ${result.cacheHits} 次） | — |`,
    `| 页面耗时 p50 / p95 / p99 | ${fmt(result.pages.p50)} / ${fmt(result.pages.p95)} / ${fmt(result.pages.p99)} ms | p99 ≤ 1000 ms（${ok(result.pages.p99 <= 1000)}） |`,
    `| 保存耗时 p50 / p95 / p99 | ${fmt(result.saves.p50)} / ${fmt(result.saves.p95)} / ${fmt(result.saves.p99)} ms | p99 ≤ 500 ms（${ok(result.saves.p99 <= 500)}） |`,
    `| 完成的保存 / 计划 | ${result.saves.done} / ${result.saves.planned} | 全部（${ok(result.saves.done === result.saves.planned)}） |`,
    `| 出错 | ${result.errors}${result.errorSamples.length ? `（如 ${result.errorSamples.join("；")}）` : ""} | 0（${ok(result.errors === 0)}） |`,
    `| 服务进程峰值 RSS | ${fmt(result.peakRssMb)} MB | ≤ 300 MB（${ok(result.peakRssMb <= 300)}） |`,
    "",
    "各页面 p50 / p99（ms）：" + Object.entries(result.byPage).map(([name, p]) => `${name} ${fmt(p.p50)} / ${fmt(p.p99)}（${p.count} 次）`).join("；"),
  ];
}
