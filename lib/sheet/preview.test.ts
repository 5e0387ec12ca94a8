import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/catalog";
import { planImport } from "./plan";
import { leftOutSentence, previewImport, type StoredValue, type StoredLookup } from "./preview";
import { readUpload } from "./read-file";
import { templateCsv, templateXlsx } from "./template";
import { planPaste, TODAY } from "./test-support";

const figure = (value: number, rankedUnits: number | null = null): StoredValue => ({ value, rankedUnits, valueAbove: null, valueBelow: null });

function lookup(stored: Record<string, Record<string, StoredValue>>, locked: string[] = [], submitted: string[] = []): StoredLookup {
  return {
    figures: (period) => new Map(Object.entries(stored[period] ?? {})),
    closed: (period: string) => {
      const month = period.length === 4 ? `${period}-12` : period;
      return locked.includes(month) ? "locked" : submitted.includes(month) ? "submitted" : null;
    },
  };
}

/** 2026 as it really stands: January to October reported, except March; November not yet. */
function realYear(): Record<string, Record<string, StoredValue>> {
  const stored: Record<string, Record<string, StoredValue>> = {
    "2025": { users_new: figure(1500), nanny_new: figure(400) },
    "2025-12": { users_total: figure(15800), popsci_volume_rank: figure(12, 183) },
  };
  let total = 15800;
  for (let m = 1; m <= 10; m += 1) {
    if (m === 3) continue;
    const month = `2026-${String(m).padStart(2, "0")}`;
    total += 100;
    stored[month] = {
      users_new: figure(100),
      users_new_individual: figure(97),
      users_new_org: figure(3),
      users_total: figure(m === 4 ? total + 100 : total),
      nanny_new: figure(30 + m),
      popsci_coverage_rate: figure(4.87),
      popsci_volume_rank: figure(12, 183),
    };
  }
  return stored;
}

describe("the preview", () => {
  it("classifies every figure as new, changed, unchanged, or left out for a submitted or locked month", () => {
    const plan = planPaste(
      ["月份\t指标\t数值", "2026-01\tnanny_new\t31", "2026-02\tnanny_new\t40", "2026-03\tnanny_new\t33", "2026-04\tnanny_new\t50", "2026-05\tnanny_new\t99"].join("\n"),
    );
    const preview = previewImport(plan, CATALOG, lookup(realYear(), ["2026-05"], ["2026-04"]));
    expect(preview.items.map((item) => [item.period, item.status, item.before?.value ?? null, item.after.value])).toEqual([
      ["2026-01", "unchanged", 31, 31],
      ["2026-02", "changed", 32, 40],
      ["2026-03", "new", null, 33],
      ["2026-04", "submitted", 34, 50],
      ["2026-05", "locked", 35, 99],
    ]);
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 1, submitted: 1, locked: 1 });
    // the closed months are left out, the rest may go ahead
    expect(preview.canCommit).toBe(true);
    expect(leftOutSentence(preview.counts)).toBe("另有 1 个数属于已提交审核的月份、1 个数属于已锁定的月份，未导入。");
  });

  it("cannot go ahead when every changed value falls in a closed month, and says nothing is left out when none is", () => {
    const plan = planPaste(["月份\t指标\t数值", "2026-04\tnanny_new\t50"].join("\n"));
    const preview = previewImport(plan, CATALOG, lookup(realYear(), [], ["2026-04"]));
    expect(preview.counts.submitted).toBe(1);
    expect(preview.canCommit).toBe(false);
    expect(leftOutSentence({ submitted: 0, locked: 0 })).toBe("");
  });

  it("keeps a rank's stored number of ranked units when the sheet does not give it", () => {
    const plan = planPaste("指标\t2026-01\t2026-02\npopsci_volume_rank\t12\t11\n");
    const preview = previewImport(plan, CATALOG, lookup(realYear()));
    expect(preview.items.map((item) => [item.status, item.after.value, item.after.rankedUnits])).toEqual([
      ["unchanged", 12, 183],
      ["changed", 11, 183],
    ]);
    expect(preview.canCommit).toBe(true);
  });

  it("may go ahead only when something changes, nothing is invalid and nothing is locked", () => {
    const same = previewImport(planPaste("指标\t2026-01\nnanny_new\t31\n"), CATALOG, lookup(realYear()));
    expect(same.canCommit).toBe(false);
    const invalid = previewImport(planPaste("指标\t2026-01\t2026-02\nnanny_new\t31.5\t50\n"), CATALOG, lookup(realYear()));
    expect(invalid.problems).toEqual([{ address: "B2", message: "应为整数（单位：单）" }]);
    expect(invalid.canCommit).toBe(false);
  });

  it("raises the entry form's consistency warnings for the figures as they would stand", () => {
    // March 2026 is missing: importing it checks its parts and its growth over February as stored
    const plan = planPaste("指标\t2026-03\nusers_new\t100\nusers_new_individual\t90\nusers_new_org\t3\nusers_total\t16150\n");
    const preview = previewImport(plan, CATALOG, lookup(realYear()));
    expect(preview.warnings).toEqual([
      { period: "2026-03", message: "新增注册用户（100户）应等于 新增个人用户 + 新增企事业单位（合计 93户）" },
      { period: "2026-03", message: "累计注册用户比上月增加 150人，与本月新增注册用户（100户）不符" },
    ]);
    expect(preview.canCommit).toBe(true);
  });

  it("warns when a whole-year flow disagrees with the sum of its twelve months", () => {
    const stored: Record<string, Record<string, StoredValue>> = {};
    for (let m = 1; m <= 12; m += 1) stored[`2025-${String(m).padStart(2, "0")}`] = { nanny_new: figure(30) };
    const preview = previewImport(planPaste("指标\t2025年全年\nnanny_new\t400\n"), CATALOG, lookup(stored));
    expect(preview.warnings.map((warning) => warning.message)).toEqual(["促成“保姆式”服务单数：2025年全年合计 400单，与 1–12 月之和 360单 不一致"]);
  });
});

describe("the template", () => {
  const input = {
    year: 2026,
    organization: "攀枝花市西区科学技术协会",
    catalog: CATALOG,
    stored: (period: string) => new Map(Object.entries(realYear()[period] ?? {})),
    today: TODAY,
  };

  it("comes back from an untouched xlsx as nothing to change", async () => {
    const bytes = await templateXlsx(input);
    const read = await readUpload(bytes, "template.xlsx");
    if (!read.ok) throw new Error(read.message);
    const planned = planImport(read.sheets, CATALOG, TODAY);
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.problems).toEqual([]);
    const preview = previewImport(planned.plan, CATALOG, lookup(realYear()));
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 9 * 7, submitted: 0, locked: 0 });
  });

  it("comes back from an untouched CSV as nothing to change, and starts with a UTF-8 BOM", async () => {
    const csv = templateCsv(input);
    expect(csv.startsWith("\ufeff指标键,名称,单位,类型,2026年1月")).toBe(true);
    const read = await readUpload(Buffer.from(csv, "utf8"), "template.csv");
    if (!read.ok) throw new Error(read.message);
    const planned = planImport(read.sheets, CATALOG, TODAY);
    if (!planned.ok) throw new Error(planned.message);
    expect(previewImport(planned.plan, CATALOG, lookup(realYear())).counts.unchanged).toBe(63);
  });

  it("in its long layout (one row per figure) lists only open periods and also comes back unchanged", async () => {
    const long = { ...input, layout: "long" as const };
    const csv = templateCsv(long);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("期间,指标键,名称,单位,数值,参与排名单位数");
    expect(lines).toContain("2026年1月,nanny_new,促成“保姆式”服务单数,单,31,");
    expect(lines).toContain("2026年3月,nanny_new,促成“保姆式”服务单数,单,,");
    expect(lines.some((line) => line.startsWith("2026年12月"))).toBe(false);
    expect(lines.some((line) => line.startsWith("2026年全年"))).toBe(false);
    for (const bytes of [Buffer.from(csv, "utf8"), await templateXlsx(long)]) {
      const read = await readUpload(bytes, "long");
      if (!read.ok) throw new Error(read.message);
      const planned = planImport(read.sheets, CATALOG, TODAY);
      if (!planned.ok) throw new Error(planned.message);
      expect(planned.plan.problems).toEqual([]);
      expect(previewImport(planned.plan, CATALOG, lookup(realYear())).counts).toEqual({ new: 0, changed: 0, unchanged: 63, submitted: 0, locked: 0 });
    }
  });

  it("pre-fills stored figures, validates open number cells and greys out months to come", async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await templateXlsx(input);
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    await workbook.xlsx.load(copy);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["2026年", "说明"]);
    const sheet = workbook.getWorksheet("2026年");
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getRow(2).values).toEqual([undefined, "指标键", "名称", "单位", "类型", ...Array.from({ length: 12 }, (_, i) => `2026年${i + 1}月`), "2026年全年"]);
    const nanny = sheet.getColumn(1).values.indexOf("nanny_new");
    expect(sheet.getRow(nanny).getCell(5).value).toBe(31);
    expect(sheet.getRow(nanny).getCell(7).value).toBe(null); // March 2026 was never reported
    expect(sheet.getRow(nanny).getCell(5).dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual" });
    expect(sheet.getRow(nanny).getCell(16).dataValidation).toBeUndefined(); // December 2026 is still to come
    const rate = sheet.getColumn(1).values.indexOf("popsci_coverage_rate");
    expect(sheet.getRow(rate).getCell(5).dataValidation).toMatchObject({ type: "decimal", formulae: [0, 100] });
    expect(sheet.getColumn(1).values).toContain("popsci_volume_rank__of");
  });
});
