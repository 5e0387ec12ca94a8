import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/catalog";
import type { Cell } from "./grid";
import { NO_LAYOUT_MESSAGE, planImport } from "./plan";
import { readPaste } from "./read-file";
import { figureLines, planFile, planPaste, problemLines, TODAY, workbookBytes } from "./test-support";

describe("wide sheets: indicators as rows, months as columns", () => {
  it("reads a title row above the header, keys or names, and numbers in every form a clerk types them", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["西区科协 2026年 指标数据"]);
      sheet.mergeCells("A1:E1");
      sheet.addRow(["指标", "单位", "2026年1月", "2026-02", "202603"]);
      sheet.addRow(["users_new", "户", 120, "１３０", " 140 "]);
      sheet.addRow(["累计注册用户", "人", "14,432", "14,562", "１４，７０２"]);
      sheet.addRow(["累计成交金额", "万元", "1.39亿", "13950", "1.4亿元"]);
      sheet.addRow(["科普服务量", "万人次", "878.44万", "8,800,000人次", 890.5]);
    });
    const plan = await planFile(bytes);
    expect(plan.problems).toEqual([]);
    expect(figureLines(plan)).toEqual([
      "2026-01 users_new 120", "2026-01 users_total 14432", "2026-01 deal_amount_total 13900", "2026-01 popsci_volume 878.44",
      "2026-02 users_new 130", "2026-02 users_total 14562", "2026-02 deal_amount_total 13950", "2026-02 popsci_volume 880",
      "2026-03 users_new 140", "2026-03 users_total 14702", "2026-03 deal_amount_total 14000", "2026-03 popsci_volume 890.5",
    ]);
    expect(plan.figures.find((figure) => figure.period === "2026-02" && figure.key === "users_new")?.cells).toEqual(["D3"]);
  });

  it("gives every invalid cell its address and the entry form's own reason", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["key", "2026-01", "2026-02"]);
      sheet.addRow(["users_new", 12.5, "1,23,4"]);
      sheet.addRow(["popsci_coverage_rate", 120, "4.871"]);
      sheet.addRow(["supply_total_rank", 0, "3"]);
      sheet.addRow(["nanny_new", "=1+2", "-5"]);
      sheet.addRow(["没有这个指标", 5, null]);
    });
    const plan = await planFile(bytes);
    expect(problemLines(plan)).toEqual([
      "B2：应为整数（单位：户）",
      "C2：千分位逗号的位置不对（应每三位一组，如 14,312）",
      "B3：百分比应在 0 到 100 之间",
      "C3：最多保留 2 位小数",
      "B4：排名应为不小于 1 的整数",
      "B5：以“=”开头，可能是公式，已拒绝（请只填数字）",
      "C5：不能为负数",
      "A6：未识别的指标“没有这个指标”：这一行的数值未导入",
    ]);
    // the valid cells are still planned (for the preview); the invalid ones block the commit
    expect(figureLines(plan)).toEqual(["2026-02 supply_total_rank 3"]);
  });

  it("reads a merged year above bare months, and a whole-year column for flows", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("2025");
      sheet.addRow(["指标", "2025年"]);
      sheet.mergeCells("B1:D1");
      sheet.addRow(["", "1月", "2月", "全年"]);
      sheet.mergeCells("A1:A2");
      sheet.addRow(["促成“保姆式”服务单数", 30, 36, 410]);
      sheet.addRow(["累计注册用户", 14400, 14500, 15000]);
    });
    const plan = await planFile(bytes);
    expect(figureLines(plan)).toEqual([
      "2025 nanny_new 410",
      "2025-01 users_total 14400", "2025-01 nanny_new 30",
      "2025-02 users_total 14500", "2025-02 nanny_new 36",
    ]);
    expect(problemLines(plan)).toEqual(["D4：“累计注册用户”是月末数，不能填全年合计：2025年的年末数请填在2025年12月"]);
  });

  it("takes formulas as their cached values and Excel dates as months; a formula without a value is refused", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["指标", new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 1, 1)), new Date(Date.UTC(2026, 2, 1))]);
      sheet.addRow(["新增个人用户", 100, 110, 120]);
      sheet.addRow(["新增企事业单位", 3, 4, 5]);
      sheet.addRow(["新增注册用户", { formula: "B2+B3", result: 103 }, { formula: "C2+C3", result: { error: "#DIV/0!" } }, { formula: "D2+D3" }]);
      sheet.addRow(["精准科普覆盖率", { formula: "0.1+0.2", result: 0.30000000000000004 }, null, null]);
    });
    const plan = await planFile(bytes);
    expect(figureLines(plan)).toContain("2026-01 users_new 103");
    expect(figureLines(plan)).toContain("2026-01 popsci_coverage_rate 0.3");
    expect(problemLines(plan)).toEqual([
      "C4：公式计算出错（#DIV/0!），没有可导入的数值",
      "D4：公式没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入",
    ]);
  });

  it("reads a percentage cell as a percentage of a % indicator, and refuses it for a count", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["指标", "2026年3月", "2026年4月"]);
      const rate = sheet.addRow(["精准科普覆盖率", 0.0487, "4.9%"]);
      rate.getCell(2).numFmt = "0.00%";
      const count = sheet.addRow(["新增注册用户", 0.5, "5%"]);
      count.getCell(2).numFmt = "0%";
    });
    const plan = await planFile(bytes);
    expect(figureLines(plan)).toEqual(["2026-03 popsci_coverage_rate 4.87", "2026-04 popsci_coverage_rate 4.9"]);
    expect(problemLines(plan)).toEqual([
      "B3：单元格是百分比格式，而该指标单位是“户”",
      "C3：该指标单位是“户”，不能填百分比",
    ]);
  });

  it("reads 2026.1 after 2026.9 as October, as Excel stores a typed 2026.10", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["指标", 2026.9, 2026.1, 2026.11]);
      sheet.addRow(["nanny_new", 31, 32, 33]);
    });
    expect(figureLines(await planFile(bytes))).toEqual(["2026-09 nanny_new 31", "2026-10 nanny_new 32", "2026-11 nanny_new 33"]);
  });

  it("refuses months still to come and whole years not yet over", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["指标", "2026年11月", "2026年12月", "2026年全年", "1999年3月"]);
      sheet.addRow(["nanny_new", 35, 36, 400, 1]);
    });
    const plan = await planFile(bytes);
    expect(figureLines(plan)).toEqual(["2026-11 nanny_new 35"]);
    expect(problemLines(plan)).toEqual([
      "C2：2026年12月尚未到来，不能导入未来月份的数据",
      "D2：2026年尚未结束，不能填全年合计；请按月填写",
      "E2：1999年3月早于 2000 年，请核对年份",
    ]);
  });

  it("takes a rank's number of ranked units from its own row", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["指标键", "名称", "2026-10"]);
      sheet.addRow(["popsci_volume_rank", "科普服务量全省排名", 12]);
      sheet.addRow(["popsci_volume_rank__of", "科普服务量全省排名 参与排名单位数", 183]);
      sheet.addRow(["supply_total_rank", "", 200]);
      sheet.addRow(["supply_total_rank__of", "", 183]);
    });
    const plan = await planFile(bytes);
    expect(figureLines(plan)).toEqual(["2026-10 popsci_volume_rank 12/183"]);
    expect(problemLines(plan)).toEqual(["C4：排名不能大于参与排名的单位数（183）"]);
  });
});

describe("other layouts", () => {
  it("reads months as rows and indicators as columns", async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet("数据");
      sheet.addRow(["月份", "新增注册用户", "累计成交金额（亿元）", "科普服务量全省排名"]);
      sheet.addRow(["2026年1月", 120, 1.39, "第12名"]);
      sheet.addRow(["2026年2月", 130, 1.4, 11]);
    });
    const plan = await planFile(bytes);
    expect(plan.layouts[0]).toContain("期间为行、指标为列");
    expect(figureLines(plan)).toEqual([
      "2026-01 users_new 120", "2026-01 deal_amount_total 13900", "2026-01 popsci_volume_rank 12",
      "2026-02 users_new 130", "2026-02 deal_amount_total 14000", "2026-02 popsci_volume_rank 11",
    ]);
  });

  it("reads a long table, one row per month and indicator, with its N column", async () => {
    const plan = planPaste(["月份\t指标\t数值\t参与排名单位数", "2026-03\t新增注册用户\t120\t", "2026-03\tpopsci_volume_rank\t12\t183", "2025年\t新增注册用户\t1,480\t"].join("\n"));
    expect(plan.layouts[0]).toContain("每行一个期间的一项指标");
    expect(figureLines(plan)).toEqual(["2025 users_new 1480", "2026-03 users_new 120", "2026-03 popsci_volume_rank 12/183"]);
    expect(plan.figures.find((figure) => figure.key === "popsci_volume_rank")?.cells).toEqual(["C3", "D3"]);
  });

  it("reads a long table without a header row", () => {
    const plan = planPaste("新增注册用户\t2026.3\t120\n累计注册用户\t2026.3\t14800\n");
    expect(figureLines(plan)).toEqual(["2026-03 users_new 120", "2026-03 users_total 14800"]);
  });

  it("reads cells pasted from Excel or WPS, tab-separated, with quoted cells", () => {
    const plan = planPaste('名称\t2026年8月\t2026年9月\r\n"新增发布科技所需"\t"1,200"\t80\r\n');
    expect(figureLines(plan)).toEqual(["2026-08 demand_new 1200", "2026-09 demand_new 80"]);
  });

  it("reports two different numbers for the same figure", () => {
    const plan = planPaste("月份\t指标\t数值\n2026-03\tnanny_new\t30\n2026年3月\t促成“保姆式”服务单数\t31\n");
    expect(problemLines(plan)).toEqual(["C3：与 C2 重复：2026年3月的“促成“保姆式”服务单数”出现了两个不同的数"]);
  });
});

describe("any sheet at all", () => {
  it("is planned without an exception, whatever its cells hold", () => {
    const pool: Cell[] = [
      { kind: "blank" },
      { kind: "text", text: "新增注册用户" },
      { kind: "text", text: "nanny_new" },
      { kind: "text", text: "2026年3月" },
      { kind: "text", text: "全年" },
      { kind: "text", text: "=SUM(A1)" },
      { kind: "text", text: "1,2,3" },
      { kind: "text", text: "1.5亿" },
      { kind: "number", value: 2026.1, percent: false },
      { kind: "number", value: -3, percent: true },
      { kind: "number", value: 1e300, percent: false },
      { kind: "date", date: new Date(Date.UTC(2026, 2, 1)) },
      { kind: "error", text: "#REF!" },
      { kind: "formula", formula: "A1" },
      { kind: "bool", value: true },
      { kind: "text", text: "月份" },
      { kind: "text", text: "数值" },
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 200; round += 1) {
      const rows = Array.from({ length: 1 + (next() % 8) }, () => Array.from({ length: 1 + (next() % 6) }, () => pool[next() % pool.length] ?? { kind: "blank" as const }));
      const merges = next() % 3 === 0 ? [{ top: 0, left: 0, bottom: 0, right: 2 }] : [];
      const outcome = planImport([{ name: `第${round}页`, rows, merges }], CATALOG, TODAY);
      expect(typeof outcome.ok).toBe("boolean");
    }
  });
});

describe("months without a year", () => {
  const pasteOf = (text: string) => {
    const read = readPaste(text);
    if (!read.ok) throw new Error(read.message);
    return read.sheets;
  };

  it("names the missing year and offers this year, then reads the months in the year chosen", () => {
    const sheets = pasteOf("指标\t6月\t7月\nnanny_new\t31\t36\n");
    const asked = planImport(sheets, CATALOG, TODAY);
    expect(asked).toMatchObject({ ok: false, yearChoice: { months: ["6月", "7月"], defaultYear: 2026, years: [2026, 2025, 2024, 2023, 2022, 2021] } });
    expect(!asked.ok && asked.message).toContain("表头中的“6月”“7月”没有写年份");
    const chosen = planImport(sheets, CATALOG, TODAY, { year: 2025 });
    expect(chosen.ok && chosen.plan.figures.map((figure) => [figure.period, figure.figure.value])).toEqual([["2025-06", 31], ["2025-07", 36]]);
  });

  it("defaults to last year when a month named is still to come this year", () => {
    const asked = planImport(pasteOf("指标\t11月\t12月\nnanny_new\t31\t36\n"), CATALOG, new Date("2027-02-10T10:00:00+08:00"));
    expect(asked).toMatchObject({ ok: false, yearChoice: { defaultYear: 2026 } });
  });

  it("asks for no year when the title gives one, and says what a layout needs when nothing reads at all", () => {
    expect(planImport(pasteOf("西区科协2026年指标\t\n指标\t6月\nnanny_new\t31\n"), CATALOG, TODAY).ok).toBe(true);
    const none = planImport(pasteOf("甲\t乙\n1\t2\n"), CATALOG, TODAY);
    expect(none).toEqual({ ok: false, message: NO_LAYOUT_MESSAGE });
  });
});
