import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { backupFileName } from "@/lib/backups";
import { can } from "@/lib/roles";
import { describeBackup, writeBackup } from "@/db/backup";
import { getDb } from "@/db/client";
import { describeFault } from "@/db/faults";
import { getCurrentUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/**
 * A fresh, checked backup of the database as a download, for administrators. It is taken from the
 * server's open connection, so it still works when the file on disk was deleted: the way to rescue it.
 */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new Response("请先登录。", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!can(user.role, "database:backup")) {
    return new Response("仅管理员可以下载数据库备份。", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const name = backupFileName("manual", new Date());
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-download-"));
  const file = path.join(folder, name);
  let fd: number;
  try {
    const report = writeBackup(getDb().$client, file);
    console.log(`[backup] ${user.username} 下载了数据库备份：${describeBackup(report)}`);
    // open, then remove: the open descriptor keeps the bytes until the download has been sent
    fd = fs.openSync(file, "r");
  } catch (error) {
    console.error("[backup] 下载备份失败 / backup download failed:", error);
    return new Response(`备份失败：${describeFault(error)}。`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const size = fs.fstatSync(fd).size;
  return new Response(streamOf(fd), {
    headers: {
      "Content-Type": "application/vnd.sqlite3",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Content-Length": String(size),
      "Cache-Control": "no-store",
    },
  });
}

/** The bytes behind an open descriptor, read as the client takes them; the descriptor is closed at the end. */
function streamOf(fd: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = fs.readSync(fd, chunk);
      if (read > 0) return controller.enqueue(chunk.subarray(0, read));
      fs.closeSync(fd);
      controller.close();
    },
    cancel() {
      fs.closeSync(fd);
    },
  });
}
