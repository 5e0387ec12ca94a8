/**
 * npm run db:seed — migrate, then load the catalog, the 2023 baseline and the seeded targets.
 * Demo months (示例数据) are added once in the life of a database; pass --no-demo to leave them out.
 */
import { databasePath } from "./client";
import { openOrCreate, runScript } from "./cli";
import { seedDatabase } from "./seed";

runScript(() => {
  const file = databasePath();
  const db = openOrCreate(file);
  const demo = !process.argv.includes("--no-demo") && process.env.SEED_DEMO !== "0";
  const report = seedDatabase(db, { demo });
  db.$client.close();
  console.log(
    `数据库 ${file}：新增指标 ${report.indicators} 项，基线数据 ${report.baseline} 条，目标 ${report.targets} 条，示例数据 ${report.demo} 条`,
  );
});
