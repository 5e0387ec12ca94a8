import { describe, expect, it } from "vitest";
import { bulletinTableOf } from "@/tests/support/bulletin-table";
import { bulletinWorkbook, HOME_UNIT_NAME, SICHUAN_COUNTIES } from "@/tests/fixtures/bulletin";
import { CATALOG } from "../catalog";
import { readPaste } from "../sheet/read-file";
import type { KnownUnit } from "../unit-names";
import { conversionUnit, readBulletinRows, unitNameOf } from "./cells";
import { chooseNameColumns, looksLikeCity } from "./name-columns";
import { findBulletinTable, suggestMapping, type BulletinTable } from "./sheet";

function pasted(text: string): BulletinTable {
  const read = readPaste(text);
  if (!read.ok) throw new Error(read.message);
  const found = findBulletinTable(read.sheets);
  if (!found.ok) throw new Error(found.message);
  return found.table;
}

const HOME: KnownUnit<string> = { unit: "home", names: ["攀枝花市西区科学技术协会", "西区"] };
const EVERY_COUNTY: KnownUnit<string>[] = SICHUAN_COUNTIES.flatMap(({ prefecture, counties }) =>
  counties.map((county) => ({ unit: `${prefecture}${county}`, names: [`${prefecture}${county}`] })),
);

describe("choosing the columns a unit's name is read from", () => {
  it("reads the province's layout, 市（州） merged down beside 县（市、区）, as one name per county: 攀枝花市 + 西区", async () => {
    const { buffer, fixture } = await bulletinWorkbook({ layout: "split" });
    const table = await bulletinTableOf(buffer);
    expect(table.nameCandidates).toEqual([{ column: 1, heading: "市（州）" }, { column: 2, heading: "县（市、区）" }]);
    expect(fixture.units).toHaveLength(183);
    const choice = chooseNameColumns(table.rows, table.nameCandidates, [HOME]);
    expect(choice.columns).toEqual([1, 2]);
    const names = table.rows.map((cells) => unitNameOf(cells, choice.columns));
    expect(names).toEqual(expect.arrayContaining(["攀枝花市西区", "攀枝花市东区", "攀枝花市仁和区", "攀枝花市米易县", "攀枝花市盐边县", "内江市市中区", "乐山市市中区"]));
    expect(choice.sentence).toBe("单位名称取自「市（州）」+「县（市、区）」两列：其中 1 个与已知单位或别名相符（只用「市（州）」列：0 个；只用「县（市、区）」列：1 个）");
  });

  it("says how many of the 183 names match once the province's units are known", async () => {
    const { buffer } = await bulletinWorkbook({ layout: "split" });
    const table = await bulletinTableOf(buffer);
    const choice = chooseNameColumns(table.rows, table.nameCandidates, EVERY_COUNTY);
    expect(choice.columns).toEqual([1, 2]);
    expect(choice.matched).toBe(183);
    expect(choice.sentence).toMatch(/^单位名称取自「市（州）」\+「县（市、区）」两列：其中 183 个与已知单位或别名相符/);
  });

  it("keeps a single 单位 column, and prefers the column whose values match when another only names cities", () => {
    const single = pasted(["序号\t单位\t科普服务量", `1\t${HOME_UNIT_NAME}\t931.2`, "2\t攀枝花市东区\t800"].join("\n"));
    expect(chooseNameColumns(single.rows, single.nameCandidates, [HOME])).toMatchObject({ columns: [1], matched: 1 });

    // a county column written in full beside its city: the county column alone, or both, give the same name
    const full = pasted(["市（州）\t县（市、区）\t科普服务量", `攀枝花市\t${HOME_UNIT_NAME}\t931.2`, "攀枝花市\t攀枝花市东区\t800"].join("\n"));
    const choice = chooseNameColumns(full.rows, full.nameCandidates, [HOME]);
    expect(full.rows.map((cells) => unitNameOf(cells, choice.columns))).toEqual([HOME_UNIT_NAME, "攀枝花市东区"]);
  });

  it("takes a code column when the codes are known aliases", () => {
    const table = pasted(["行政区划代码\t单位\t科普服务量", "510403\t市西区\t931.2", "510402\t市东区\t800"].join("\n"));
    const units: KnownUnit<string>[] = [{ unit: "home", names: ["攀枝花市西区科学技术协会", "510403"] }, { unit: "east", names: ["攀枝花市东区", "510402"] }];
    const choice = chooseNameColumns(table.rows, table.nameCandidates, units);
    expect(choice.columns).toEqual([0]);
    expect(choice.sentence).toContain("单位名称取自「行政区划代码」列：其中 2 个与已知单位或别名相符");
  });
});

describe("names that look like cities", () => {
  it("knows a prefecture-level name from a county-level one", () => {
    for (const name of ["攀枝花市", "凉山州", "凉山彝族自治州", "阿坝藏族羌族自治州", "四川省成都市", "攀枝花"]) expect(looksLikeCity(name), name).toBe(true);
    for (const name of ["攀枝花市西区", "西区", "西昌市", "都江堰市", "凉山州西昌市", "北川羌族自治县"]) expect(looksLikeCity(name), name).toBe(false);
  });
});

describe("headings with units in brackets", () => {
  it("maps the province's 数值（条）/ 数值(条) / 数值（万人次） headings to their indicators without hand mapping", async () => {
    const { buffer, fixture } = await bulletinWorkbook({ layout: "split", size: "small" });
    const table = await bulletinTableOf(buffer);
    const mapping = suggestMapping(table.columns, CATALOG, null);
    expect([...mapping.values()]).toEqual(fixture.layout.columns.map((column) => column.key));
    expect(table.columns.find((column) => column.heading === "科普服务量 / 数值（万人次）")?.unit).toBe("万人次");
    expect(table.columns.find((column) => column.heading === "人均科普服务量 / 数值(条)")?.unit).toBe("条");
  });

  it("converts a column stated in another scale of the indicator's unit, and only then", () => {
    expect(conversionUnit("人次", "万人次")).toBe("人次");
    expect(conversionUnit("万人次", "人次")).toBe("万人次");
    expect(conversionUnit("亿元", "万元")).toBe("亿元");
    expect(conversionUnit("万人次", "万人次")).toBeNull();
    expect(conversionUnit("个", "家")).toBeNull();
    expect(conversionUnit(null, "万人次")).toBeNull();
    const indicators = CATALOG.filter((indicator) => indicator.key === "popsci_volume" || indicator.key === "deal_amount_total");
    const rows = [["攀枝花市", "西区", 8784400, "1.39"]];
    const read = readBulletinRows(rows, { nameColumns: [0, 1], columns: [{ column: 2, key: "popsci_volume", unit: "人次" }, { column: 3, key: "deal_amount_total", unit: "亿元" }] }, indicators);
    expect(read.ok && read.lines[0]?.name).toBe("攀枝花市西区");
    expect(read.ok && Object.fromEntries(read.lines[0]?.figures ?? [])).toEqual({ popsci_volume: 878.44, deal_amount_total: 13900 });
  });
});
