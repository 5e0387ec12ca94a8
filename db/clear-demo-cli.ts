/** npm run db:clear-demo — remove every demo figure (示例数据), keeping the real baseline and real entries. */
import { databasePath, openDatabase } from "./client";
import { runScript } from "./cli";
import { clearDemoData } from "./seed";

runScript(() => {
  const file = databasePath();
  const db = openDatabase(file, { create: false });
  const removed = clearDemoData(db);
  db.$client.close();
  console.log(`已从 ${file} 清除示例数据 ${removed.figures} 条、示例目标 ${removed.targets} 条`);
});
