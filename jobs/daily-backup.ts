import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Cron } from "croner";
import { BACKUP_TIME_ZONE, dailyBackupsToPrune, isDailyBackupDue } from "@/lib/backups";
import { backupDir, backupIntoFolder, backupKeep, describeBackup, listBackups } from "@/db/backup";
import { getDb } from "@/db/client";

/** Every day at 03:00 Beijing time, when nobody is entering figures. */
export const DAILY_BACKUP_PATTERN = "0 3 * * *";

/** Take today's backup into BACKUP_DIR, then delete the daily backups beyond the newest BACKUP_KEEP. */
export function runDailyBackup(now = new Date()): void {
  const folder = backupDir();
  try {
    const report = backupIntoFolder(getDb().$client, "daily", folder, now);
    const pruned = dailyBackupsToPrune(fs.readdirSync(folder), backupKeep());
    for (const name of pruned) fs.rmSync(path.join(folder, name), { force: true });
    console.log(`[backup] 每日备份完成：${describeBackup(report)}${pruned.length > 0 ? `；已删除较早的每日备份 ${pruned.length} 份` : ""}`);
  } catch (error) {
    console.error("[backup] 每日备份失败 / daily backup failed:", error);
  }
}

/**
 * Schedule the daily backup. Safe after a restart: if the server was down at the last scheduled
 * time (or there is no daily backup yet), one is taken right away; otherwise the next waits for 03:00.
 */
export function startDailyBackups(): Cron {
  const job = new Cron(DAILY_BACKUP_PATTERN, { name: "daily-backup", timezone: BACKUP_TIME_ZONE, protect: true }, () => runDailyBackup());
  const lastScheduled = job.previousRuns(1, new Date())[0] ?? null;
  const lastDaily = listBackups(backupDir()).find((backup) => backup.kind === "daily")?.takenAt ?? null;
  if (isDailyBackupDue(lastDaily, lastScheduled)) setTimeout(() => runDailyBackup(), 0);
  return job;
}
