/**
 * The pack as an Excel workbook that prints: a sheet (or two) per section of the page, in its order
 * and under its numbered heading; A4, each sheet's columns chosen to fit the page at a readable size
 * (portrait where they fit it, else landscape; lib/sheet-print.ts), the section's heading and the
 * column headers repeated on every page, the unit in the header and "第 n 页 共 m 页" in the footer,
 * a CJK font, wrapped long text, 序号, ranks as rows of their own, and the 填报单位/填报人/审核人/日期
 * block. Figures are numbers under their formats; text users wrote is stored as text, never as a
 * formula, whatever character it starts with. Renders the pack only.
 */
import ExcelJS from "exceljs";
import { sheetChange } from "../format";
import { pageSetupOf, rowHeight, SHEET_FONT, sheetPrint } from "../sheet-print";
import type { Pack, PackComparison, PackIndicator, PackRow, PackTarget } from "./model";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };
const CATEGORY_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF94A3B8" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A figure as Excel should hold it: a percentage as a fraction under a % format, else as entered. */
export function excelNumber(value: number, indicator: Pick<PackIndicator, "unit" | "decimals">): { value: number; numFmt: string } {
  const places = indicator.decimals > 0 ? `.${"0".repeat(indicator.decimals)}` : "";
  if (indicator.unit === "%") return { value: value / 100, numFmt: `0${places}%` };
  return { value, numFmt: `0${places}` };
}

type Cell = string | number | null | { value: number; numFmt: string };
type Table = {
  name: string;
  title: string;
  subtitle: string;
  /** The section's numbered heading, as the page words it: "二、指标完成情况". */
  heading: string;
  headers: string[];
  widths: number[];
  rows: { cells: Cell[]; category?: boolean }[];
  /** Columns (1-based) of long text that wraps. */
  wrap: number[];
};

/** Header and footer codes: "&" is written "&&" so that a unit's name is never read as a code. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** Rows above the table: the title, the notes, the section's heading, the column headers (the last two repeat on every page). */
const HEADER_ROW = 4;

function addTable(workbook: ExcelJS.Workbook, pack: Pack, table: Table): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.name);
  const columns = table.headers.length;
  sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, columns);
  sheet.getRow(1).font = { name: SHEET_FONT, bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(1).height = 24;
  sheet.addRow([table.subtitle]);
  sheet.mergeCells(2, 1, 2, columns);
  sheet.getRow(2).height = rowHeight([table.subtitle], [table.widths.reduce((sum, width) => sum + width, 0)], 9);
  sheet.getCell(2, 1).alignment = { wrapText: true, vertical: "top" };
  sheet.addRow([table.heading]);
  sheet.mergeCells(3, 1, 3, columns);
  sheet.getRow(3).font = { name: SHEET_FONT, bold: true, size: 12 };
  sheet.getRow(3).height = 20;
  sheet.getRow(3).alignment = { vertical: "middle" };
  const header = sheet.addRow(table.headers);
  header.height = rowHeight(table.headers, table.widths);
  header.eachCell((cell) => {
    cell.font = { name: SHEET_FONT, bold: true, size: 10 };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  for (const { cells, category } of table.rows) {
    const row = sheet.addRow(cells.map((cell) => (cell !== null && typeof cell === "object" ? cell.value : cell)));
    if (!category) row.height = rowHeight(cells, table.widths);
    if (category) {
      sheet.mergeCells(row.number, 1, row.number, columns);
      row.getCell(1).fill = CATEGORY_FILL;
      row.getCell(1).font = { name: SHEET_FONT, bold: true, size: 10 };
    }
    for (let column = 1; column <= columns; column += 1) {
      const cell = row.getCell(column);
      const source = cells[column - 1];
      if (source !== null && typeof source === "object") cell.numFmt = source.numFmt;
      cell.border = BORDER;
      if (!category) cell.font = { name: SHEET_FONT, size: 10 };
      const figure = typeof source === "number" || (source !== null && typeof source === "object");
      const serial = column === 1 && table.headers[0] === "序号";
      cell.alignment = { vertical: "top", wrapText: table.wrap.includes(column) || typeof source === "string", horizontal: serial ? "center" : figure ? "right" : undefined };
    }
  }
  table.widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.getRow(2).font = { name: SHEET_FONT, size: 9, color: { argb: "FF475569" } };
  sheet.views = [{ state: "frozen", ySplit: HEADER_ROW }];
  const print = sheetPrint(table.widths);
  sheet.pageSetup = {
    ...pageSetupOf(print),
    printTitlesRow: `3:${HEADER_ROW}`,
    // columns that run on to a further page (a sheet too wide to shrink readably) carry 序号 and 指标 with them
    ...(print.fitToWidth ? {} : { printTitlesColumn: "A:B" }),
  };
  sheet.headerFooter = {
    // the size code comes before the font: "&9" followed by a digit would read as a larger size
    oddHeader: `&L&9&"${SHEET_FONT}"${headerText(pack.organization.name)}&R&9&"${SHEET_FONT}"${headerText(pack.title)}${pack.draft ? "（草稿）" : ""}`,
    oddFooter: `&C&9&"${SHEET_FONT}"第 &P 页 共 &N 页`,
  };
  return sheet;
}

/** The 填报单位/填报人/审核人/日期 block under a table, two labelled pairs a line. */
function addSignatures(sheet: ExcelJS.Worksheet, pack: Pack, columns: number): void {
  sheet.addRow([]);
  const half = Math.max(2, Math.floor(columns / 2));
  const blank = "＿＿＿＿＿＿";
  const lines: [string, string][] = [
    [`填报单位：${pack.signatures.unit}`, `填报人：${pack.signatures.preparedBy ?? blank}`],
    [`审核人：${pack.signatures.reviewedBy ?? blank}`, `日期：${pack.signatures.date}`],
  ];
  if (columns < 4) {
    for (const text of lines.flat()) {
      const row = sheet.addRow([text]);
      row.font = { name: SHEET_FONT, size: 11 };
    }
    return;
  }
  for (const [left, right] of lines) {
    const row = sheet.addRow([]);
    row.getCell(1).value = left;
    row.getCell(half + 1).value = right;
    sheet.mergeCells(row.number, 1, row.number, half);
    sheet.mergeCells(row.number, half + 1, row.number, columns);
    row.font = { name: SHEET_FONT, size: 11 };
    row.height = 22;
  }
}

function comparisonCells(comparison: PackComparison, indicator: PackIndicator): Cell[] {
  if (comparison.delta === null) return [comparison.text, null];
  return [sheetChange(comparison.delta, indicator), comparison.relative === null ? null : { value: comparison.relative, numFmt: "0.0%" }];
}

function targetCells(targets: readonly PackTarget[]): Cell[] {
  const attainment = targets[0]?.attainment ?? null;
  return [
    targets.map((target) => `${target.label}（${target.basis}）`).join("；") || "未设目标",
    attainment === null ? null : { value: attainment, numFmt: "0.0%" },
    targets.map((target) => target.statusLabel).join("；") || null,
    targets.map((target) => [target.summary, target.catchUpText].filter(Boolean).join("；")).join("\n") || null,
  ];
}

/** A line of the two 二 sheets: its figures, and (where it has targets) its targets, under one 序号. */
type IndicatorLine = { figures: Cell[]; targets: Cell[] | null };

/** An indicator's line, then its rank's line (a rank is never a column of its indicator). */
function indicatorLines(row: PackRow, number: () => number): IndicatorLine[] {
  const { indicator } = row;
  const name = `${"　".repeat(indicator.depth)}${indicator.name}`;
  const serial = number();
  const own: IndicatorLine = {
    figures: [
      serial,
      name,
      indicator.unit,
      row.quarter.value === null ? "未填报" : excelNumber(row.quarter.value, indicator),
      [row.quarter.missingText ?? (row.quarter.value === null ? null : "完整"), row.quarter.averageText].filter(Boolean).join("；") || null,
      row.yearToDate.value === null ? null : excelNumber(row.yearToDate.value, indicator),
      ...comparisonCells(row.quarterOnQuarter, indicator),
      ...comparisonCells(row.yearOnYear, indicator),
    ],
    targets: row.targets.length > 0 ? [serial, name, ...targetCells(row.targets)] : null,
  };
  const rank = row.rank;
  if (!rank) return [own];
  const units = rank.rankedUnits ? `共${rank.rankedUnits}个单位` : null;
  const rankSerial = number();
  const rankName = `${"　".repeat(indicator.depth)}${rank.name}`;
  const ofRank: IndicatorLine = {
    figures: [
      rankSerial,
      rankName,
      "名",
      rank.rank === null ? "未填报" : { value: rank.rank, numFmt: '"第"0"名"' },
      [rank.monthNote ? `${rank.monthNote.replace(/[（）]/g, "")}的名次` : null, units].filter(Boolean).join("，") || null,
      null,
      rank.changeText,
      null,
      rank.rank === null ? "无可比数据" : rank.sinceLastYearText,
      null,
    ],
    targets: rank.targets.length > 0 ? [rankSerial, rankName, ...targetCells(rank.targets)] : null,
  };
  return [own, ofRank];
}

export async function renderPackWorkbook(pack: Pack): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = pack.generatedAt;
  const { sections } = pack;
  const title = `${pack.organization.name} ${pack.title}${pack.draft ? "（草稿）" : ""}`;
  const generated = `生成于 ${pack.generatedText}`;
  const subtitle = `${generated}；${pack.basisNote}；${pack.judgedAtText.replace(/。$/, "")}；审核情况：${pack.approval.text}${pack.demo ? "；含示例数据（非真实填报）" : ""}`;

  const counts = pack.statusCounts.map((count) => `${count.label}${count.count}项`).join("，");
  const overview = addTable(workbook, pack, {
    name: "总体情况",
    title,
    subtitle: `${generated}；本季度对照目标评估：${counts}（其余指标未设目标）。${[pack.progressText, pack.completenessText].filter(Boolean).join("")}${pack.judgedAtText}${pack.overall.saved ? "" : "总体分析为系统根据填报数据草拟，尚未经工作人员保存。"}`,
    heading: sections.overview.heading,
    headers: ["总体分析"],
    widths: [72],
    wrap: [1],
    rows: pack.overall.text.split("\n").filter((line) => line.trim() !== "").map((line) => ({ cells: [line] })),
  });
  addSignatures(overview, pack, 1);

  let serial = 0;
  const next = () => (serial += 1);
  const lines = pack.categories.map(({ name, rows }) => ({ name, lines: rows.flatMap((row) => indicatorLines(row, next)) }));
  const summaryHeaders = ["序号", "指标", "单位", "本季度", "数据完整性", "本年累计", "较上季度", "环比", "较去年同季", "同比"];
  const summary = addTable(workbook, pack, {
    name: "指标汇总",
    title,
    subtitle,
    heading: sections.table.heading,
    headers: summaryHeaders,
    widths: [5, 24, 6, 11, 16, 11, 10, 8, 10, 8],
    wrap: [2, 5],
    rows: lines.flatMap(({ name, lines: members }) => [{ cells: [name], category: true }, ...members.map((line) => ({ cells: line.figures }))]),
  });
  addSignatures(summary, pack, summaryHeaders.length);

  addTable(workbook, pack, {
    name: "目标达成",
    title,
    subtitle: `${pack.judgedAtText}序号与“指标汇总”相同；只列设有目标的指标，其余指标未设目标。`,
    heading: `${sections.table.heading}（目标与达成）`,
    headers: ["序号", "指标", "目标", "达成率", "状态", "达成情况"],
    widths: [5, 24, 30, 8, 9, 33],
    wrap: [2, 3, 6],
    rows: lines.flatMap(({ name, lines: members }) => {
      const targeted = members.flatMap((line) => (line.targets ? [{ cells: line.targets }] : []));
      return targeted.length > 0 ? [{ cells: [name], category: true }, ...targeted] : [];
    }),
  });

  const redHeaders = ["序号", "指标", "目标", "实际情况", "原因", "下步措施"];
  const red = addTable(workbook, pack, {
    name: "未达标与措施",
    title,
    subtitle: pack.red.length === 0 ? "本季度没有未达标的指标。" : `未达标指标 ${pack.red.length} 项；原因与下步措施由工作人员填写，缺时为“待填写”。`,
    heading: `${sections.red.heading}（${pack.red.length}项）`,
    headers: redHeaders,
    widths: [5, 16, 22, 24, 21, 21],
    wrap: [2, 3, 4, 5, 6],
    rows: pack.red.map((item, index) => ({
      cells: [
        index + 1,
        item.name,
        `${item.target.label}（${item.target.basis}）`,
        [item.target.summary, item.target.catchUpText].filter(Boolean).join("；"),
        item.cause ?? "待填写",
        item.nextStep ?? "待填写",
      ],
    })),
  });
  addSignatures(red, pack, redHeaders.length);

  addTable(workbook, pack, {
    name: "缺报清单",
    title,
    subtitle: [pack.progressText, pack.completenessText].filter(Boolean).join("") || pack.missing.emptyText,
    heading: `${sections.missing.heading}（缺报清单）`,
    headers: ["序号", "指标", "缺报月份"],
    widths: [6, 30, 36],
    wrap: [2, 3],
    rows: pack.missing.items.map((item, index) => ({ cells: [index + 1, item.name, item.text.replace(/^缺/, "")] })),
  });

  addTable(workbook, pack, {
    name: "一致性提醒",
    title,
    subtitle: pack.warnings.items.length === 0 ? pack.warnings.emptyText : "提醒不是错误：请核对后在月度填报中更正",
    heading: `${sections.missing.heading}（一致性提醒）`,
    headers: ["序号", "月份", "提醒"],
    widths: [6, 12, 54],
    wrap: [3],
    rows: pack.warnings.items.map((item, index) => ({ cells: [index + 1, item.monthText, item.message] })),
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
