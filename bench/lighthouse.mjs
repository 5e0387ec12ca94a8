// Lighthouse in plain Node: it sends functions to the browser as their source text, which a
// TypeScript loader (tsx adds helpers such as __name) would break. bench/lighthouse.ts runs this file:
//   node bench/lighthouse.mjs '{"base":…,"cookie":…,"pages":[{"name","path"}],"runs":3}'
// and reads one JSON array from stdout: per page, the median run (by performance score).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const { base, cookie, pages, runs } = JSON.parse(process.argv[2] ?? "{}");

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

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-lighthouse-"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: CHROME_FLAGS,
  userDataDir: profile,
  logLevel: "silent",
});
const results = [];
try {
  for (const page of pages) {
    const reports = [];
    const errors = [];
    for (let run = 0; run < runs; run += 1) {
      try {
        const lhr = await audit(page.path);
        if (!lhr.finalDisplayedUrl.endsWith(page.path)) throw new Error(`${page.path} 被转到 ${lhr.finalDisplayedUrl}（未登录？）`);
        reports.push(lhr);
      } catch (error) {
        errors.push(String(error instanceof Error ? error.message : error));
      }
    }
    if (reports.length === 0) {
      results.push({ name: page.name, path: page.path, error: errors.join("；") });
      continue;
    }
    const sorted = [...reports].sort((a, b) => score(a, "performance") - score(b, "performance"));
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const audits = median.audits;
    const failed = (category) =>
      (median.categories[category]?.auditRefs ?? [])
        .map((ref) => audits[ref.id])
        .filter((audit) => audit && audit.scoreDisplayMode === "binary" && audit.score !== null && audit.score < 1)
        .map((audit) => audit.id);
    const mainThread = (audits["mainthread-work-breakdown"]?.details?.items ?? []).map((item) => [item.group, Math.round(item.duration)]);
    const bootup = (audits["bootup-time"]?.details?.items ?? []).slice(0, 5).map((item) => [item.url.replace(base, ""), Math.round(item.total), Math.round(item.scripting)]);
    results.push({
      name: page.name,
      path: page.path,
      performance: score(median, "performance"),
      accessibility: score(median, "accessibility"),
      runs: reports.map((lhr) => score(lhr, "performance")),
      errors,
      metrics: {
        fcp: numeric(audits, "first-contentful-paint"),
        lcp: numeric(audits, "largest-contentful-paint"),
        tbt: numeric(audits, "total-blocking-time"),
        cls: numeric(audits, "cumulative-layout-shift"),
        si: numeric(audits, "speed-index"),
      },
      domSize: numeric(audits, "dom-size"),
      accessibilityFailures: failed("accessibility"),
      mainThread,
      bootup,
    });
  }
} finally {
  chrome.kill();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results));
