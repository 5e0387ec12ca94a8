/**
 * The audit list as an Excel workbook: one row per change, newest first, Chinese headers, the time
 * as a real date (Beijing wall time). Every text — names, reasons, commentary — is written as a
 * string cell, so nothing in it ever becomes a formula, whatever it starts with.
 */
import ExcelJS from "exceljs";
import { AUDIT_AREA_LABELS, whoText, type AuditEntry } from "./audit";
import { formatDateTime } from "./format";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export type AuditSheetHeader = { organization: string; generatedAt: Date; filterText: string; truncated: boolean };

export async function buildAuditWorkbook(entries: readonly AuditEntry[], header: AuditSheetHeader): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = header.generatedAt;
  const sheet = workbook.addWorksheet("审计记录");
  const headers = ["时间（北京时间）", "类别", "操作", "对象", "期间", "内容", "操作人"];
  sheet.addRow([`${header.organization} · 审计记录`]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  const note = `导出于 ${formatDateTime(header.generatedAt)}；筛选：${header.filterText}；共 ${entries.length} 条${header.truncated ? "（已达上限，更早的记录未导出，请缩小筛选范围）" : ""}`;
  sheet.addRow([note]).font = { color: { argb: "FF64748B" } };
  sheet.mergeCells(2, 1, 2, headers.length);
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  sheet.views = [{ state: "frozen", ySplit: 3 }];

  for (const entry of entries) {
    // Excel dates carry no time zone: write the Beijing wall time
    const row = sheet.addRow([
      new Date(entry.at.getTime() + BEIJING_OFFSET_MS),
      AUDIT_AREA_LABELS[entry.area],
      entry.action,
      entry.subject,
      entry.period,
      entry.detail,
      whoText(entry),
    ]);
    row.getCell(1).numFmt = "yyyy-mm-dd hh:mm";
    row.alignment = { vertical: "top", wrapText: true };
  }
  [18, 12, 16, 28, 14, 60, 18].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
