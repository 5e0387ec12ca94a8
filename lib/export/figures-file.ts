/**
 * Every figure and every revision, as a workbook (a sheet each) or as CSV. Numbers stay numbers, each
 * with its unit beside it; user text (names, notes, file names) is always written as text, never as
 * a formula: exceljs stores a string as a string cell, and the CSV quotes and prefixes with ' any
 * field starting with = + - @ (papaparse's escapeFormulae). The columns 指标键 / 期间 / 数值 make a
 * long table the importer reads back as it is.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { KIND_LABELS, type IndicatorKind } from "@/lib/catalog";
import { formatDateTime } from "@/lib/format";
import { formatPeriod } from "@/lib/periods";
import { REVISION_SOURCE_LABELS, type RevisionSource } from "@/lib/records";

export type ExportFigure = {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  decimals: number;
  period: string;
  value: number;
  rankedUnits: number | null;
  valueAbove: number | null;
  valueBelow: number | null;
  isDemo: boolean;
  note: string | null;
  enteredBy: string | null;
  enteredByName: string | null;
  enteredAt: Date;
};

export type ExportRevision = {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  decimals: number;
  period: string;
  oldValue: number | null;
  newValue: number | null;
  oldRankedUnits: number | null;
  newRankedUnits: number | null;
  source: RevisionSource;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
  note: string | null;
  /** The new value lay far outside its history and was saved once confirmed: the flag's words. */
  plausibilityNote: string | null;
};

type Column<T> = { header: string; width: number; value: (row: T) => string | number | Date | null; numFmt?: (row: T) => string };

const numberFormat = (decimals: number) => (decimals > 0 ? `0.${"0".repeat(decimals)}` : "0");
const person = (username: string | null, name: string | null) => (username ? `${name ?? username}（${username}）` : "系统");

/** Excel has no time zones: a moment is written as the wall-clock time in China (UTC+8). */
function chinaWallClock(date: Date): Date {
  return new Date(date.getTime() + 8 * 60 * 60 * 1000);
}

const FIGURE_COLUMNS: Column<ExportFigure>[] = [
  { header: "指标键", width: 24, value: (row) => row.key },
  { header: "指标", width: 26, value: (row) => row.name },
  { header: "单位", width: 8, value: (row) => row.unit },
  { header: "类型", width: 10, value: (row) => KIND_LABELS[row.kind] },
  { header: "期间", width: 10, value: (row) => row.period },
  { header: "期间说明", width: 14, value: (row) => formatPeriod(row.period) },
  { header: "数值", width: 12, value: (row) => row.value, numFmt: (row) => numberFormat(row.kind === "rank" ? 0 : row.decimals) },
  { header: "参与排名单位数", width: 14, value: (row) => row.rankedUnits },
  { header: "上一名数值", width: 12, value: (row) => row.valueAbove },
  { header: "下一名数值", width: 12, value: (row) => row.valueBelow },
  { header: "示例数据", width: 10, value: (row) => (row.isDemo ? "是" : "否") },
  { header: "填报人", width: 16, value: (row) => person(row.enteredBy, row.enteredByName) },
  { header: "填报时间", width: 18, value: (row) => row.enteredAt },
  { header: "备注", width: 40, value: (row) => row.note },
];

const REVISION_COLUMNS: Column<ExportRevision>[] = [
  { header: "指标键", width: 24, value: (row) => row.key },
  { header: "指标", width: 26, value: (row) => row.name },
  { header: "单位", width: 8, value: (row) => row.unit },
  { header: "期间", width: 10, value: (row) => row.period },
  { header: "期间说明", width: 14, value: (row) => formatPeriod(row.period) },
  { header: "原值", width: 12, value: (row) => row.oldValue, numFmt: (row) => numberFormat(row.kind === "rank" ? 0 : row.decimals) },
  { header: "新值", width: 12, value: (row) => row.newValue, numFmt: (row) => numberFormat(row.kind === "rank" ? 0 : row.decimals) },
  { header: "原参与排名单位数", width: 14, value: (row) => row.oldRankedUnits },
  { header: "新参与排名单位数", width: 14, value: (row) => row.newRankedUnits },
  { header: "来源", width: 12, value: (row) => REVISION_SOURCE_LABELS[row.source] },
  { header: "修改人", width: 16, value: (row) => person(row.changedBy, row.changedByName) },
  { header: "修改时间", width: 18, value: (row) => row.changedAt },
  { header: "备注", width: 40, value: (row) => row.note },
  { header: "异常值核对", width: 50, value: (row) => row.plausibilityNote },
];

export type ExportHeader = { organization: string; generatedAt: Date; filterText: string };

function addSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: readonly T[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(columns.map((column) => column.header)).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((column) => {
      const value = column.value(row);
      return value instanceof Date ? chinaWallClock(value) : value;
    }));
    columns.forEach((column, index) => {
      const cell = added.getCell(index + 1);
      if (column.numFmt) cell.numFmt = column.numFmt(row);
      else if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm";
    });
  }
  columns.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export async function exportWorkbook(figures: readonly ExportFigure[], revisions: readonly ExportRevision[], header: ExportHeader): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = header.generatedAt;
  addSheet(workbook, "数据", FIGURE_COLUMNS, figures);
  addSheet(workbook, "修订记录", REVISION_COLUMNS, revisions);
  const about = workbook.addWorksheet("说明");
  about.getColumn(1).width = 100;
  for (const line of [
    `${header.organization} 指标数据导出`,
    `导出时间：${formatDateTime(header.generatedAt)}（北京时间）`,
    `范围：${header.filterText}`,
    `共 ${figures.length} 个数、${revisions.length} 条修订记录。`,
    "“数据”表每行一个数：期间为 YYYY-MM（月）或 YYYY（全年合计，仅流量指标）；百分比指标的数值为百分数（4.87 即 4.87%）。",
    "“示例数据”为“是”的数是演示用的虚构数据，不是真实填报。本文件可直接在“导入”页导入（按“指标键 / 期间 / 数值”读取）。",
  ]) {
    about.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toCsv<T>(columns: Column<T>[], rows: readonly T[]): string {
  const data = rows.map((row) =>
    columns.map((column) => {
      const value = column.value(row);
      return value instanceof Date ? formatDateTime(value) : value;
    }),
  );
  // the BOM makes Excel read the file as UTF-8
  return `\ufeff${Papa.unparse({ fields: columns.map((column) => column.header), data }, { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}

export function figuresCsv(figures: readonly ExportFigure[]): string {
  return toCsv(FIGURE_COLUMNS, figures);
}

export function revisionsCsv(revisions: readonly ExportRevision[]): string {
  return toCsv(REVISION_COLUMNS, revisions);
}
