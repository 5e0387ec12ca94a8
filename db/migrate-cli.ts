/** npm run db:migrate — apply pending migrations to DATABASE_PATH (default ./data/app.db), creating it when absent. */
import { databasePath } from "./client";
import { openOrCreate, runScript } from "./cli";

runScript(() => {
  const file = databasePath();
  openOrCreate(file).$client.close();
  console.log(`数据库已迁移到最新结构：${file}`);
});
