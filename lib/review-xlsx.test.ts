import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import type { Figures } from "./consistency";
import { buildReview } from "./review";
import { buildReviewWorkbook, excelNumber } from "./review-xlsx";

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const seriesByKey = new Map<string, Series>([
  ["nanny_new", series({ "2024-01": 20, "2024-02": 25, "2024-03": 30 })],
  ["users_total", series({ "2023-12": 14312, "2024-03": 15300 })],
  ["popsci_coverage_rate", series({ "2024-03": 5.12 })],
  ["popsci_volume", series({ "2024-03": 900.5 })],
  ["popsci_volume_rank", series({ "2023-12": 12, "2024-03": 10 })],
]);
const figuresOf = (month: string): Figures =>
  new Map([...seriesByKey].flatMap(([key, values]) => (values.has(month) ? [[key, { value: values.get(month) ?? 0 }]] : [])));
const review = buildReview({
  quarter: "2024-Q1",
  catalog: CATALOG.map((indicator) => ({ ...indicator, active: true, inForceFrom: null, retiredFrom: null })),
  seriesByKey,
  figuresOf,
  targets: [{ id: 1, key: "nanny_new", withdrawn: false, rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求" }],
  today: "2024-12",
});

async function readBack(comments: Parameters<typeof buildReviewWorkbook>[1]) {
  const buffer = await buildReviewWorkbook(review, comments, { organization: "攀枝花市西区科学技术协会", generatedAt: new Date("2024-04-08T02:00:00Z"), draft: true });
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  await workbook.xlsx.load(copy);
  return workbook;
}

function findRow(sheet: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(2).value === name || row.getCell(1).value === name) found = row;
  });
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

describe("the review workbook", () => {
  it("has a sheet per section with Chinese headers", async () => {
    const workbook = await readBack([]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["指标汇总", "未达标与措施", "缺报清单", "一致性提醒"]);
    const summary = workbook.getWorksheet("指标汇总")!;
    expect(summary.getCell("A1").value).toBe("攀枝花市西区科学技术协会 2024年第一季度工作推进会材料（草稿）");
    expect(summary.getRow(3).values).toContain("本季度");
  });

  it("writes figures as numbers with their formats, reading back the same numbers", async () => {
    const summary = (await readBack([])).getWorksheet("指标汇总")!;
    const nanny = findRow(summary, "促成“保姆式”服务单数");
    expect(nanny.getCell(4).value).toBe(75);
    expect(nanny.getCell(4).numFmt).toBe("0");
    // the attainment as the page shows it: 25 ÷ 34 to 0.1 %
    expect(nanny.getCell(8).value).toBe(0.735);
    expect(nanny.getCell(8).numFmt).toBe("0.0%");
    expect(nanny.getCell(9).value).toBe("未达标");
    expect(nanny.getCell(10).value).toBe("本季度月均 25.0单，达成 73.5%；其余 9 个月每月需 ≥ 37单");
    expect(nanny.getCell(7).value).toBe("月均不少于 34单（自2024年起，省科协要求）");

    const volume = findRow(summary, "科普服务量");
    expect(volume.getCell(4).value).toBe(900.5);
    expect(volume.getCell(4).numFmt).toBe("0.00");
    expect(volume.getCell(15).value).toBe(10);
    expect(volume.getCell(16).value).toBe("2024年3月");
    expect(volume.getCell(17).value).toBe("上升2名");

    const coverage = findRow(summary, "精准科普覆盖率");
    expect(coverage.getCell(4).value).toBeCloseTo(0.0512, 10);
    expect(coverage.getCell(4).numFmt).toBe("0.00%");

    const users = findRow(summary, "累计注册用户");
    expect(users.getCell(11).value).toBe(988);
    expect(users.getCell(12).value).toBeCloseTo(988 / 14312, 6);
  });

  it("says 无可比数据 rather than a zero where there is nothing to compare", async () => {
    const summary = (await readBack([])).getWorksheet("指标汇总")!;
    expect(findRow(summary, "促成“保姆式”服务单数").getCell(13).value).toBe("无可比数据");
  });

  it("keeps formula-looking commentary as text", async () => {
    const workbook = await readBack([
      { indicatorKey: "nanny_new", topic: "cause", body: "=HYPERLINK(\"http://evil\",\"点我\")" },
      { indicatorKey: "nanny_new", topic: "next_step", body: "+1 每周两次对接" },
      { indicatorKey: "", topic: "overall", body: "@SUM(A1:A2)" },
    ]);
    const red = workbook.getWorksheet("未达标与措施")!;
    const row = findRow(red, "促成“保姆式”服务单数");
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(4).value).toBe("=HYPERLINK(\"http://evil\",\"点我\")");
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(5).value).toBe("+1 每周两次对接");
    expect(red.getCell(2, 1).type).toBe(ExcelJS.ValueType.String);
    expect(red.getCell(2, 1).value).toBe("总体分析：@SUM(A1:A2)");
  });

  it("shows 待填写 where a note is missing", async () => {
    const red = (await readBack([])).getWorksheet("未达标与措施")!;
    expect(findRow(red, "促成“保姆式”服务单数").getCell(4).value).toBe("待填写");
  });

  it("lists missing months", async () => {
    const missing = (await readBack([])).getWorksheet("缺报清单")!;
    expect(findRow(missing, "累计注册用户").getCell(2).value).toBe("1月、2月");
  });

  it("stores a percentage as a fraction under a % format", () => {
    expect(excelNumber(4.87, { unit: "%", decimals: 2 })).toEqual({ value: 0.0487, numFmt: "0.00%" });
    expect(excelNumber(878.44, { unit: "万人次", decimals: 2 })).toEqual({ value: 878.44, numFmt: "0.00" });
  });
});
