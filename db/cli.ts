/**
 * What the npm run db:* scripts share: known failures (a database that cannot be opened, a backup
 * that cannot be made or used) end the script with their one-line message, never a stack trace.
 */
import fs from "node:fs";
import path from "node:path";
import { formatDateTime } from "@/lib/format";
import { BackupError, backupDir, listBackups } from "./backup";
import { isDatabaseOpenError, openDatabase, type Db } from "./client";

export function runScript(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      if (error instanceof Error && (isDatabaseOpenError(error) || error instanceof BackupError)) {
        console.error(error.message);
      } else {
        console.error(error);
      }
      process.exit(1);
    });
}

/**
 * Open DATABASE_PATH for a script that may create it (db:migrate, db:seed: the first start). A new
 * database is announced loudly: if it was not meant to be new, the old one went missing, and the
 * operator should restore it before anyone opens /setup on the empty one.
 */
export function openOrCreate(file: string): Db {
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  const db = openDatabase(file, { create: true });
  if (!existed) announceNewDatabase(file);
  return db;
}

function announceNewDatabase(file: string): void {
  const latest = listBackups()[0];
  const rule = "=".repeat(78);
  console.warn(
    [
      rule,
      `已新建空数据库 / Created a NEW, EMPTY database: ${path.resolve(file)}`,
      "首次安装：启动后打开 /setup 创建第一个管理员。",
      latest
        ? `注意：备份目录 ${backupDir()} 中已有备份（最近一份 ${latest.name}，${formatDateTime(latest.takenAt)}）。` +
          `如果原数据库是意外丢失的，请勿使用这个空库：先停止服务，再运行 npm run db:restore -- ${latest.file}`
        : "如果原有数据库意外丢失，请勿使用这个空库：先停止服务，再用 npm run db:restore -- 备份文件 恢复。",
      rule,
    ].join("\n"),
  );
}
