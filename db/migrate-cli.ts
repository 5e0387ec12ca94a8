/** npm run db:migrate — apply pending migrations to DATABASE_PATH (default ./data/app.db). */
import { databasePath, openDatabase } from "./client";

const file = databasePath();
openDatabase(file).$client.close();
console.log(`数据库已迁移到最新结构：${file}`);
