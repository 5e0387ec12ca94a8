/**
 * npx tsx --conditions=react-server bench/data-access.ts DATABASE [CALLS]
 *
 * The database reads the dashboard, the rankings and the indicator page make, one by one, on a
 * generated database (the home district): median milliseconds per call. Where a page's server time
 * goes before React renders anything.
 */
import { addMonths, monthOfDate } from "@/lib/periods";
import { getIndicatorByKey, listCatalog } from "@/db/catalog";
import { openDatabase } from "@/db/client";
import { listMonthKeys, loadFigureWindow } from "@/db/dashboard";
import { listIndicatorFigures, listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { countRevisions, listRevisions } from "@/db/revisions";
import { getStatusBands } from "@/db/settings";
import { listTargetsByKey } from "@/db/targets";

const [database, callsText] = process.argv.slice(2);
if (!database) throw new Error("usage: data-access.ts DATABASE [CALLS]");
const calls = Number(callsText ?? 300);

function median(run: () => unknown): number {
  for (let i = 0; i < 20; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? NaN;
}

const db = openDatabase(database, { create: false });
const organization = getHomeOrganization(db);
const month = "2025-12";
const today = monthOfDate(new Date());
const nanny = getIndicatorByKey(db, "nanny_new");
if (!nanny) throw new Error("nanny_new 不存在");
const rows: [string, number][] = [
  ["getHomeOrganization", median(() => getHomeOrganization(db))],
  ["listCatalog", median(() => listCatalog(db))],
  ["listReportedMonths", median(() => listReportedMonths(db, organization.id))],
  ["listMonthKeys (36 个月)", median(() => listMonthKeys(db, organization.id, addMonths(today, -36), today))],
  ["loadFigureWindow", median(() => loadFigureWindow(db, organization.id, month))],
  ["listTargetsByKey", median(() => listTargetsByKey(db, organization.id, 2025))],
  ["getStatusBands", median(() => getStatusBands(db))],
  ["listIndicatorFigures", median(() => listIndicatorFigures(db, organization.id, nanny.id))],
  ["listRevisions (50)", median(() => listRevisions(db, organization.id, nanny.id, undefined, 50))],
  ["countRevisions", median(() => countRevisions(db, organization.id, nanny.id))],
];
for (const [name, ms] of rows) console.log(`${name.padEnd(28)} ${ms.toFixed(3)} ms`);
