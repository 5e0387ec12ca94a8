import { describe, expect, it } from "vitest";
import { CATALOG } from "../catalog";
import type { KnownUnit } from "../unit-names";
import { planBulletin, type PlanInput } from "./plan";
import type { RawCell } from "./cells";

const UNITS: KnownUnit<number>[] = [
  { unit: 1, names: ["攀枝花市西区科学技术协会", "西区"] },
  { unit: 2, names: ["攀枝花市东区"] },
  { unit: 3, names: ["乐山市市中区"] },
  { unit: 4, names: ["内江市市中区"] },
];

const MAPPING = { nameColumns: [1], columns: [{ column: 2, key: "popsci_volume" }, { column: 3, key: "popsci_volume_rank" }] };

function plan(rows: RawCell[][], overrides: Partial<PlanInput<number>> = {}) {
  return planBulletin({ rows, firstRow: 5, mapping: MAPPING, indicators: CATALOG, units: UNITS, home: 1, homeName: "攀枝花市西区", scope: "province", ...overrides });
}

describe("a bulletin plan", () => {
  it("reads, matches and derives in one go, with nothing blocking", () => {
    const result = plan([
      [1, "攀枝花市东区", "950.1万", "1"],
      [2, "攀枝花市西区", "878.44万", "第2名"],
      [3, "米易县", 700, 3],
      [null, "合计", 2528.54, null],
    ]);
    if (!result.ok) throw new Error(result.blocking.join());
    expect(result.blocking).toEqual([]);
    expect(result.rows.map((row) => row.unit)).toEqual([2, 1, null]);
    expect(result.names.unmatched).toEqual(["米易县"]);
    expect(result.skipped).toEqual([{ row: 8, name: "合计", reason: "合计或平均行" }]);
    expect(result.derivation?.home).toMatchObject([{ rank: 2, rankedUnits: 3, valueAbove: 950.1, valueBelow: 700 }]);
    expect(result.derivation?.figures.get(1)?.get("popsci_volume_rank")).toEqual({ value: 2, rankedUnits: 3, valueAbove: 950.1, valueBelow: 700 });
  });

  it("blocks on unreadable cells, ambiguous names and a missing home unit, listing each", () => {
    const result = plan([
      [1, "市中区", "很多", 1],
      [2, "攀枝花市东区", 5, 2],
    ]);
    if (!result.ok) throw new Error("expected a plan");
    expect(result.blocking).toEqual([
      "第5行 C列（市中区）：无法识别的数字：很多",
      "单位名称「市中区」可对应多个单位，请在单位管理中添加别名区分",
      "通报中没有找到本单位「攀枝花市西区」，请检查单位名称或别名",
    ]);
    expect(result.derivation).toBeNull();
  });

  it("blocks when two rows name the same unit", () => {
    const result = plan([[1, "西区", 5, 1], [2, "攀枝花市西区科协", 5, 1]]);
    if (!result.ok) throw new Error("expected a plan");
    expect(result.names.duplicates).toEqual([{ unit: 1, names: ["西区", "攀枝花市西区科协"] }]);
    expect(result.blocking).toEqual(["同一单位在通报中出现两次：第5行「西区」与第6行「攀枝花市西区科协」"]);
  });

  it("refuses a broken mapping before reading anything", () => {
    expect(plan([[1, "西区", 5]], { mapping: { nameColumns: [1], columns: [{ column: 2, key: "nope" }] } })).toEqual({
      ok: false,
      blocking: ["C列对应的指标不存在：nope"],
    });
  });

  it("blocks an empty table", () => {
    const result = plan([]);
    expect(result.ok && result.blocking).toEqual(["通报中没有读到任何单位的数据", "通报中没有找到本单位「攀枝花市西区」，请检查单位名称或别名"]);
  });
});
