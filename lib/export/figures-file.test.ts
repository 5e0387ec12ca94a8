import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/catalog";
import { planImport } from "@/lib/sheet/plan";
import { readUpload } from "@/lib/sheet/read-file";
import { figureLines, TODAY } from "@/lib/sheet/test-support";
import { exportWorkbook, figuresCsv, revisionsCsv, type ExportFigure, type ExportRevision } from "./figures-file";
import { describeFilter, readFigureFilter } from "./filter";

const at = new Date("2026-11-02T01:30:00Z");
const base = { valueAbove: null, valueBelow: null, isDemo: false, note: null, enteredBy: "zhangsan", enteredByName: "张三", enteredAt: at };
const FIGURES: ExportFigure[] = [
  { ...base, key: "nanny_new", name: "促成“保姆式”服务单数", unit: "单", kind: "flow", decimals: 0, period: "2025", value: 360, rankedUnits: null },
  { ...base, key: "popsci_coverage_rate", name: "精准科普覆盖率", unit: "%", kind: "rate", decimals: 2, period: "2026-10", value: 4.87, rankedUnits: null, isDemo: true },
  { ...base, key: "popsci_volume_rank", name: "科普服务量全省排名", unit: "名", kind: "rank", decimals: 0, period: "2026-10", value: 12, rankedUnits: 183, note: "=HYPERLINK(\"http://x\",\"点我\")" },
];
const REVISIONS: ExportRevision[] = [
  { key: "nanny_new", name: "促成“保姆式”服务单数", unit: "单", kind: "flow", decimals: 0, period: "2026-10", oldValue: null, newValue: 40, oldRankedUnits: null, newRankedUnits: null, source: "import", changedBy: "zhangsan", changedByName: "张三", changedAt: at, note: "导入文件：+cmd.xlsx", plausibilityNote: null },
  { key: "deals_new", name: "新增达成交易", unit: "个", kind: "flow", decimals: 0, period: "2026-10", oldValue: 2, newValue: 12000, oldRankedUnits: null, newRankedUnits: null, source: "form", changedBy: "zhangsan", changedByName: "张三", changedAt: at, note: null, plausibilityNote: "异常值已核对：近6个月中位数 2.5个，本次 12000个（约4800倍）" },
];
const header = { organization: "攀枝花市西区科学技术协会", generatedAt: at, filterText: "全部期间；全部指标" };

async function load(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  await workbook.xlsx.load(copy);
  return workbook;
}

describe("the export", () => {
  it("writes figures and revisions as numbers with units, demo flags, who and when (Beijing time)", async () => {
    const workbook = await load(await exportWorkbook(FIGURES, REVISIONS, header));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["数据", "修订记录", "说明"]);
    const data = workbook.getWorksheet("数据");
    expect(data?.getRow(3).values).toEqual([
      undefined, "popsci_coverage_rate", "精准科普覆盖率", "%", "月末比率", "2026-10", "2026年10月", 4.87, undefined, undefined, undefined, "是", "张三（zhangsan）",
      new Date("2026-11-02T09:30:00Z"),
    ]);
    expect(data?.getRow(2).getCell(6).value).toBe("2025年全年");
    expect(workbook.getWorksheet("修订记录")?.getRow(2).getCell(10).value).toBe("导入");
  });

  it("never turns text into a formula", async () => {
    const workbook = await load(await exportWorkbook(FIGURES, REVISIONS, header));
    const note = workbook.getWorksheet("数据")?.getRow(4).getCell(14);
    expect(note?.type).toBe(ExcelJS.ValueType.String);
    expect(note?.value).toBe("=HYPERLINK(\"http://x\",\"点我\")");
    const csv = figuresCsv(FIGURES);
    expect(csv.startsWith("\ufeff指标键,指标,单位")).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1)).data;
    expect(rows[3]?.[13]).toBe("'=HYPERLINK(\"http://x\",\"点我\")");
    expect(Papa.parse<string[]>(revisionsCsv(REVISIONS).slice(1)).data[1]?.[12]).toBe("导入文件：+cmd.xlsx");
  });

  it("keeps on each revision whether its value was flagged as far outside its history and confirmed, in the flag's words", async () => {
    const rows = Papa.parse<string[]>(revisionsCsv(REVISIONS).slice(1)).data;
    expect(rows[0]?.[13]).toBe("异常值核对");
    expect(rows[1]?.[13]).toBe("");
    expect(rows[2]?.[13]).toBe("异常值已核对：近6个月中位数 2.5个，本次 12000个（约4800倍）");
    const sheet = (await load(await exportWorkbook(FIGURES, REVISIONS, header))).getWorksheet("修订记录");
    expect(sheet?.getRow(3).getCell(14).value).toBe("异常值已核对：近6个月中位数 2.5个，本次 12000个（约4800倍）");
  });

  it("reads back through the importer as the same figures", async () => {
    const read = await readUpload(await exportWorkbook(FIGURES, REVISIONS, header), "export.xlsx");
    if (!read.ok) throw new Error(read.message);
    const planned = planImport(read.sheets, CATALOG, TODAY);
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.problems).toEqual([]);
    expect(figureLines(planned.plan)).toEqual(["2025 nanny_new 360", "2026-10 popsci_coverage_rate 4.87", "2026-10 popsci_volume_rank 12/183"]);
  });
});

describe("the export filter", () => {
  const keys = new Set(CATALOG.map((indicator) => indicator.key));
  const read = (query: string) => readFigureFilter(new URLSearchParams(query), keys);

  it("takes from/to months, a year, and indicator keys", () => {
    expect(read("")).toEqual({ ok: true, filter: { from: "0000-01", to: "9999-12", keys: null } });
    expect(read("from=2026-01&to=2026-06")).toEqual({ ok: true, filter: { from: "2026-01", to: "2026-06", keys: null } });
    expect(read("year=2025&indicator=nanny_new,users_new&indicator=nanny_new")).toEqual({
      ok: true,
      filter: { from: "2025-01", to: "2025-12", keys: ["nanny_new", "users_new"] },
    });
  });

  it("explains every bad parameter in Chinese", () => {
    expect(read("from=2026-13")).toEqual({ ok: false, message: "from 应为 YYYY-MM 格式的月份，例如 2026-01（收到“2026-13”）。" });
    expect(read("from=2026-06&to=2026-01")).toEqual({ ok: false, message: "from（2026-06）不能晚于 to（2026-01）。" });
    expect(read("year=26")).toMatchObject({ ok: false });
    expect(read("year=2026&from=2026-01")).toEqual({ ok: false, message: "year 与 from/to 只能二选一。" });
    expect(read("indicator=nope")).toEqual({ ok: false, message: "未知的指标键：nope。" });
  });

  it("describes itself in words", () => {
    const names = new Map(CATALOG.map((indicator) => [indicator.key, indicator.name]));
    expect(describeFilter({ from: "2026-01", to: "9999-12", keys: ["nanny_new"] }, names)).toBe("2026-01 至 最新；促成“保姆式”服务单数");
  });
});
