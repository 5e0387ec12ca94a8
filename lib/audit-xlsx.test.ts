import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit";
import { buildAuditWorkbook } from "./audit-xlsx";

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: "audit:1",
  at: new Date("2026-11-26T16:30:00Z"),
  area: "reviews",
  action: "退回",
  subject: "2026年10月数据",
  period: "2026年10月",
  detail: "原因：保姆式服务单数与台账不符",
  who: "李主任",
  username: "leader",
  ...over,
});

async function read(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  await workbook.xlsx.load(copy);
  return workbook.getWorksheet("审计记录")!;
}

describe("the audit workbook", () => {
  it("has a row per change under Chinese headers, with the time in Beijing", async () => {
    const sheet = await read(await buildAuditWorkbook([entry({})], { organization: "西区科协", generatedAt: new Date("2026-11-27T02:00:00Z"), filterText: "全部", truncated: false }));
    expect(sheet.getRow(3).values).toEqual([undefined, "时间（北京时间）", "类别", "操作", "对象", "期间", "内容", "操作人"]);
    const row = sheet.getRow(4);
    // 16:30 UTC on the 26th is 00:30 on the 27th in Beijing
    expect(row.getCell(1).value).toEqual(new Date("2026-11-27T00:30:00Z"));
    expect(row.getCell(1).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect([2, 3, 4, 6, 7].map((column) => row.getCell(column).value)).toEqual(["审核", "退回", "2026年10月数据", "原因：保姆式服务单数与台账不符", "李主任（leader）"]);
  });

  it("keeps text that looks like a formula as text", async () => {
    const dangerous = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)"];
    const buffer = await buildAuditWorkbook(
      dangerous.map((text, index) => entry({ id: `audit:${index}`, detail: text, subject: text })),
      { organization: "西区科协", generatedAt: new Date(), filterText: "全部", truncated: false },
    );
    const sheet = await read(buffer);
    for (let index = 0; index < dangerous.length; index += 1) {
      const cell = sheet.getRow(4 + index).getCell(6);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(dangerous[index]);
      expect(cell.formula).toBeUndefined();
    }
  });
});
