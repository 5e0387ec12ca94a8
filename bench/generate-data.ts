/**
 * npm run bench:data -- --orgs 183 --years 10 [--seed 1] [--out bench/data/x.db]
 *
 * A province-sized database for the benchmark: the catalog, `orgs` county-level associations and
 * every month of every indicator for `years` years, written through the same db/ code as the app
 * (saveFigures, one transaction per organization, each figure with its revision). Values come from
 * the demo generator, so they obey the catalog's identities; ranks are real ranks among the
 * generated units, with N and the neighbours' figures. Deterministic for a given seed.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CATALOG } from "@/lib/catalog";
import { generateDemoYear, seededRandom, type DemoFigure, type DemoStart } from "@/lib/demo";
import { roundTo } from "@/lib/numbers";
import { makeMonth } from "@/lib/periods";
import { createAuth } from "@/db/auth";
import { openDatabase } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { listBaselineFigures, saveFigures } from "@/db/save-figures";
import { organizations } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createAccount } from "@/db/users";

export const BENCH_VIEWER = { username: "bench-viewer", password: "bench-viewer-pass" } as const;
export const BENCH_STAFF = { username: "bench-staff", password: "bench-staff-pass" } as const;

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "183" },
    years: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    "last-year": { type: "string", default: "2025" },
  },
});
const orgCount = Number(values.orgs);
const yearCount = Number(values.years);
const lastYear = Number(values["last-year"]);
const seed = Number(values.seed);
if (!(orgCount >= 1 && yearCount >= 1)) throw new Error("--orgs 与 --years 应为正整数");
const out = values.out ?? path.join("bench", "data", `bench-${orgCount}x${yearCount}.db`);

const RANKED: Record<string, string> = {
  supply_total_rank: "supply_total",
  popsci_per_capita_rank: "popsci_per_capita",
  popsci_coverage_rate_rank: "popsci_coverage_rate",
  popsci_volume_rank: "popsci_volume",
};

/** Where a district `scale` times the size of 西区 starts: a quarter of 西区's 2023 year-end levels. */
function startLevels(scale: number): DemoStart {
  const level = (value: number) => Math.round((value * scale) / 4);
  return {
    users_total: level(14312),
    supply_total: level(8810),
    deal_amount_total: roundTo((13900 * scale) / 4, 2),
    nanny_done_total: level(3702),
    nanny_following: level(5153),
    studio_total: level(1525),
    studio_premium: 0,
    popsci_posts_total: level(553),
    popsci_volume: roundTo((878.44 * scale) / 4, 2),
    popsci_coverage_people: level(6299),
  };
}

function main() {
  const started = performance.now();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${out}${suffix}`, { force: true });
  const db = openDatabase(out);
  // a large page cache for the one-off bulk write (the app's own settings are left as they are)
  db.$client.pragma("cache_size = -262144");
  seedDatabase(db, { demo: false });
  const home = getHomeOrganization(db);
  const random = seededRandom(seed);

  db.transaction((tx) => {
    for (let i = 2; i <= orgCount; i += 1) {
      const number = String(i).padStart(3, "0");
      tx.insert(organizations).values({ code: `bench-${number}`, name: `示例区县${number}科学技术协会`, shortName: `区县${number}` }).run();
    }
  });
  const orgIds = db.select({ id: organizations.id }).from(organizations).all().map((row) => row.id).sort((a, b) => a - b);

  // pass 1: every organization's months, chained year to year
  const firstYear = lastYear - yearCount + 1;
  const generated = new Map<number, { month: string; figures: Map<string, DemoFigure> }[]>();
  for (const orgId of orgIds) {
    const scale = orgId === home.id ? 1 : 0.3 + random() * 2.7;
    const population = Math.round(129_400 * scale * (0.8 + random() * 0.4));
    let start = startLevels(scale);
    const months: { month: string; figures: Map<string, DemoFigure> }[] = [];
    for (let year = firstYear; year <= lastYear; year += 1) {
      const yearMonths = generateDemoYear(year, start, { seed: seed * 1_000_003 + orgId * 101 + year, scale, population });
      months.push(...yearMonths);
      const december = yearMonths.at(-1)?.figures;
      const level = (key: keyof DemoStart) => december?.get(key)?.value ?? start[key];
      start = {
        users_total: level("users_total"),
        supply_total: level("supply_total"),
        deal_amount_total: level("deal_amount_total"),
        nanny_done_total: level("nanny_done_total"),
        nanny_following: level("nanny_following"),
        studio_total: level("studio_total"),
        studio_premium: level("studio_premium"),
        popsci_posts_total: level("popsci_posts_total"),
        popsci_volume: level("popsci_volume"),
        popsci_coverage_people: level("popsci_coverage_people"),
      };
    }
    generated.set(orgId, months);
  }

  // pass 2: real ranks among the generated units, month by month
  const monthCount = yearCount * 12;
  for (let index = 0; index < monthCount; index += 1) {
    for (const [rankKey, rankedKey] of Object.entries(RANKED)) {
      const standings = orgIds
        .map((orgId) => ({ orgId, figures: generated.get(orgId)?.[index]?.figures }))
        .map((entry) => ({ ...entry, value: entry.figures?.get(rankedKey)?.value ?? 0 }))
        .sort((a, b) => b.value - a.value || a.orgId - b.orgId);
      standings.forEach((entry, place) => {
        entry.figures?.set(rankKey, {
          value: place + 1,
          rankedUnits: standings.length,
          valueAbove: standings[place - 1]?.value ?? null,
          valueBelow: standings[place + 1]?.value ?? null,
        });
      });
    }
  }

  // pass 3: write through the app's own save path, one transaction per organization; the home
  // district keeps the document's 2023 baseline, which only 更正基线 may change
  let written = 0;
  const baseline = listBaselineFigures(db, home.id);
  for (const orgId of orgIds) {
    db.transaction(() => {
      for (const { month, figures } of generated.get(orgId) ?? []) {
        const writable = orgId === home.id ? new Map([...figures].filter(([key]) => !baseline.has(month, key))) : figures;
        written += saveFigures(db, { organizationId: orgId, period: month, figures: writable, source: "script", changedBy: null }).length;
      }
    });
  }
  // the seeded province target stands from 2024 on: every later year has it without a copy
  return { db, written, started, months: monthCount };
}

async function run() {
  const { db, written, started, months } = main();
  const auth = createAuth(db);
  await createAccount(db, auth, { username: BENCH_VIEWER.username, name: "基准测试只读", role: "viewer", password: BENCH_VIEWER.password });
  await createAccount(db, auth, { username: BENCH_STAFF.username, name: "基准测试填报", role: "staff", password: BENCH_STAFF.password });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `已生成 ${out}：${orgCount} 个单位 × ${months} 个月 × ${CATALOG.length} 项，写入 ${written} 条数据（每条一条修订），用时 ${seconds.toFixed(1)} 秒（至 ${makeMonth(lastYear, 12)}）`,
  );
}

void run();
