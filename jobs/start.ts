import "server-only";
import { backupKeep } from "@/db/backup";
import { getDb, isDatabaseOpenError } from "@/db/client";
import { parseTodayOverride, TODAY_OVERRIDE } from "@/lib/clock";
import { startDailyBackups } from "./daily-backup";

declare global {
  // one set of jobs per server process, however often development reloads this module
  var kepuJobs: { stop: () => void } | undefined;
}

/**
 * Called once as the server starts (instrumentation.ts): open the database, so that a missing,
 * read-only or foreign file stops the server with one clear line instead of failing page by page,
 * then start the background jobs. Each job must be idempotent and safe to run again after a restart.
 */
export function startServer(): void {
  try {
    getDb();
  } catch (error) {
    if (!(error instanceof Error) || !isDatabaseOpenError(error)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (globalThis.kepuJobs) return;
  warnOfTodayOverride();
  if (backupKeep() === 0) console.warn("[backup] 每日自动备份已关闭（BACKUP_KEEP=0）/ daily backups are off");
  const dailyBackup = backupKeep() > 0 ? startDailyBackups() : null;
  globalThis.kepuJobs = { stop: () => dailyBackup?.stop() };
}

/** A moved date is for tests only: say so loudly, and stop on a value that is not a day. */
function warnOfTodayOverride(): void {
  try {
    const today = parseTodayOverride(process.env[TODAY_OVERRIDE]);
    if (today) {
      console.warn(`[测试] ${TODAY_OVERRIDE}：系统把今天当作 ${today.year}年${today.month}月${today.day}日（仅用于测试，正式环境切勿设置）/ test-only date override`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
