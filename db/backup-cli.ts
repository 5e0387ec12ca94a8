/**
 * npm run db:backup -- [FILE]
 * A consistent copy of DATABASE_PATH, safe while the app runs, checked with integrity_check before it
 * is kept. Without FILE it goes into BACKUP_DIR (default ./data/backups) as kepu-manual-<time>.db.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { backupFileName } from "@/lib/backups";
import { backupDir, describeBackup, writeBackup } from "./backup";
import { APPLICATION_ID, DatabaseOpenError, databasePath, tableNames } from "./client";
import { runScript } from "./cli";

runScript(() => {
  const source = databasePath();
  const dest = process.argv[2] ?? path.join(backupDir(), backupFileName("manual", new Date()));
  let sqlite: Database.Database;
  try {
    // a plain connection: a backup reads the database as it is and never migrates it
    sqlite = new Database(source, { fileMustExist: true });
  } catch (error) {
    throw new DatabaseOpenError(`无法打开数据库 ${source}：${error instanceof Error ? error.message : String(error)} (Cannot open database)`);
  }
  try {
    sqlite.pragma("busy_timeout = 5000");
    const ours = Number(sqlite.pragma("application_id", { simple: true })) === APPLICATION_ID || tableNames(sqlite).has("observations");
    if (!ours) throw new DatabaseOpenError(`${source} 不是本应用的数据库，未备份。 (Not this app's database)`);
    console.log(`备份完成：${describeBackup(writeBackup(sqlite, dest))}`);
  } finally {
    sqlite.close();
  }
});
