/**
 * The one place that opens SQLite. Pages and actions call `getDb()`; scripts and tests call
 * `openDatabase(path)` for a file (or ":memory:") of their own. Opening applies pending migrations,
 * so a new file is ready to use and an old one is brought up to date.
 *
 * Two promises are kept here for every connection: a file that is not this app's database is never
 * opened (nor migrated), and nothing is written once the file at the path — or its -wal or -shm —
 * is no longer the one that was opened (deleted, or replaced by a restore): SQLite would otherwise
 * keep writing into the unlinked file, and every save after that would vanish with the process.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { recordDefaults } from "./defaults";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "./data/app.db";
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** SQLite's application_id header field for this app ("KPKB", 科普看板): how a backup or a path is recognised as ours. */
export const APPLICATION_ID = 0x4b504b42;
/** The app_settings row saying when (and that) this database was created empty. */
export const CREATED_EMPTY_KEY = "database_created_at";
/** Tables every database of this app has had since its first migration. */
export const CORE_TABLES = ["__drizzle_migrations", "organizations", "indicators", "observations", "revisions", "app_settings"] as const;

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/*
 * Next.js bundles this module into more than one chunk (instrumentation, routes), each with its own
 * copy of these classes: errors are therefore recognised by name, not by instanceof, and what is
 * known about an open connection is kept on globalThis.
 */

/** The database cannot be opened or used at all; the message is one line, in Chinese and English. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

/** The file at the database path is no longer the file this connection writes to. */
export class DatabaseFileError extends Error {
  override name = "DatabaseFileError";
}

export function isDatabaseOpenError(error: unknown): boolean {
  return error instanceof Error && error.name === "DatabaseOpenError";
}

export function isDatabaseFileError(error: unknown): boolean {
  return error instanceof Error && error.name === "DatabaseFileError";
}

/**
 * Whether `error` (or what it wraps: drizzle and better-auth wrap SQLite's errors) says the
 * database cannot be written now, while it can still be read: its file is gone or replaced, the
 * disk is full, the file is read-only, it is busy, or the disk fails to write.
 */
export function isWriteRefusal(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth += 1) {
    if (isDatabaseFileError(cause)) return true;
    const code = sqliteCode(cause);
    if (code === "SQLITE_FULL" || ["SQLITE_READONLY", "SQLITE_BUSY", "SQLITE_IOERR"].some((kind) => code.startsWith(kind))) return true;
  }
  return false;
}

export type OpenOptions = {
  /** Create the file when it does not exist (scripts and tests). The running server never does: see getDb. */
  create?: boolean;
};

export function openDatabase(file: string = databasePath(), options: OpenOptions = {}): Db {
  const create = options.create ?? true;
  const memory = file === ":memory:";
  if (!memory && !fs.existsSync(/*turbopackIgnore: true*/ file) && !create) {
    throw new DatabaseOpenError(
      `数据库文件不存在：${file}。如数据库丢失，请用 npm run db:restore -- 备份文件 恢复；全新安装请先运行 npm run db:migrate。` +
        ` (Database file not found: ${file})`,
    );
  }
  const sqlite = openSqlite(file);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const origin = claimAsOurs(sqlite, file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("temp_store = MEMORY");
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    recordDefaults(db, currentTime());
    if (origin === "new") recordCreatedEmpty(sqlite);
    if (origin === "adopted" && countRows(sqlite, "users") === 0 && !hasSetting(sqlite, "first_admin_created_at")) {
      // a database from before files were marked, never set up: it was created empty too
      recordCreatedEmpty(sqlite);
    }
    if (!memory) guardWrites(sqlite, file);
    return db;
  } catch (error) {
    sqlite.close();
    if (isDatabaseOpenError(error)) throw error;
    throw new DatabaseOpenError(openFailure(file, error));
  }
}

function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (error) {
      throw new DatabaseOpenError(`无法创建数据库目录 ${path.dirname(file)}：${reasonOf(error)} (Cannot create the database folder)`);
    }
  }
  try {
    return new Database(file);
  } catch (error) {
    throw new DatabaseOpenError(openFailure(file, error));
  }
}

/** Whether the file (or, before it exists, its folder) cannot be written: permissions, or a read-only file system. */
function unwritable(file: string): boolean {
  try {
    fs.accessSync(fs.existsSync(file) ? file : path.dirname(path.resolve(file)), fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function openFailure(file: string, error: unknown): string {
  const code = sqliteCode(error);
  // on a read-only file system SQLite may only say it cannot open the file (its WAL cannot be made)
  if (code.startsWith("SQLITE_READONLY") || (file !== ":memory:" && unwritable(file))) {
    return `无法打开数据库 ${file}：文件或所在目录只读，请检查权限与磁盘（需要可写）。 (Cannot open database ${file}: it is read-only)`;
  }
  if (code === "SQLITE_FULL") return `无法打开数据库 ${file}：磁盘已满。 (Cannot open database ${file}: the disk is full)`;
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
    return `无法打开数据库 ${file}：文件已损坏或不是 SQLite 数据库，请从备份恢复。 (Cannot open database ${file}: not a database or corrupt)`;
  }
  return `无法打开数据库 ${file}：${reasonOf(error)}。请检查 DATABASE_PATH、权限与磁盘空间。 (Cannot open database ${file})`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sqliteCode(error: unknown): string {
  return error instanceof Database.SqliteError ? error.code : "";
}

/**
 * "new" for an empty file (marked as ours now), "ours" for a file already marked, "adopted" for an
 * unmarked file that has this app's tables (made before files were marked); anything else is some
 * other program's database, and is left exactly as it is.
 */
function claimAsOurs(sqlite: Database.Database, file: string): "new" | "ours" | "adopted" {
  const applicationId = Number(sqlite.pragma("application_id", { simple: true }));
  if (applicationId === APPLICATION_ID) return "ours";
  const tables = tableNames(sqlite);
  const foreign = () =>
    new DatabaseOpenError(`${file} 不是本应用的数据库（缺少本应用的标记或数据表），未做任何修改。请检查 DATABASE_PATH。 (Not this app's database: ${file})`);
  if (applicationId !== 0) throw foreign();
  if (tables.size === 0) {
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    return "new";
  }
  if (!CORE_TABLES.every((table) => tables.has(table))) throw foreign();
  sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  return "adopted";
}

export function tableNames(sqlite: Database.Database): Set<string> {
  const rows = sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return new Set(rows.map((row) => row.name));
}

function countRows(sqlite: Database.Database, table: string): number {
  return sqlite.prepare<[], { count: number }>(`SELECT count(*) AS count FROM "${table}"`).get()?.count ?? 0;
}

function hasSetting(sqlite: Database.Database, key: string): boolean {
  return sqlite.prepare<[string], { key: string }>("SELECT key FROM app_settings WHERE key = ?").get(key) !== undefined;
}

function recordCreatedEmpty(sqlite: Database.Database): void {
  sqlite.prepare("INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)").run(CREATED_EMPTY_KEY, new Date().toISOString());
}

// ── the file's identity ──────────────────────────────────────────────────────────────────────────

type FileIdentity = { dev: number; ino: number };

/**
 * The files a connection writes through: the database file, and beside it the write-ahead log
 * (-wal, where every save lands first) and its shared-memory index (-shm, through which other
 * processes see those saves). SQLite keeps all three open and never reopens them by name: a -wal
 * deleted under it keeps taking saves that vanish with the process.
 */
type OpenedFiles = {
  file: string;
  identity: FileIdentity;
  /** Each side file as first seen; null until it exists (SQLite creates them on first use). */
  sides: Record<SideFile, FileIdentity | null>;
  /** Whether what the -wal held has been copied into the database file since the -wal went missing. */
  rescued: boolean;
};

const SIDE_FILES = ["-wal", "-shm"] as const;
type SideFile = (typeof SIDE_FILES)[number];
const SIDE_NAMES: Record<SideFile, string> = { "-wal": "预写日志", "-shm": "共享内存文件" };

declare global {
  // the files each open connection was opened from, shared by every copy of this module
  var kepuDatabaseFiles: WeakMap<Database.Database, OpenedFiles> | undefined;
}
const identities = (globalThis.kepuDatabaseFiles ??= new WeakMap());

function identityOf(file: string): FileIdentity | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : null;
}

const sameFile = (a: FileIdentity, b: FileIdentity) => a.dev === b.dev && a.ino === b.ino;

/**
 * Throws DatabaseFileError when the path no longer leads to the file this connection opened, or
 * its -wal or -shm is no longer the one the connection uses. Three stat() calls (a few
 * microseconds): cheap enough to run before every writing statement.
 */
export function assertDatabaseFile(db: Db | Database.Database): void {
  const sqlite = "$client" in db ? db.$client : db;
  const opened = identities.get(sqlite);
  if (!opened) return;
  const now = identityOf(opened.file);
  if (!now) {
    throw new DatabaseFileError(`数据库文件 ${opened.file} 已被删除或移走，服务已停止写入。请管理员从备份恢复后重启服务。`);
  }
  if (!sameFile(now, opened.identity)) {
    throw new DatabaseFileError(`数据库文件 ${opened.file} 已被替换（例如从备份恢复），服务已停止写入。请重启服务后再操作。`);
  }
  for (const side of SIDE_FILES) {
    const known = opened.sides[side];
    const current = identityOf(opened.file + side);
    if (known === null) {
      opened.sides[side] = current;
      continue;
    }
    if (current && sameFile(current, known)) continue;
    const rescued = rescueLog(sqlite, opened);
    throw new DatabaseFileError(
      `数据库的${SIDE_NAMES[side]} ${opened.file}${side} 已被${current ? "替换" : "删除"}，服务已停止写入` +
        `${rescued ? "（此前确认的保存已写入数据库文件）" : "，请管理员立即在“备份”页下载当前数据库备份"}。请重启服务后再操作。`,
    );
  }
}

/**
 * Copies what the connection's -wal holds into the database file (still the right one: checked
 * first), so that the saves confirmed before the -wal went missing outlive the process. Once is
 * enough; it cannot run inside a write transaction, and is tried again at the next check.
 */
function rescueLog(sqlite: Database.Database, opened: OpenedFiles): boolean {
  if (opened.rescued) return true;
  try {
    // pragma() does not go through the guarded prepare
    const [result] = z.array(checkpointResult).parse(sqlite.pragma("wal_checkpoint(FULL)"));
    opened.rescued = result !== undefined && result.busy === 0 && result.log === result.checkpointed;
  } catch {
    opened.rescued = false;
  }
  return opened.rescued;
}

const checkpointResult = z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() });

/**
 * Checks the files before every statement that writes. Query modules prepare their statements once
 * and reuse them, so the check sits on running a statement, not on preparing it.
 */
function guardWrites(sqlite: Database.Database, file: string): void {
  const identity = identityOf(file);
  if (!identity) throw new DatabaseOpenError(`数据库文件 ${file} 打开后即不可见。 (Database file vanished while opening)`);
  const sides = { "-wal": identityOf(`${file}-wal`), "-shm": identityOf(`${file}-shm`) };
  identities.set(sqlite, { file, identity, sides, rescued: false });
  const check = () => assertDatabaseFile(sqlite);
  const prepare = sqlite.prepare.bind(sqlite);
  // prepare's type parameters only describe the caller's rows; at run time every statement is the same
  Object.defineProperty(sqlite, "prepare", {
    value: (source: string) => {
      const statement = prepare(source);
      if (!statement.readonly) checkBeforeRunning(statement, check);
      return statement;
    },
  });
}

function checkBeforeRunning(statement: Database.Statement<unknown[], unknown>, check: () => void): void {
  const run = statement.run.bind(statement);
  const get = statement.get.bind(statement);
  const all = statement.all.bind(statement);
  statement.run = (...params) => (check(), run(...params));
  statement.get = (...params) => (check(), get(...params));
  statement.all = (...params) => (check(), all(...params));
}

declare global {
  // Kept on globalThis so that hot reload in development reuses the open handle.
  var kepuDatabase: { file: string; db: Db } | undefined;
}

/**
 * The app's database, opened on first use (never at import time, so `next build` opens nothing).
 * The server never creates the file: a missing database is reported, not replaced by an empty one
 * (which would reopen first-run setup to whoever came first).
 */
export function getDb(): Db {
  const file = databasePath();
  if (globalThis.kepuDatabase?.file !== file) {
    const db = openDatabase(file, { create: false });
    watchFiles(db.$client);
    globalThis.kepuDatabase = { file, db };
  }
  return globalThis.kepuDatabase.db;
}

/** How often the server looks at its files between writes. */
export const WATCH_INTERVAL_MS = 1000;

/**
 * The check every write makes, also made every second: a -wal deleted while nobody saves is found
 * (and what it held rescued into the database file) before a crash or kill -9 could lose it, and
 * the fault is logged once.
 */
function watchFiles(sqlite: Database.Database): void {
  let reported = "";
  const timer = setInterval(() => {
    if (!sqlite.open) {
      clearInterval(timer);
      return;
    }
    if (sqlite.inTransaction) return;
    try {
      assertDatabaseFile(sqlite);
      reported = "";
    } catch (error) {
      const message = reasonOf(error);
      if (message !== reported) console.error(`[数据库] ${message}`);
      reported = message;
    }
  }, WATCH_INTERVAL_MS);
  timer.unref();
}

/**
 * For a clean stop: the -wal checkpointed into the database file and the connection closed, so
 * that what the server confirmed is in the file itself, whatever happens to the -wal afterwards.
 */
export function closeDatabase(): void {
  const open = globalThis.kepuDatabase;
  globalThis.kepuDatabase = undefined;
  const sqlite = open?.db.$client;
  if (!sqlite?.open) return;
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
}

/** A transaction handle: query modules accept either this or the database itself. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Queryable = Db | Tx;
