/**
 * A league table as the 通报's workbook: the title over the table (merged), the date, then one row
 * per unit with 序号, numbers as numbers (a score as a percentage), and the units falling short
 * and the notes under it. It prints on A4 at a readable size (portrait, or landscape where the
 * target and bulletin columns make it wide; lib/sheet-print.ts), the header rows repeated on every
 * page, page numbers in the footer. Names and words are string cells, never formulas, whatever they start with.
 */
import ExcelJS from "exceljs";
import type { LeagueReport } from "./league-report";
import { pageSetupOf, rowHeight, SHEET_FONT, sheetPrint } from "./sheet-print";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const HEADER_ROW = 4;

export async function buildLeagueWorkbook(report: LeagueReport, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("通报");

  // widths (in characters) that hold each column's usual content; long text wraps within them
  const headers = ["序号", "名次", "单位", report.valueHeading, "较上月"];
  const widths = [5, 10, 14, 12, 8];
  if (report.hasTargets) {
    headers.push("目标", report.resultHeading, "状态");
    widths.push(18, 16, 8);
  }
  if (report.hasStated) {
    headers.push("全省排名（通报）");
    widths.push(15);
  }
  headers.push("与上一名差距");
  widths.push(18);
  const columns = headers.length;

  const title = sheet.addRow([report.title]);
  title.font = { name: SHEET_FONT, bold: true, size: 15 };
  title.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  title.height = 36;
  sheet.mergeCells(1, 1, 1, columns);
  const subject = sheet.addRow([report.subject]);
  subject.font = { name: SHEET_FONT, size: 11 };
  subject.alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, columns);
  const date = sheet.addRow([report.dateText]);
  date.font = { name: SHEET_FONT, size: 10 };
  date.alignment = { horizontal: "right" };
  sheet.mergeCells(3, 1, 3, columns);

  const header = sheet.addRow(headers);
  header.font = { name: SHEET_FONT, bold: true, size: 10 };
  header.height = rowHeight(headers, widths);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  sheet.views = [{ state: "frozen", ySplit: HEADER_ROW }];

  const places = report.decimals > 0 ? `.${"0".repeat(report.decimals)}` : "";
  const numberFormat = report.percent ? "0.0%" : `0${places}`;
  for (const row of report.emptyText ? [] : report.rows) {
    const cells: ExcelJS.CellValue[] = [
      row.seq,
      row.rank === null ? "—" : row.tied ? `${row.rank}（并列）` : row.rank,
      row.name,
      row.value === null ? row.valueText : row.value,
      row.changeText,
    ];
    if (report.hasTargets) cells.push(row.targetText ?? "—", row.resultText ?? "—", row.statusLabel ?? "—");
    if (report.hasStated) cells.push(row.statedText ?? "—");
    cells.push(row.gapText ?? "—");
    const added = sheet.addRow(cells);
    added.height = rowHeight(cells, widths);
    added.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.border = THIN;
      cell.font = { name: SHEET_FONT, size: 10, bold: row.highlighted };
      // 序号 and 名次 centred, the value right-aligned, words wrapped
      const horizontal = column <= 2 ? "center" : typeof cell.value === "number" ? "right" : undefined;
      cell.alignment = { vertical: "top", wrapText: typeof cell.value === "string", horizontal };
    });
    if (row.value !== null) added.getCell(4).numFmt = numberFormat;
  }

  if (report.emptyText) {
    const added = sheet.addRow([report.emptyText]);
    sheet.mergeCells(added.number, 1, added.number, columns);
    added.font = { name: SHEET_FONT, size: 10 };
  }
  const footer = report.emptyText ? [...report.notes] : [
    `参与排名 ${report.rankedCount} 个单位${report.unreportedCount > 0 ? `，未填报 ${report.unreportedCount} 个` : ""}；名次按数值由高到低，数值相同者并列。`,
    ...(report.judgedText ? [report.judgedText] : []),
    ...report.shortfallLines,
    ...report.notes,
  ];
  sheet.addRow([]);
  const total = widths.reduce((sum, width) => sum + width, 0);
  for (const line of footer) {
    const added = sheet.addRow([line]);
    sheet.mergeCells(added.number, 1, added.number, columns);
    added.font = { name: SHEET_FONT, size: 10 };
    added.alignment = { wrapText: true, vertical: "top" };
    added.height = rowHeight([line], [total]);
  }
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.pageSetup = { ...pageSetupOf(sheetPrint(widths)), printTitlesRow: `1:${HEADER_ROW}` };
  sheet.headerFooter = { oddFooter: `&C&9&"${SHEET_FONT}"第 &P 页 共 &N 页` };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
