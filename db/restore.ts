import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { backupFileName } from "@/lib/backups";
import { backupDir, BackupError, inspectDatabaseFile, syncFolder, writeBackup, type DatabaseFileReport } from "./backup";
import { openDatabase } from "./client";

export type RestoreOptions = {
  /** The backup to restore. */
  from: string;
  /** The live database path (DATABASE_PATH). */
  to: string;
  /** Replace the file even though another program (the running server) has it open. */
  force?: boolean;
  /** Where the database being replaced is kept first (default BACKUP_DIR). */
  keepFolder?: string;
  now?: Date;
};

export type RestoreReport = {
  restored: DatabaseFileReport;
  /** The copy of the database that was replaced, if there was one. */
  previous: string | null;
  /** True when the live file was replaced while another program had it open (--force). */
  replacedInUse: boolean;
};

export const IN_USE_MESSAGE =
  "正被其他程序打开（多半是正在运行的服务）。请先停止服务——在运行 npm start 的终端按 Ctrl+C，" +
  "或 systemctl stop 你的服务名，或 kill 服务进程——再运行本命令。确需在服务运行时替换，可加 --force：" +
  "服务会在下一次写入时发现文件已被替换并拒绝保存，此后必须立即重启服务。";

/**
 * Put a backup in place of the live database. The backup is checked first (integrity, this app's
 * marker and tables, known migrations), copied beside the live file and brought up to this
 * version's migrations; the database it replaces is kept in the backup folder; then one rename
 * swaps the files, so the live path never holds a half-copied database.
 */
export function restoreDatabase(options: RestoreOptions): RestoreReport {
  const { from, to } = options;
  if (path.resolve(from) === path.resolve(to)) throw new BackupError("备份文件就是当前数据库本身，无需恢复。");
  inspectDatabaseFile(from);

  const staged = `${to}.restore-${process.pid}-${Date.now()}`;
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  fs.copyFileSync(from, staged);
  try {
    // brings an older backup up to this version's migrations (a newer one was refused above), and
    // leaves it a single file: no -wal or -shm to carry along when it is renamed into place
    const db = openDatabase(staged, { create: false });
    db.$client.pragma("journal_mode = DELETE");
    db.$client.close();
    const restored = inspectDatabaseFile(staged);

    const live = claimLiveFile(to, options.force ?? false);
    let previous: string | null = null;
    try {
      previous = keepPrevious(live, to, options.keepFolder ?? backupDir(), options.now ?? new Date());
    } finally {
      live.sqlite?.close();
    }
    // a -wal or -shm file left beside the path belongs to the database being replaced: were it to
    // stay, SQLite would replay the old file's log into the restored one. Beside a deleted database
    // they may still be in use by the server that had it open.
    const sideFiles = [`${to}-wal`, `${to}-shm`].filter((file) => fs.existsSync(file));
    if (sideFiles.length > 0 && !live.sqlite && !options.force) {
      const holders = processesHolding([to, ...sideFiles]);
      if (holders === null || holders.length > 0) {
        const who = holders && holders.length > 0 ? `（进程 ${holders.join("、")} 仍打开着它们）` : "";
        throw new BackupError(`${to} 已不存在，但旁边还有 ${sideFiles.map((file) => path.basename(file)).join("、")}${who}：服务可能仍在运行，数据库${IN_USE_MESSAGE}`);
      }
    }
    const stamp = Date.now();
    for (const file of sideFiles) fs.renameSync(file, `${file}.replaced-${stamp}`);
    fs.renameSync(staged, to);
    syncFolder(path.dirname(path.resolve(to)));
    return { restored: { ...restored, file: to }, previous, replacedInUse: live.inUse };
  } catch (error) {
    fs.rmSync(staged, { force: true });
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${staged}${suffix}`, { force: true });
    throw error;
  }
}

type LiveFile = { sqlite: Database.Database | null; inUse: boolean };

/**
 * Open the live database and find out whether anyone else has it open: leaving WAL mode needs the
 * only connection, so SQLite refuses (SQLITE_BUSY) while the server runs. Refused unless forced.
 */
function claimLiveFile(to: string, force: boolean): LiveFile {
  if (!fs.existsSync(to)) return { sqlite: null, inUse: false };
  let sqlite: Database.Database;
  try {
    sqlite = new Database(to, { fileMustExist: true });
  } catch {
    // unreadable (e.g. corrupt): nothing to keep and nobody can be using it as a database
    return { sqlite: null, inUse: false };
  }
  sqlite.pragma("busy_timeout = 0");
  try {
    sqlite.pragma("journal_mode = DELETE");
    return { sqlite, inUse: false };
  } catch (error) {
    if (!(error instanceof Database.SqliteError) || !error.code.startsWith("SQLITE_BUSY")) return { sqlite, inUse: false };
    if (!force) {
      sqlite.close();
      const holders = processesHolding([to, `${to}-wal`, `${to}-shm`]);
      const who = holders && holders.length > 0 ? `（打开着它的进程：${holders.join("、")}）` : "";
      throw new BackupError(`数据库 ${to} ${IN_USE_MESSAGE}${who}`);
    }
    try {
      // fold the running server's log into the file being replaced, so no stale log is left behind
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    } catch {
      // a busy checkpoint leaves the log as it is; it is moved aside with the old file below
    }
    return { sqlite, inUse: true };
  }
}

/** Keep the database being replaced in the backup folder: a good copy when it can be read, else its bytes. */
function keepPrevious(live: LiveFile, to: string, folder: string, now: Date): string | null {
  if (!fs.existsSync(to)) return null;
  const dest = path.join(folder, backupFileName("pre-restore", now));
  if (live.sqlite) {
    try {
      return writeBackup(live.sqlite, dest).file;
    } catch {
      // not a usable database (that may be why it is being restored): keep its bytes as they are
    }
  }
  fs.mkdirSync(folder, { recursive: true });
  const raw = `${dest}.unreadable`;
  fs.copyFileSync(to, raw);
  return raw;
}

/**
 * Other processes that have any of `files` open, read from Linux's /proc (a deleted file shows as
 * "path (deleted)"); null where that cannot be known. Processes of other users are not visible.
 */
function processesHolding(files: string[]): number[] | null {
  if (!fs.existsSync("/proc/self/fd")) return null;
  const wanted = new Set(files.map((file) => path.resolve(file)));
  const holders: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let descriptors: string[];
    try {
      descriptors = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    const holds = descriptors.some((fd) => {
      try {
        return wanted.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`).replace(/ \(deleted\)$/, ""));
      } catch {
        return false;
      }
    });
    if (holds) holders.push(Number(entry));
  }
  return holders;
}
