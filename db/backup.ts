import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { backupFileName, formatBytes, parseBackupFileName, parseBackupKeep, type BackupKind } from "@/lib/backups";
import { APPLICATION_ID, CORE_TABLES, databasePath, MIGRATIONS_FOLDER, tableNames } from "./client";

/**
 * Backups of the database: consistent copies taken while the app runs (VACUUM INTO reads one
 * snapshot, the write-ahead log included, and does not stop anyone from saving), each checked before
 * it is kept. A plain `cp` of the live file is not a backup: it misses what is still in the -wal file.
 */

/** BACKUP_DIR, or the folder `backups` beside the database (./data/backups for the default ./data/app.db). */
export function backupDir(): string {
  return process.env.BACKUP_DIR || path.join(path.dirname(databasePath()), "backups");
}

export function backupKeep(): number {
  return parseBackupKeep(process.env.BACKUP_KEEP);
}

/** A backup (or restore) that cannot be made or used; the message is one line, for the person at the terminal. */
export class BackupError extends Error {}

export type DatabaseFileReport = {
  file: string;
  bytes: number;
  observations: number;
  revisions: number;
  users: number;
  /** Migrations the file has applied, and how many of this version's it still lacks. */
  migrations: number;
  pendingMigrations: number;
};

/**
 * Everything that must hold before a file is kept as a backup or restored: SQLite opens it, it passes
 * `PRAGMA integrity_check`, it is this app's database (marker and tables), and its migrations are
 * ones this version of the app knows. Throws BackupError saying which did not.
 */
export function inspectDatabaseFile(file: string): DatabaseFileReport {
  if (!fs.existsSync(file)) throw new BackupError(`文件不存在：${file}`);
  // reading a file in WAL mode makes SQLite create -wal and -shm files beside it; remove those it made
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !fs.existsSync(/*turbopackIgnore: true*/ side));
  try {
    return inspectOpen(file);
  } finally {
    for (const side of sideFiles) fs.rmSync(side, { force: true });
  }
}

function inspectOpen(file: string): DatabaseFileReport {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`无法打开 ${file}：${reasonOf(error)}`);
  }
  try {
    let integrity: string[];
    try {
      const rows: unknown = sqlite.pragma("integrity_check");
      integrity = Array.isArray(rows) ? rows.flatMap(integrityLine) : [String(rows)];
    } catch (error) {
      throw new BackupError(`${file} 不是完好的 SQLite 数据库（${reasonOf(error)}），不能使用。`);
    }
    if (integrity.length !== 1 || integrity[0] !== "ok") {
      throw new BackupError(`${file} 未通过完整性检查（integrity_check：${integrity.slice(0, 3).join("；")}），不能使用。`);
    }
    const tables = tableNames(sqlite);
    const applicationId = Number(sqlite.pragma("application_id", { simple: true }));
    const missing = CORE_TABLES.filter((table) => !tables.has(table));
    if ((applicationId !== APPLICATION_ID && applicationId !== 0) || missing.length > 0) {
      throw new BackupError(`${file} 不是本应用（科普 KPI 看板）的数据库${missing.length > 0 ? `：缺少数据表 ${missing.join("、")}` : "：应用标记不符"}。`);
    }
    const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((migration) => migration.folderMillis);
    const applied = sqlite.prepare<[], { createdAt: number }>("SELECT created_at AS createdAt FROM __drizzle_migrations").all();
    const unknown = applied.filter((row) => !known.includes(Number(row.createdAt)));
    if (unknown.length > 0) {
      throw new BackupError(`${file} 含有本版本程序不认识的 ${unknown.length} 个数据库迁移（可能来自更新的版本），请用相应版本的程序恢复。`);
    }
    const count = (table: string) => sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? 0;
    return {
      file,
      bytes: fs.statSync(file).size,
      observations: count("observations"),
      revisions: count("revisions"),
      users: tables.has("users") ? count("users") : 0,
      migrations: applied.length,
      pendingMigrations: known.length - applied.length,
    };
  } finally {
    sqlite.close();
  }
}

function integrityLine(row: unknown): string[] {
  if (typeof row !== "object" || row === null) return [String(row)];
  return Object.values(row).map(String);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Copy the database open in `sqlite` to `dest` (which must not exist yet): VACUUM INTO a temporary
 * name beside it, check the copy, then rename it into place, so `dest` is either a good backup or absent.
 * This works even when the database file has been deleted under the running server: the open
 * connection still reads it, and a backup is then the way to rescue what it holds.
 */
export function writeBackup(sqlite: Database.Database, dest: string): DatabaseFileReport {
  if (fs.existsSync(dest)) throw new BackupError(`目标文件已存在：${dest}（不会覆盖已有文件）`);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  const temporary = `${dest}.tmp-${process.pid}-${Date.now()}`;
  try {
    // exec, not a prepared statement: the write guard would refuse a database whose file is gone,
    // and this statement only reads it
    sqlite.exec(`VACUUM INTO '${temporary.replaceAll("'", "''")}'`);
    const report = inspectDatabaseFile(temporary);
    fs.renameSync(temporary, dest);
    syncFolder(path.dirname(dest));
    return { ...report, file: dest };
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`备份失败：${reasonOf(error)}`);
  }
}

/** Make a rename durable: the folder's entry is written to disk, not only the file's bytes. */
export function syncFolder(folder: string): void {
  const fd = fs.openSync(folder, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A new backup of `sqlite` into the backup folder, named by its kind and time. */
export function backupIntoFolder(sqlite: Database.Database, kind: BackupKind, folder = backupDir(), now = new Date()): DatabaseFileReport {
  return writeBackup(sqlite, path.join(folder, backupFileName(kind, now)));
}

export type BackupFile = { name: string; file: string; kind: BackupKind; bytes: number; takenAt: Date };

/** This app's backups in the folder, newest first. */
export function listBackups(folder = backupDir()): BackupFile[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ folder)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ folder)
    .flatMap((name) => {
      const parsed = parseBackupFileName(name);
      if (!parsed) return [];
      const file = path.join(folder, name);
      const stat = fs.statSync(file);
      return [{ name, file, kind: parsed.kind, bytes: stat.size, takenAt: stat.mtime }];
    })
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** One line for the terminal or the log about a backup that was written. */
export function describeBackup(report: DatabaseFileReport): string {
  return `${report.file}（${formatBytes(report.bytes)}；完整性检查 ok；数据 ${report.observations} 条、修订 ${report.revisions} 条、账号 ${report.users} 个）`;
}
