/**
 * The review pack as an Excel workbook: the same tables as the page, numbers as numbers with their
 * formats, Chinese headers, a sheet per section. Text written by users is stored as text, never as
 * a formula, whatever character it starts with.
 */
import ExcelJS from "exceljs";
import type { IndicatorDefinition } from "./catalog";
import type { Comparison } from "./compare";
import { formatDateTime } from "./format";
import { formatMonth, formatQuarter, monthParts } from "./periods";
import { missingText, type Review, type ReviewComment } from "./review";
import { formatMovement } from "./rankings";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE8F7" } };

/** A figure as Excel should hold it: a percentage as a fraction under a % format, else as entered. */
export function excelNumber(value: number, indicator: Pick<IndicatorDefinition, "unit" | "decimals">): { value: number; numFmt: string } {
  const places = indicator.decimals > 0 ? `.${"0".repeat(indicator.decimals)}` : "";
  if (indicator.unit === "%") return { value: value / 100, numFmt: `0${places}%` };
  return { value, numFmt: `0${places}` };
}

/**
 * User text for a cell. Excel and WPS run a *typed* entry starting with = + - @ as a formula; a cell
 * stored as a string never is. exceljs writes a JavaScript string as a string cell (only
 * `{ formula }` makes a formula), so the text goes in exactly as written.
 */
export function textCell(text: string): string {
  return text;
}

type Row = (string | number | null | { value: number; numFmt: string } | ExcelJS.CellValue)[];

function addTable(sheet: ExcelJS.Worksheet, title: string, subtitle: string, headers: string[], rows: Row[], widths: number[]) {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow([subtitle]).font = { color: { argb: "FF64748B" } };
  sheet.mergeCells(2, 1, 2, headers.length);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  sheet.views = [{ state: "frozen", ySplit: 3 }];
  for (const values of rows) {
    const row = sheet.addRow(values.map((value) => (value !== null && typeof value === "object" && "numFmt" in value ? value.value : value)));
    values.forEach((value, index) => {
      if (value !== null && typeof value === "object" && "numFmt" in value) row.getCell(index + 1).numFmt = value.numFmt;
    });
    row.alignment = { vertical: "top", wrapText: true };
  }
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
}

function comparisonCells(comparison: Comparison, indicator: IndicatorDefinition): Row {
  if (comparison.delta === null) return [comparison.reason ?? "无可比数据", null];
  const delta = indicator.kind === "rank" ? { value: comparison.delta, numFmt: "0" } : excelNumber(comparison.delta, indicator);
  return [delta, comparison.relative === null ? null : { value: comparison.relative, numFmt: "0.0%" }];
}

export type PackHeader = { organization: string; generatedAt: Date; draft: boolean };

export async function buildReviewWorkbook(review: Review, comments: readonly ReviewComment[], header: PackHeader): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "科普KPI看板";
  workbook.created = header.generatedAt;
  const title = `${header.organization} ${formatQuarter(review.quarter)}工作推进会材料${header.draft ? "（草稿）" : ""}`;
  const subtitle = `生成于 ${formatDateTime(header.generatedAt)}；季度数值：流量为三个月合计，累计数、比率、排名为季末值`;
  const note = (key: string, topic: ReviewComment["topic"]) =>
    comments.find((comment) => comment.indicatorKey === key && comment.topic === topic)?.body ?? "";

  addTable(
    workbook.addWorksheet("指标汇总"),
    title,
    subtitle,
    ["类别", "指标", "单位", "本季度", "数据完整性", "本年累计", "目标", "达成率", "状态", "达成情况", "较上季度", "环比", "较去年同季", "同比", "全省排名", "排名月份", "排名较上季末"],
    review.rows.map((row): Row => {
      const { indicator } = row;
      const shownAttainment = row.judgements[0]?.shownAttainment ?? null;
      return [
        indicator.category,
        indicator.name,
        indicator.unit,
        row.quarter.value === null ? "未填报" : excelNumber(row.quarter.value, indicator),
        row.missingMonths.length > 0 ? missingText(row.missingMonths) : "完整",
        row.yearToDate.value === null ? null : excelNumber(row.yearToDate.value, indicator),
        row.judgements.map((judgement) => `${judgement.label}（${judgement.inForceText}，${judgement.source}）`).join("；") || null,
        shownAttainment == null ? null : { value: shownAttainment, numFmt: "0.0%" },
        row.judgements.map((judgement) => judgement.statusLabel).join("；") || null,
        row.judgements.map((judgement) => [judgement.summary, judgement.catchUpText].filter(Boolean).join("；")).join("\n") || null,
        ...comparisonCells(row.quarterOnQuarter, indicator),
        ...comparisonCells(row.yearOnYear, indicator),
        row.rank?.rank == null ? null : { value: row.rank.rank, numFmt: "0" },
        row.rank?.month ? formatMonth(row.rank.month) : null,
        row.rank ? (row.rank.rank == null ? null : formatMovement(row.rank.change)) : null,
      ];
    }),
    [10, 26, 8, 12, 12, 12, 26, 10, 10, 36, 12, 9, 12, 9, 10, 12, 12],
  );

  const redSheet = workbook.addWorksheet("未达标与措施");
  addTable(
    redSheet,
    title,
    `总体分析：${note("", "overall") || "待填写"}`,
    ["指标", "目标", "实际情况", "原因", "下步措施"],
    review.red.map((row): Row => {
      const red = row.judgements.find((judgement) => judgement.status === "red");
      return [
        row.indicator.name,
        red?.label ?? "",
        [red?.summary, red?.catchUpText].filter(Boolean).join("；"),
        textCell(note(row.indicator.key, "cause") || "待填写"),
        textCell(note(row.indicator.key, "next_step") || "待填写"),
      ];
    }),
    [24, 20, 36, 40, 40],
  );
  const overallCell = redSheet.getCell(2, 1);
  overallCell.value = textCell(`总体分析：${note("", "overall") || "待填写"}`);

  addTable(
    workbook.addWorksheet("缺报清单"),
    title,
    [review.progressText, review.completenessText].filter(Boolean).join(""),
    ["指标", "缺报月份"],
    review.rows.filter((row) => row.missingMonths.length > 0).map((row): Row => [row.indicator.name, row.missingMonths.map((m) => `${monthParts(m).month}月`).join("、")]),
    [28, 20],
  );

  addTable(
    workbook.addWorksheet("一致性提醒"),
    title,
    "提醒不是错误：请核对后在月度填报中更正",
    ["月份", "提醒"],
    review.warnings.map(({ month, warning }): Row => [formatMonth(month), warning.message]),
    [12, 90],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
