/**
 * npm run db:restore -- FILE [--force]
 * Replace DATABASE_PATH with a backup, after checking the backup (integrity, that it is this app's
 * database, migrations). Refuses while the server has the database open unless --force is given.
 */
import { formatBytes } from "@/lib/backups";
import { BackupError } from "./backup";
import { databasePath } from "./client";
import { runScript } from "./cli";
import { restoreDatabase } from "./restore";

runScript(() => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const from = args.find((arg) => !arg.startsWith("--"));
  if (!from) throw new BackupError("用法：npm run db:restore -- 备份文件 [--force]（恢复到 DATABASE_PATH，默认 ./data/app.db）");
  const to = databasePath();
  const { restored, previous, replacedInUse } = restoreDatabase({ from, to, force });
  console.log(
    `已从 ${from} 恢复到 ${to}（${formatBytes(restored.bytes)}；完整性检查 ok；数据 ${restored.observations} 条、修订 ${restored.revisions} 条、账号 ${restored.users} 个）。`,
  );
  if (previous) console.log(`被替换的数据库已另存为 ${previous}`);
  if (replacedInUse) console.log("服务仍在运行，已拒绝一切写入：请立即重启服务（例如 Ctrl+C 后重新 npm start），重启后即使用恢复的数据库。");
  else console.log("现在可以启动服务（npm start）。");
});
