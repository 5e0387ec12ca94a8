import { describe, expect, it } from "vitest";
import { CATALOG } from "../catalog";
import { columnLetter, mappingProblems, readBulletinRows, readFigureCell, type RawCell } from "./cells";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found;
};
const read = (raw: RawCell, key: string) => {
  const reading = readFigureCell(raw, indicator(key));
  return reading.kind === "value" ? reading.value : reading.kind === "blank" ? "blank" : `error: ${reading.message}`;
};

describe("reading one cell", () => {
  it("takes a plain number, as a number or as text, in the indicator's own unit", () => {
    expect(read(8810, "supply_total")).toBe(8810);
    expect(read("8810", "supply_total")).toBe(8810);
    expect(read(" 8,810 ", "supply_total")).toBe(8810);
    expect(read("８８１０", "supply_total")).toBe(8810);
    expect(read("878.44", "popsci_volume")).toBe(878.44);
    expect(read(878.44, "popsci_volume")).toBe(878.44);
  });

  it("converts a number written with 万 or 亿 into the indicator's unit", () => {
    // 科普服务量 is kept in 万人次: 878.44万 (人次) is 878.44 of it
    expect(read("878.44万", "popsci_volume")).toBe(878.44);
    expect(read("878.44万人次", "popsci_volume")).toBe(878.44);
    expect(read("8784400人次", "popsci_volume")).toBe(878.44);
    // a count in 条: 1.2万 is 12000
    expect(read("1.2万", "supply_total")).toBe(12000);
    expect(read("1.2万条", "supply_total")).toBe(12000);
    // 累计成交金额 in 万元: 1.39亿 is 13900万元
    expect(read("1.39亿", "deal_amount_total")).toBe(13900);
    expect(read("1.39亿元", "deal_amount_total")).toBe(13900);
    expect(read("13900万元", "deal_amount_total")).toBe(13900);
  });

  it("reads a percentage with or without its sign, and a rank as 第N名", () => {
    expect(read("4.87%", "popsci_coverage_rate")).toBe(4.87);
    expect(read("4.87％", "popsci_coverage_rate")).toBe(4.87);
    expect(read(4.87, "popsci_coverage_rate")).toBe(4.87);
    expect(read("第12名", "popsci_volume_rank")).toBe(12);
    expect(read("12名", "popsci_volume_rank")).toBe(12);
    expect(read(12, "popsci_volume_rank")).toBe(12);
  });

  it("takes the usual blanks as not reported, never 0", () => {
    for (const blank of [null, undefined, "", "  ", "-", "—", "－", "/", "无", "暂无", "未填报", "n/a"]) {
      expect(read(blank, "supply_total"), String(blank)).toBe("blank");
    }
    expect(read(0, "supply_total")).toBe(0);
    expect(read("0", "supply_total")).toBe(0);
  });

  it("rounds a figure finer than the indicator's decimals, and says so", () => {
    expect(readFigureCell(4.8712, indicator("popsci_coverage_rate"))).toEqual({ kind: "value", value: 4.87, rounded: true });
    expect(readFigureCell(67.88000000000001, indicator("popsci_per_capita"))).toEqual({ kind: "value", value: 67.88, rounded: false });
    expect(readFigureCell("1.005", indicator("popsci_per_capita"))).toEqual({ kind: "value", value: 1.01, rounded: true });
  });

  it("refuses a fraction of a count, a negative figure, a bad rank, a foreign unit and text", () => {
    expect(read(12.5, "supply_total")).toBe("error: 应为整数（单位：条）");
    expect(read("1.23456万", "supply_total")).toBe("error: 应为整数（单位：条）");
    expect(read("-3", "supply_total")).toBe("error: 不能为负数");
    expect(read(-3, "supply_total")).toBe("error: 不能为负数");
    expect(read(0, "popsci_volume_rank")).toBe("error: 名次应为不小于 1 的整数");
    expect(read("第1.5名", "popsci_volume_rank")).toContain("error: 无法识别的名次");
    expect(read("8810个", "supply_total")).toBe("error: 无法识别的数字：8810个（单位应为条）");
    expect(read("很多", "supply_total")).toContain("error: 无法识别的数字");
    expect(read("120%", "popsci_coverage_rate")).toBe("error: 百分比应在 0 到 100 之间");
    expect(read(Number.NaN, "supply_total")).toBe("error: 不是有效的数字");
  });
});

describe("reading a bulletin's rows through a mapping", () => {
  const indicators = CATALOG;
  const mapping = { nameColumns: [1], columns: [{ column: 2, key: "popsci_volume" }, { column: 3, key: "popsci_volume_rank" }] };

  it("reads each row's mapped figures, leaving blanks out", () => {
    const reading = readBulletinRows(
      [
        [1, "攀枝花市西区", "878.44万", "12"],
        [2, "攀枝花市东区", 950.1, null],
        [3, " 米易县 ", "—", "—"],
      ],
      mapping,
      indicators,
      5,
    );
    if (!reading.ok) throw new Error(reading.problems.join());
    expect(reading.lines).toEqual([
      { row: 5, name: "攀枝花市西区", figures: new Map([["popsci_volume", 878.44], ["popsci_volume_rank", 12]]) },
      { row: 6, name: "攀枝花市东区", figures: new Map([["popsci_volume", 950.1]]) },
      { row: 7, name: "米易县", figures: new Map() },
    ]);
    expect(reading.errors).toEqual([]);
  });

  it("locates each unreadable cell by row and column letter, and lists rounded cells", () => {
    const reading = readBulletinRows([["", "西区", "很多", "第3名"], ["", "东区", 1.234, 4]], mapping, indicators, 10);
    if (!reading.ok) throw new Error(reading.problems.join());
    expect(reading.errors).toEqual([{ row: 10, column: 2, name: "西区", key: "popsci_volume", raw: "很多", message: "无法识别的数字：很多" }]);
    expect(reading.rounded).toMatchObject([{ row: 11, column: 2, key: "popsci_volume", message: "已按2位小数四舍五入为 1.23" }]);
  });

  it("leaves out total, average and note rows and rows without a name, saying why", () => {
    const reading = readBulletinRows(
      [["", "西区", 1, 1], ["", "合计", 100, null], ["", "全省平均", 5, null], ["注：排名按数值由高到低", "", "", ""], ["", "", 3, 2], ["", "说明：…", null, null]],
      mapping,
      indicators,
    );
    if (!reading.ok) throw new Error(reading.problems.join());
    expect(reading.lines.map((line) => line.name)).toEqual(["西区"]);
    expect(reading.skipped).toEqual([
      { row: 2, name: "合计", reason: "合计或平均行" },
      { row: 3, name: "全省平均", reason: "合计或平均行" },
      { row: 5, name: "", reason: "单位名称为空" },
      { row: 6, name: "说明：…", reason: "注释行" },
    ]);
  });

  it("refuses a mapping with an unknown key, a key or column twice, or the name column mapped", () => {
    expect(mappingProblems({ nameColumns: [1], columns: [] }, indicators)).toEqual(["请至少为一列指定指标"]);
    expect(mappingProblems({ nameColumns: [1], columns: [{ column: 1, key: "supply_total" }] }, indicators)).toEqual(["B列是单位名称列，不能再对应指标"]);
    expect(mappingProblems({ nameColumns: [0], columns: [{ column: 2, key: "nope" }] }, indicators)).toEqual(["C列对应的指标不存在：nope"]);
    expect(mappingProblems({ nameColumns: [0], columns: [{ column: 2, key: "supply_total" }, { column: 3, key: "supply_total" }] }, indicators)).toEqual(["指标 supply_total 对应了两列"]);
    expect(mappingProblems({ nameColumns: [0], columns: [{ column: 2, key: "supply_total" }, { column: 2, key: "users_new" }] }, indicators)).toEqual(["C列对应了两个指标"]);
    const refused = readBulletinRows([["西区", 1]], { nameColumns: [0], columns: [{ column: 1, key: "nope" }] }, indicators);
    expect(refused).toEqual({ ok: false, problems: ["B列对应的指标不存在：nope"] });
  });

  it("names columns as a spreadsheet does", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});
