// Lighthouse in plain Node: it sends functions to the browser as their source text, which a
// TypeScript loader (tsx adds helpers such as __name) would break. bench/lighthouse.ts runs this file:
//   node bench/lighthouse.mjs '{"base":…,"cookie":…,"pages":[{"name","path"}],"runs":3,"reportDir":…}'
// and reads one JSON array from stdout: per page, every run (none is dropped), with the machine's
// load average when it began. With reportDir, each run's full report is written there as JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const { base, cookie, pages, runs, reportDir } = JSON.parse(process.argv[2] ?? "{}");

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const score = (lhr, category) => Math.round((lhr.categories[category]?.score ?? NaN) * 100);
const numeric = (audits, id) => audits[id]?.numericValue ?? null;
const short = (url) => url.replace(base, "");

/** One audit; a trace Chromium failed to record (NO_NAVSTART, now and then) is taken again. */
async function audit(pagePath) {
  for (let attempt = 1; ; attempt += 1) {
    const result = await lighthouse(`${base}${pagePath}`, {
      port: chrome.port,
      logLevel: "error",
      output: "json",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: { Cookie: cookie },
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse 未返回 ${pagePath} 的结果`);
    if (!lhr.runtimeError) return lhr;
    if (attempt === 3) throw new Error(`Lighthouse：${pagePath}：${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
}

/** What one run measured: scores, metrics, and where the main thread's time went. */
function runSummary(lhr, loadAverage) {
  const audits = lhr.audits;
  const failed = (category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .map((ref) => audits[ref.id])
      .filter((audit) => audit && audit.scoreDisplayMode === "binary" && audit.score !== null && audit.score < 1)
      .map((audit) => audit.id);
  const items = (id) => audits[id]?.details?.items ?? [];
  return {
    performance: score(lhr, "performance"),
    accessibility: score(lhr, "accessibility"),
    loadAverage,
    metrics: {
      fcp: numeric(audits, "first-contentful-paint"),
      lcp: numeric(audits, "largest-contentful-paint"),
      tbt: numeric(audits, "total-blocking-time"),
      cls: numeric(audits, "cumulative-layout-shift"),
      si: numeric(audits, "speed-index"),
    },
    domSize: numeric(audits, "dom-size"),
    accessibilityFailures: failed("accessibility"),
    mainThread: items("mainthread-work-breakdown").map((item) => [item.group, Math.round(item.duration)]),
    bootup: items("bootup-time").slice(0, 5).map((item) => [short(item.url), Math.round(item.total), Math.round(item.scripting)]),
    longTasks: items("long-tasks").slice(0, 5).map((item) => [short(item.url), Math.round(item.startTime), Math.round(item.duration)]),
    unusedJs: items("unused-javascript").slice(0, 5).map((item) => [short(item.url), item.totalBytes, item.wastedBytes]),
  };
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-lighthouse-"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
  userDataDir: profile,
  logLevel: "silent",
});
if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
const results = [];
try {
  for (const page of pages) {
    const done = [];
    const errors = [];
    for (let run = 0; run < runs; run += 1) {
      const loadAverage = os.loadavg()[0];
      try {
        const lhr = await audit(page.path);
        if (!lhr.finalDisplayedUrl.endsWith(page.path)) throw new Error(`${page.path} 被转到 ${lhr.finalDisplayedUrl}（未登录？）`);
        if (reportDir) fs.writeFileSync(path.join(reportDir, `${page.name}-${run + 1}.json`), JSON.stringify(lhr));
        done.push(runSummary(lhr, loadAverage));
      } catch (error) {
        errors.push(String(error instanceof Error ? error.message : error));
      }
    }
    results.push(done.length === 0 ? { name: page.name, path: page.path, error: errors.join("；") } : { name: page.name, path: page.path, runs: done, errors });
  }
} finally {
  chrome.kill();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results));
