/**
 * The one place that opens SQLite. Pages and actions call `getDb()`; scripts and tests call
 * `openDatabase(path)` for a file (or ":memory:") of their own. Opening applies pending migrations,
 * so a new file is ready to use and an old one is brought up to date.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "./data/app.db";
const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

export function openDatabase(file: string = databasePath()): Db {
  const sqlite = openSqlite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("temp_store = MEMORY");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (error) {
      throw new Error(`无法创建数据库目录：${path.dirname(file)}（${String(error)}）`);
    }
  }
  try {
    return new Database(file);
  } catch (error) {
    throw new Error(`无法打开数据库文件 ${file}：${String(error)}。请检查 DATABASE_PATH 与目录权限。`);
  }
}

declare global {
  // Kept on globalThis so that hot reload in development reuses the open handle.
  var kepuDatabase: { file: string; db: Db } | undefined;
}

/** The app's database, opened on first use (never at import time, so `next build` opens nothing). */
export function getDb(): Db {
  const file = databasePath();
  if (globalThis.kepuDatabase?.file !== file) {
    globalThis.kepuDatabase = { file, db: openDatabase(file) };
  }
  return globalThis.kepuDatabase.db;
}

/** A transaction handle: query modules accept either this or the database itself. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Queryable = Db | Tx;
