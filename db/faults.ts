import "server-only";
import Database from "better-sqlite3";
import { isDatabaseFileError, isDatabaseOpenError } from "./client";

/**
 * What went wrong with the database, in words for the person whose save failed. Errors arrive
 * wrapped (drizzle's DrizzleQueryError, better-auth's own) with the SQLite error as their cause.
 */
export function describeFault(error: unknown): string {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth += 1) {
    if (isDatabaseFileError(cause) || isDatabaseOpenError(cause)) return cause.message;
    if (cause instanceof Database.SqliteError) return describeSqliteCode(cause.code);
  }
  return "服务器内部错误，详情已记入服务器日志，请联系管理员";
}

function describeSqliteCode(code: string): string {
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "数据库正忙（另一项操作正在写入），请稍后重试";
  if (code === "SQLITE_FULL") return "服务器磁盘空间已满，请联系管理员清理磁盘";
  if (code.startsWith("SQLITE_READONLY")) return "数据库文件只读，无法写入，请联系管理员检查文件权限与磁盘";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "数据库文件已损坏，请联系管理员从备份恢复";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) return "读写数据库文件出错，请联系管理员检查磁盘";
  return "数据库出错，详情已记入服务器日志，请联系管理员";
}
