import "server-only";
import fs from "node:fs";
import path from "node:path";
import { assertDatabaseFile, type Db } from "./client";
import { describeFault } from "./faults";

/** Less free space than this and the next save may fail: a monitor should hear about it first. */
export const MIN_FREE_BYTES = 1024 * 1024;

export type Health = { ok: true } | { ok: false; problem: string };

/**
 * Whether a write could succeed now: the file at the path, its -wal and its -shm are still the ones
 * open (a -wal deleted under the server would swallow every save after it), it is writable, a
 * write transaction can begin (BEGIN IMMEDIATE, rolled back), and there is room for it to grow,
 * both on the disk and under SQLite's page limit.
 */
export function checkWritable(db: Db, file: string): Health {
  const sqlite = db.$client;
  try {
    assertDatabaseFile(db);
    fs.accessSync(file, fs.constants.W_OK);
    if (sqlite.inTransaction) return { ok: true };
    sqlite.prepare("BEGIN IMMEDIATE").run();
    sqlite.prepare("ROLLBACK").run();
  } catch (error) {
    return { ok: false, problem: `${describeFault(error)}（${error instanceof Error ? error.message : String(error)}）` };
  }
  const free = fs.statfsSync(path.dirname(path.resolve(file)));
  if (free.bavail * free.bsize < MIN_FREE_BYTES) {
    return { ok: false, problem: `磁盘剩余空间不足：${free.bavail * free.bsize} 字节（${path.dirname(file)}）` };
  }
  const pages = Number(sqlite.pragma("page_count", { simple: true }));
  const maxPages = Number(sqlite.pragma("max_page_count", { simple: true }));
  const freePages = Number(sqlite.pragma("freelist_count", { simple: true }));
  if (pages >= maxPages && freePages === 0) return { ok: false, problem: `数据库已达到页数上限（${maxPages} 页）` };
  return { ok: true };
}
