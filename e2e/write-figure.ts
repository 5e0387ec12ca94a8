/**
 * A write from another process, as a CLI script makes one: one figure of the home unit, through the
 * one save path, into DATABASE_PATH. For the page-cache spec (13-page-cache):
 *   DATABASE_PATH=… npx tsx --conditions=react-server e2e/write-figure.ts YYYY-MM key value
 */
import { openDatabase } from "../db/client";
import { getHomeOrganization } from "../db/organizations";
import { saveFigures } from "../db/save-figures";

const [period, key, value] = process.argv.slice(2);
if (!period || !key || !value) throw new Error("usage: write-figure.ts YYYY-MM key value");
const db = openDatabase(process.env.DATABASE_PATH, { create: false });
const changed = saveFigures(db, {
  organizationId: getHomeOrganization(db).id,
  period,
  figures: new Map([[key, { value: Number(value) }]]),
  source: "script",
  changedBy: null,
});
db.$client.close();
console.log(JSON.stringify(changed));
