/**
 * Lighthouse (mobile: its default config, a mid-range phone on slow 4G with simulated throttling) on
 * the app's pages, signed in, in Debian's Chromium. Each page is audited `runs` times and the median
 * run (by performance score) is kept, as Lighthouse advises on a noisy machine. The audit itself runs
 * in plain Node (bench/lighthouse.mjs).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type LighthouseResult = LighthouseAudit | { name: string; path: string; error: string };

export type LighthouseAudit = {
  name: string;
  path: string;
  /** Runs that failed (the median is of the others). */
  errors: string[];
  performance: number;
  accessibility: number;
  /** Every run's performance score, for the spread. */
  runs: number[];
  /** The median run's metrics in milliseconds (CLS unitless). */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; si: number };
  domSize: number;
  /** Accessibility audits the median run failed. */
  accessibilityFailures: string[];
  /** Main-thread time by kind of work, and the scripts that cost most (url, total, scripting), ms. */
  mainThread: [string, number][];
  bootup: [string, number, number][];
};

export async function auditPages(
  base: string,
  cookie: string,
  pages: readonly { name: string; path: string }[],
  runs: number,
): Promise<LighthouseResult[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["bench/lighthouse.mjs", JSON.stringify({ base, cookie, pages, runs })], {
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout);
}
