/**
 * The import template for one year: the catalog as rows (key, 名称, 单位, 类型; a rank followed by a
 * row for its number of ranked units), the year's months as columns and a whole-year column for
 * flows, pre-filled with what is stored. The xlsx adds data validation on every number cell and a
 * 说明 sheet; the CSV (UTF-8 with a BOM, so Excel shows the Chinese) carries the same grid. Both are
 * read back by the importer exactly as written: re-importing an untouched template changes nothing.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { KIND_LABELS, type IndicatorDefinition } from "@/lib/catalog";
import { rankDetailField } from "@/lib/entry-schema";
import { formatMonth, isFutureMonth, isMonth, monthOfDate, monthsOfYear } from "@/lib/periods";
import { numberText } from "./cell-text";
import { DETAIL_NAMES } from "./indicator-match";
import { MAX_FILE_BYTES, MAX_CELLS } from "./limits";
import type { StoredValue } from "./preview";

/** Wide: indicators as rows, months as columns. Long: one row per period and indicator. */
export type TemplateLayout = "wide" | "long";

export type TemplateInput = {
  year: number;
  layout?: TemplateLayout;
  organization: string;
  catalog: readonly IndicatorDefinition[];
  /** The figures stored for a period ("YYYY-MM" or "YYYY"). */
  stored: (period: string) => ReadonlyMap<string, StoredValue>;
  today: Date;
};

type TemplateRow = {
  field: string;
  name: string;
  unit: string;
  kindLabel: string;
  indicator: IndicatorDefinition;
  isRankedUnits: boolean;
  /** One value (or null) per column of `periods`. */
  values: (number | null)[];
};

const FIXED_HEADERS = ["指标键", "名称", "单位", "类型"];

function columnsOf(year: number): { period: string; label: string }[] {
  return [...monthsOfYear(year).map((month) => ({ period: month, label: formatMonth(month) })), { period: String(year), label: `${year}年全年` }];
}

function templateRows(input: TemplateInput): TemplateRow[] {
  const columns = columnsOf(input.year);
  const stored = columns.map((column) => input.stored(column.period));
  return input.catalog.flatMap((indicator): TemplateRow[] => {
    const value = (index: number, pick: (figure: StoredValue) => number | null) => {
      const figure = stored[index]?.get(indicator.key);
      return figure ? pick(figure) : null;
    };
    const row: TemplateRow = {
      field: indicator.key,
      name: indicator.name,
      unit: indicator.unit,
      kindLabel: KIND_LABELS[indicator.kind],
      indicator,
      isRankedUnits: false,
      values: columns.map((_, index) => value(index, (figure) => figure.value)),
    };
    if (indicator.kind !== "rank") return [row];
    return [
      row,
      {
        field: rankDetailField(indicator.key, "of"),
        name: `${indicator.name} ${DETAIL_NAMES.of}`,
        unit: "个",
        kindLabel: DETAIL_NAMES.of,
        indicator,
        isRankedUnits: true,
        values: columns.map((_, index) => value(index, (figure) => figure.rankedUnits)),
      },
    ];
  });
}

/** Whether a column takes figures for this row: months already begun; the whole year for past years' flows. */
function isOpen(row: Pick<TemplateRow, "indicator" | "isRankedUnits">, period: string, input: TemplateInput): boolean {
  if (isMonth(period)) return !isFutureMonth(period, input.today);
  const thisYear = Number(monthOfDate(input.today).slice(0, 4));
  return row.indicator.kind === "flow" && !row.isRankedUnits && Number(period) < thisYear;
}

type LongRow = { label: string; indicator: IndicatorDefinition; value: number | null; rankedUnits: number | null };

const LONG_HEADERS = ["期间", "指标键", "名称", "单位", "数值", DETAIL_NAMES.of];

/** One row per period that takes figures and per indicator, months first, then the whole year. */
function longRows(input: TemplateInput): LongRow[] {
  return columnsOf(input.year).flatMap((column) => {
    const stored = input.stored(column.period);
    return input.catalog.flatMap((indicator): LongRow[] => {
      if (!isOpen({ indicator, isRankedUnits: false }, column.period, input)) return [];
      const figure = stored.get(indicator.key);
      return [{ label: column.label, indicator, value: figure?.value ?? null, rankedUnits: figure?.rankedUnits ?? null }];
    });
  });
}

function longCells(row: LongRow): (string | number | null)[] {
  return [row.label, row.indicator.key, row.indicator.name, row.indicator.unit, row.value, row.indicator.kind === "rank" ? row.rankedUnits : null];
}

export function templateCsv(input: TemplateInput): string {
  if (input.layout === "long") {
    const rows = longRows(input).map((row) => longCells(row).map((cell) => (typeof cell === "number" ? numberText(cell) : (cell ?? ""))));
    return `\ufeff${Papa.unparse([LONG_HEADERS, ...rows], { escapeFormulae: true, newline: "\r\n" })}\r\n`;
  }
  const columns = columnsOf(input.year);
  const rows = templateRows(input).map((row) => [
    row.field,
    row.name,
    row.unit,
    row.kindLabel,
    ...row.values.map((value) => (value === null ? "" : numberText(value))),
  ]);
  return `\ufeff${Papa.unparse([[...FIXED_HEADERS, ...columns.map((column) => column.label)], ...rows], { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };
const CLOSED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5E7EB" } };

function validationFor(row: Pick<TemplateRow, "indicator" | "isRankedUnits" | "unit">): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop" as const, errorTitle: "数值无效" };
  if (row.isRankedUnits) {
    return { ...common, type: "whole", operator: "between", formulae: [1, 100000], error: "参与排名的单位数应为正整数" };
  }
  if (row.indicator.kind === "rank") {
    return { ...common, type: "whole", operator: "greaterThanOrEqual", formulae: [1], error: "排名应为不小于 1 的整数" };
  }
  const places = row.indicator.decimals;
  if (row.indicator.unit === "%") {
    return { ...common, type: "decimal", operator: "between", formulae: [0, 100], error: `请填写 0 到 100 之间的百分数（不带 % 号，最多 ${places} 位小数）` };
  }
  if (places === 0) {
    return { ...common, type: "whole", operator: "greaterThanOrEqual", formulae: [0], error: `应为不小于 0 的整数（单位：${row.unit}）` };
  }
  return { ...common, type: "decimal", operator: "greaterThanOrEqual", formulae: [0], error: `应为不小于 0 的数，最多 ${places} 位小数（单位：${row.unit}）` };
}

function addLongSheet(workbook: ExcelJS.Workbook, input: TemplateInput): void {
  const sheet = workbook.addWorksheet(`${input.year}年`, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.addRow([`${input.organization} ${input.year}年指标数据（导入模板，每行一个数）`]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, LONG_HEADERS.length);
  const header = sheet.addRow(LONG_HEADERS);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const row of longRows(input)) {
    const added = sheet.addRow(longCells(row));
    const value = added.getCell(5);
    value.numFmt = row.indicator.kind !== "rank" && row.indicator.decimals > 0 ? `0.${"0".repeat(row.indicator.decimals)}` : "0";
    value.dataValidation = validationFor({ indicator: row.indicator, isRankedUnits: false, unit: row.indicator.unit });
    const units = added.getCell(6);
    if (row.indicator.kind === "rank") units.dataValidation = validationFor({ indicator: row.indicator, isRankedUnits: true, unit: "个" });
    else units.fill = CLOSED_FILL;
  }
  [12, 26, 30, 8, 12, 14].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
}

export async function templateXlsx(input: TemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = input.today;
  if (input.layout === "long") {
    addLongSheet(workbook, input);
    addNotes(workbook, input);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  const columns = columnsOf(input.year);
  const sheet = workbook.addWorksheet(`${input.year}年`, { views: [{ state: "frozen", xSplit: 2, ySplit: 2 }] });
  const width = FIXED_HEADERS.length + columns.length;
  sheet.addRow([`${input.organization} ${input.year}年指标数据（导入模板）`]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, width);
  const header = sheet.addRow([...FIXED_HEADERS, ...columns.map((column) => column.label)]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  for (const row of templateRows(input)) {
    const added = sheet.addRow([row.field, row.name, row.unit, row.kindLabel, ...row.values]);
    if (row.isRankedUnits) added.font = { color: { argb: "FF64748B" } };
    columns.forEach((column, index) => {
      const cell = added.getCell(FIXED_HEADERS.length + index + 1);
      const decimals = row.isRankedUnits || row.indicator.kind === "rank" ? 0 : row.indicator.decimals;
      cell.numFmt = decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
      if (isOpen(row, column.period, input)) cell.dataValidation = validationFor(row);
      else cell.fill = CLOSED_FILL;
    });
  }
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 30;
  sheet.getColumn(3).width = 8;
  sheet.getColumn(4).width = 14;
  for (let index = 0; index < columns.length; index += 1) sheet.getColumn(FIXED_HEADERS.length + index + 1).width = 12;

  addNotes(workbook, input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addNotes(workbook: ExcelJS.Workbook, input: TemplateInput): void {
  const notes = workbook.addWorksheet("说明");
  notes.getColumn(1).width = 110;
  const long = input.layout === "long";
  const lines = [
    `${input.organization} ${input.year}年指标数据导入模板 · 填写说明`,
    "",
    long
      ? `1. 在“${input.year}年”工作表中每行填一个数（期间、指标、数值），保存后在系统“导入”页上传，先预览、核对无误后再点“确认导入”。`
      : `1. 在“${input.year}年”工作表中按行（指标）与列（月份）填写数字，保存后在系统“导入”页上传，先预览、核对无误后再点“确认导入”。`,
    "2. 表中已填入系统里现有的数据；只改需要改的单元格即可。没有改动的数不会写入，也不会产生修订记录。",
    "3. 空白单元格表示“不导入”，不会清除系统中已有的数；如需删除某个数，请在“月度填报”页清空。",
    long
      ? `4. 流量指标（当月新增类）填当月新增数；累计、比率、排名填月末数。往年的流量指标只有全年合计时，填在期间为“${input.year}年全年”的行，系统不会把它摊到各月。`
      : "4. 流量指标（类型为“当月新增”）填当月新增数；累计、比率、排名填月末数。往年的流量指标只有全年合计时，填在“全年”列，系统不会把它摊到各月。",
    long
      ? "5. 表中只列出可以填写的期间与指标（不含尚未到来的月份；累计、比率、排名没有“全年”数，年末数填 12 月）。"
      : "5. 累计、比率、排名没有“全年”数：年末数请填在 12 月。灰色单元格（尚未到来的月份、不适用的“全年”）不能填写。",
    "6. 数字可带千分位逗号（14,312）或全角数字；“万”“亿”可直接写在数字后（1.39亿），会换算成指标的单位。百分比指标填 4.87 或 4.87%。",
    long
      ? "7. 排名填名次（整数），“参与排名单位数”列填通报中的总单位数 N（可不填）。"
      : "7. 排名填名次（整数），下一行“参与排名单位数”填通报中的总单位数 N（可不填）。",
    "8. 也可以不用本模板：任何一张以指标为行、月份为列（或月份为行、指标为列，或“月份 / 指标 / 数值”三列）的表都可以导入，指标用指标键或名称均可。",
    `9. 文件不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB、非空单元格不超过 ${MAX_CELLS} 个；支持 .xlsx 与 .csv（UTF-8 或 GBK），不支持旧版 .xls 与设有打开密码的文件。`,
    "10. 已锁定的月份不能通过导入修改；导入后每个改动的数都有修订记录，来源为“导入”并注明文件名。",
  ];
  for (const line of lines) notes.addRow([line]).alignment = { wrapText: true, vertical: "top" };
  notes.getRow(1).font = { bold: true, size: 14 };
}
