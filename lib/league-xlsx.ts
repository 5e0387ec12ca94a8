/**
 * A league table as the 通报's workbook: the title over the table (merged), the date, then one row
 * per unit with 序号, numbers as numbers (a score as a percentage), and the units falling short
 * and the notes under it. Names and words are string cells, never formulas, whatever they start with.
 */
import ExcelJS from "exceljs";
import type { LeagueReport } from "./league-report";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };

export async function buildLeagueWorkbook(report: LeagueReport, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("通报", { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });

  const headers = ["序号", "名次", "单位", report.valueHeading, "较上月"];
  const widths = [6, 9, 24, 16, 9];
  if (report.hasTargets) {
    headers.push("目标", report.resultHeading, "状态");
    widths.push(20, 14, 10);
  }
  if (report.hasStated) {
    headers.push("全省排名（通报）");
    widths.push(16);
  }
  headers.push("与上一名差距");
  widths.push(26);

  const title = sheet.addRow([report.title]);
  title.font = { bold: true, size: 15 };
  title.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  title.height = 36;
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow([report.subject]).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, headers.length);
  const date = sheet.addRow([report.dateText]);
  date.alignment = { horizontal: "right" };
  sheet.mergeCells(3, 1, 3, headers.length);

  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  sheet.views = [{ state: "frozen", ySplit: 4 }];

  const places = report.decimals > 0 ? `.${"0".repeat(report.decimals)}` : "";
  const numberFormat = report.percent ? "0.0%" : `0${places}`;
  for (const row of report.rows) {
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
    added.eachCell({ includeEmpty: true }, (cell) => (cell.border = THIN));
    if (row.value !== null) added.getCell(4).numFmt = numberFormat;
    if (row.highlighted) added.font = { bold: true };
  }

  const footer = [
    `参与排名 ${report.rankedCount} 个单位${report.unreportedCount > 0 ? `，未填报 ${report.unreportedCount} 个` : ""}；名次按数值由高到低，数值相同者并列。`,
    ...(report.judgedText ? [report.judgedText] : []),
    ...report.shortfallLines,
    ...report.notes,
  ];
  sheet.addRow([]);
  for (const line of footer) {
    const added = sheet.addRow([line]);
    sheet.mergeCells(added.number, 1, added.number, headers.length);
    added.alignment = { wrapText: true, vertical: "top" };
  }
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
