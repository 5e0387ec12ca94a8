import "server-only";
import { backupKeep } from "@/db/backup";
import { getDb, isDatabaseOpenError } from "@/db/client";
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
  if (backupKeep() === 0) console.warn("[backup] 每日自动备份已关闭（BACKUP_KEEP=0）/ daily backups are off");
  const dailyBackup = backupKeep() > 0 ? startDailyBackups() : null;
  globalThis.kepuJobs = { stop: () => dailyBackup?.stop() };
}
