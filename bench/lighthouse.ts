/**
 * Lighthouse (mobile: its default config, a mid-range phone on slow 4G with simulated throttling) on
 * the app's pages, signed in, in Debian's Chromium. Each page is audited `runs` times and every run
 * is kept: a page is judged on its worst run, since a phone that gets the slow run is as real as
 * one that gets the fast one. The audit itself runs in plain Node (bench/lighthouse.mjs).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** The performance score every run of every page must reach (issue #29 item 6). */
export const PERFORMANCE_TARGET = 95;

export type LighthouseResult = LighthouseAudit | { name: string; path: string; error: string };

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  /** The machine's one-minute load average when the run began (simulated throttling still runs on this CPU). */
  loadAverage: number;
  /** Milliseconds (CLS unitless). */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; si: number };
  domSize: number;
  /** Accessibility audits the run failed. */
  accessibilityFailures: string[];
  /** Main-thread time by kind of work, ms. */
  mainThread: [string, number][];
  /** The scripts that cost most: url, total ms, scripting ms. */
  bootup: [string, number, number][];
  /** The longest main-thread tasks: url, start ms, duration ms. */
  longTasks: [string, number, number][];
  /** Scripts with most unused code: url, bytes sent, bytes unused. */
  unusedJs: [string, number, number][];
};

export type LighthouseAudit = {
  name: string;
  path: string;
  /** Runs that failed (they count against the page: it was not shown to reach the target). */
  errors: string[];
  /** Every run, in order. */
  runs: LighthouseRun[];
};

/** The run with the lowest performance score (the first of equals). */
export function worstRun(audit: LighthouseAudit): LighthouseRun {
  return audit.runs.reduce((worst, run) => (run.performance < worst.performance ? run : worst));
}

/** Whether every run of the page reached the target, with accessibility 100, and none failed. */
export function meetsTarget(audit: LighthouseResult): boolean {
  if ("error" in audit) return false;
  return audit.errors.length === 0 && audit.runs.every((run) => run.performance >= PERFORMANCE_TARGET && run.accessibility === 100);
}

export async function auditPages(
  base: string,
  cookie: string,
  pages: readonly { name: string; path: string }[],
  runs: number,
  reportDir?: string,
): Promise<LighthouseResult[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["bench/lighthouse.mjs", JSON.stringify({ base, cookie, pages, runs, reportDir })], {
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout);
}
