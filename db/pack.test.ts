import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderMonthDocx, renderPackDocx } from "@/lib/pack/docx";
import { renderPackPptx } from "@/lib/pack/pptx";
import { renderPackWorkbook } from "@/lib/pack/xlsx";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import { listIndicators } from "./catalog";
import type { Db } from "./client";
import { approveMonth, returnMonth, submitMonth } from "./month-review";
import { loadMonthReport, loadPack } from "./pack";

let db: Db;
let cleanup: () => void;
let organizationId: number;
// the real year: 27 November 2026 in Beijing; of the third quarter July is approved, August submitted, September sent back
const now = new Date("2026-11-27T02:00:00Z");

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [
    { id: "u-staff", name: "张三", username: "zhangsan", role: "staff" },
    { id: "u-leader", name: "李主任", username: "leader", role: "viewer" },
  ]);
  const confirmedMissing = listIndicators(db).map((indicator) => indicator.key);
  for (const month of ["2026-07", "2026-08", "2026-09"] as const) {
    expect(submitMonth(db, { organizationId, month, userId: "u-staff", confirmedMissing, now }).ok).toBe(true);
  }
  expect(approveMonth(db, { organizationId, month: "2026-07", userId: "u-leader", now }).ok).toBe(true);
  expect(returnMonth(db, { organizationId, month: "2026-09", userId: "u-leader", reason: "参与人次有误，请核对", now }).ok).toBe(true);
});
afterEach(() => cleanup());

async function zipText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = await Promise.all(Object.values(zip.files).map((file) => file.async("string")));
  return parts.join("\n");
}

async function workbookText(buffer: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text))));
  return texts.join("\n");
}

describe("the pack's approval line for a month sent back", () => {
  const line = "已审核 1 / 3 个月；未审核：2026年8月（已提交）、2026年9月（已退回），其数字仍可能更改。";

  it("says 已退回 on the page and in the xlsx, docx and pptx alike", async () => {
    const pack = loadPack(db, { organizationId, quarter: "2026-Q3", now });
    expect(pack.approval.text).toBe(line);
    expect(await workbookText(await renderPackWorkbook(pack))).toContain(`审核情况：${line}`);
    expect(await zipText(await renderPackDocx(pack))).toContain(`审核情况：${line}`);
    expect(await zipText(await renderPackPptx(pack))).toContain(line);
  });

  it("says 已退回 in the month's report and its Word document", async () => {
    const report = loadMonthReport(db, { organizationId, month: "2026-09", now });
    expect(report.approval.text).toBe("已审核 0 / 1 个月；未审核：2026年9月（已退回），其数字仍可能更改。");
    expect(await zipText(await renderMonthDocx(report))).toContain("2026年9月（已退回）");
  });

  it("says 已提交 again once the month is resubmitted", () => {
    const confirmedMissing = listIndicators(db).map((indicator) => indicator.key);
    expect(submitMonth(db, { organizationId, month: "2026-09", userId: "u-staff", confirmedMissing, now }).ok).toBe(true);
    expect(loadPack(db, { organizationId, quarter: "2026-Q3", now }).approval.text).toBe(
      "已审核 1 / 3 个月；未审核：2026年8月（已提交）、2026年9月（已提交），其数字仍可能更改。",
    );
  });
});
