import { describe, expect, it } from "vitest";
import { bulletinWorkbook, HOME_UNIT_NAME, SICHUAN_COUNTIES } from "@/tests/fixtures/bulletin";
import { CATALOG } from "../catalog";
import type { KnownUnit } from "../unit-names";
import type { Sheet } from "./grid";
import { planReadings } from "./plan";
import { readUpload } from "./read-file";
import { readUnitRow } from "./unit-row";

const HOME = { id: 1, name: "攀枝花市西区科学技术协会" };
const TOWN = { id: 2, name: "格里坪镇" };
/** The home unit and every other county as a peer, by its bulletin name. */
const UNITS: KnownUnit<number>[] = [
  { unit: HOME.id, names: [HOME.name, "西区"] },
  ...SICHUAN_COUNTIES.flatMap(({ prefecture, counties }) => counties.map((county) => `${prefecture}${county}`))
    .filter((name) => name !== HOME_UNIT_NAME)
    .map((name, index) => ({ unit: 100 + index, names: [name] })),
];
const TODAY = new Date("2026-11-27T02:00:00Z");

async function sheetsOf(options: Parameters<typeof bulletinWorkbook>[0]): Promise<{ sheets: Sheet[]; fixture: Awaited<ReturnType<typeof bulletinWorkbook>>["fixture"] }> {
  const { buffer, fixture } = await bulletinWorkbook(options);
  const read = await readUpload(new Uint8Array(buffer), "全省通报.xlsx");
  if (!read.ok) throw new Error(read.message);
  return { sheets: read.sheets, fixture };
}

/** The same sheets with no month anywhere above the table, nor in the sheet's name. */
function withoutMonth(sheets: readonly Sheet[]): Sheet[] {
  return sheets.map((sheet) => ({
    ...sheet,
    name: "通报",
    rows: sheet.rows.map((row) => row.map((cell) => (cell.kind === "text" ? { ...cell, text: cell.text.replace(/\d{4}\s*年\s*\d{1,2}\s*月/g, "") } : cell))),
  }));
}

describe("the home unit's row of a province-style table, as the figures import reads it", () => {
  it("reads 攀枝花市 + 西区 from the split layout as the home unit's figures of the month the title names, each in the indicator's unit", async () => {
    const { sheets, fixture } = await sheetsOf({ layout: "split", month: "2026-10" });
    const outcome = readUnitRow(sheets, CATALOG, UNITS, HOME, { chosenMonth: null, today: TODAY });
    if (!outcome?.ok) throw new Error(outcome?.message ?? "no table");
    expect(outcome.month).toBe("2026-10");
    expect(outcome.names.columns).toEqual([1, 2]);
    const home = fixture.units.find((unit) => unit.name === HOME_UNIT_NAME);
    const row = fixture.layout.firstDataRow + fixture.units.indexOf(home!);
    expect(outcome.reading.description).toContain("单位名称取自「市（州）」+「县（市、区）」两列");
    expect(outcome.reading.description).toContain(`读取“攀枝花市西区”一行（第 ${row} 行），作为标题所写的2026年10月的数；其中 4 个名次未导入`);

    const plan = planReadings([outcome.reading], CATALOG, TODAY);
    expect(plan.problems).toEqual([]);
    const figures = Object.fromEntries(plan.figures.map((figure) => [figure.key, figure.figure.value]));
    expect(figures).toEqual({ users_total: 21650, supply_total: 11890, nanny_new: 36, popsci_per_capita: 72.15, popsci_coverage_rate: 5.12, popsci_volume: 931.2 });
    expect(new Set(plan.figures.map((figure) => figure.period))).toEqual(new Set(["2026-10"]));
    expect(plan.figures.every((figure) => figure.cells.every((cell) => cell.endsWith(String(row))))).toBe(true);
  });

  it("asks for the month when the table names none, and takes the month chosen", async () => {
    const { sheets } = await sheetsOf({ layout: "split", size: "small", month: "2026-09" });
    const bare = withoutMonth(sheets);
    const asked = readUnitRow(bare, CATALOG, UNITS, HOME, { chosenMonth: null, today: TODAY });
    expect(asked).toMatchObject({ ok: false, monthChoice: { defaultMonth: "2026-10" } });
    if (asked?.ok !== false) throw new Error("expected a question");
    expect(asked.monthChoice?.months[0]).toBe("2026-11");
    expect(asked.monthChoice?.months).toHaveLength(13);
    const chosen = readUnitRow(bare, CATALOG, UNITS, HOME, { chosenMonth: "2026-08", today: TODAY });
    if (!chosen?.ok) throw new Error(chosen?.message ?? "no table");
    expect(chosen.reading.description).toContain("作为所选的2026年8月的数");
    expect(new Set(planReadings([chosen.reading], CATALOG, TODAY).figures.map((figure) => figure.period))).toEqual(new Set(["2026-08"]));
  });

  it("says so when the unit imported into has no row, and is null for a sheet that is no table of units", async () => {
    const { sheets } = await sheetsOf({ layout: "split", size: "small" });
    const outcome = readUnitRow(sheets, CATALOG, [...UNITS, { unit: TOWN.id, names: [TOWN.name] }], TOWN, { chosenMonth: null, today: TODAY });
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome?.ok === false && outcome.message).toMatch(/^表中没有找到“格里坪镇”的一行（单位名称取自/);
    const figures: Sheet = { name: "2026", rows: [[{ kind: "text", text: "指标" }, { kind: "text", text: "2026年10月" }]], merges: [] };
    expect(readUnitRow([figures], CATALOG, UNITS, HOME, { chosenMonth: null, today: TODAY })).toBeNull();
  });
});
