import { describe, expect, it } from "vitest";
import { bulletinTableOf } from "@/tests/support/bulletin-table";
import { bulletinWorkbook, HOME_UNIT_NAME } from "@/tests/fixtures/bulletin";
import { CATALOG } from "../catalog";
import { readPaste } from "../sheet/read-file";
import { findBulletinTable, readBulletinTable, suggestMapping } from "./sheet";

describe("finding a bulletin's table", () => {
  it("reads the province's 183-unit bulletin below its title and note, with the two-row merged header and the 序号 column left out", async () => {
    const { buffer, fixture } = await bulletinWorkbook();
    const table = await bulletinTableOf(buffer);
    expect(table.title).toBe("2026年10月天府科技云工作情况通报");
    expect(table.month).toBe("2026-10");
    expect(table.nameCandidates).toEqual([{ column: 1, heading: "单位" }]);
    expect(table.firstRow).toBe(fixture.layout.firstDataRow);
    expect(table.columns.map((column) => column.heading)).toEqual([
      "累计注册用户（人）",
      "累计发布科技所能（条） / 数值",
      "累计发布科技所能（条） / 全省排名",
      "促成“保姆式”服务单数（单）",
      "人均科普服务量（条） / 数值",
      "人均科普服务量（条） / 全省排名",
      "精准科普覆盖率（%） / 数值",
      "精准科普覆盖率（%） / 全省排名",
      "科普服务量 / 数值",
      "科普服务量 / 全省排名",
    ]);
    // 183 units, a blank row and the footnote
    expect(table.rows.filter((row) => row[1] !== null)).toHaveLength(184);
    expect(table.rows.some((row) => String(row[1]).trim() === HOME_UNIT_NAME)).toBe(true);
  });

  it("maps every column to its indicator, a heading over 全省排名 to the rank of that indicator", async () => {
    const { buffer, fixture } = await bulletinWorkbook({ size: "small" });
    const table = await bulletinTableOf(buffer);
    const mapping = suggestMapping(table.columns, CATALOG, null);
    expect(Object.fromEntries([...mapping].map(([column, key]) => [column + 1, key]))).toEqual(
      Object.fromEntries(fixture.layout.columns.map((column) => [column.column, column.key])),
    );
  });

  it("keeps what was remembered for a heading, and never maps one indicator to two columns", () => {
    const columns = [
      { column: 2, heading: "科普服务量", unit: null },
      { column: 3, heading: "排名", unit: null },
      { column: 4, heading: "服务量（万人次）", unit: "万人次" },
    ];
    const remembered = { nameHeading: "单位", columns: [{ heading: "排名", key: "popsci_volume_rank" }, { heading: "服务量（万人次）", key: "popsci_volume" }] };
    expect([...suggestMapping(columns, CATALOG, remembered)]).toEqual([[2, "popsci_volume"], [3, "popsci_volume_rank"], [4, ""]]);
    expect([...suggestMapping([{ column: 5, heading: "科普服务量排名", unit: null }], CATALOG, null)]).toEqual([[5, "popsci_volume_rank"]]);
  });

  it("reads a pasted table with a one-row header, and names what is missing when there is no units' column", () => {
    const read = readPaste("地区\t科普服务量\t排名\n西区\t878.44万\t12\n东区\t900\t11\n");
    if (!read.ok) throw new Error(read.message);
    const found = findBulletinTable(read.sheets);
    expect(found.ok && found.table.columns).toEqual([{ column: 1, heading: "科普服务量", unit: null }, { column: 2, heading: "排名", unit: null }]);
    expect(found.ok && found.table.rows).toEqual([["西区", "878.44万", "12"], ["东区", "900", "11"]]);
    const none = readPaste("指标\t2026-10\nnanny_new\t3\n");
    if (!none.ok) throw new Error(none.message);
    expect(findBulletinTable(none.sheets)).toMatchObject({ ok: false });
  });

  it("takes back only a well-formed table from the page", async () => {
    const { buffer } = await bulletinWorkbook({ size: "small" });
    const table = await bulletinTableOf(buffer);
    expect(readBulletinTable(JSON.stringify(table))).toEqual(table);
    expect(readBulletinTable("{}")).toBeNull();
    expect(readBulletinTable("not json")).toBeNull();
    expect(readBulletinTable(JSON.stringify({ ...table, rows: [[{ formula: "=1" }]] }))).toBeNull();
  });
});
