/**
 * Where the figures sit in a sheet. Three layouts are recognised, below any title rows:
 * - wide: indicators as rows, periods as columns (the template's layout; a merged "2026年" over
 *   "1月 … 12月 全年" works too);
 * - transposed: periods as rows, indicators as columns;
 * - long: one row per period × indicator, with columns for the indicator, the period and the value
 *   (found by their header labels, or by their content when there is no header).
 */
import { cellAddress, cellAt, columnCount, isBlank, labelText, shownAt, type Cell, type Sheet } from "./grid";
import type { FieldTarget, LabelMatch } from "./indicator-match";
import { periodOfCell, yearMentioned, type CellPeriod } from "./period-cell";

export type Matcher = (label: string) => LabelMatch | null;

export type FoundValue = {
  period: CellPeriod;
  target: FieldTarget;
  cell: Cell;
  address: string;
  /** A unit the sheet states for this value (a 单位 column, or brackets after a name). */
  unitHint: string | null;
};

export type Finding = { address: string; message: string };

/** "unit-row": one unit's row of a table of units (./unit-row.ts). */
export type LayoutKind = "wide" | "transposed" | "long" | "unit-row";

export type SheetReading = {
  sheet: string;
  layout: LayoutKind;
  description: string;
  values: FoundValue[];
  problems: Finding[];
};

const HEADER_SEARCH_ROWS = 20;
const LABELS = {
  key: ["指标键", "键", "key", "代码", "指标代码", "编码"],
  name: ["指标", "指标名称", "名称", "name", "indicator", "项目"],
  period: ["月份", "期间", "年月", "时间", "日期", "period", "month", "统计期间", "所属期间"],
  year: ["年份", "年度", "year"],
  value: ["数值", "值", "value", "数据", "填报值", "数量", "本期数", "本月数"],
  unit: ["单位", "unit", "计量单位"],
  rankedUnits: ["参与排名单位数", "排名单位数", "参与排名数"],
};

function textOf(cell: Cell): string {
  return cell.kind === "text" ? cell.text : cell.kind === "number" ? String(cell.value) : "";
}

function labelIs(cell: Cell, names: readonly string[]): boolean {
  const text = labelText(cell).toLowerCase();
  return text !== "" && names.includes(text);
}

/** `fallbackYear`: the year of bare months ("6月") when neither a title row nor the sheet's name gives one (the user's choice). */
export function readLayout(sheet: Sheet, match: Matcher, fallbackYear: number | null = null): SheetReading | null {
  const width = columnCount(sheet);
  const nameYear = yearMentioned(sheet.name) ?? fallbackYear;
  for (let row = 0; row < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); row += 1) {
    const titleYear = titleYearAbove(sheet, row, width) ?? nameYear;
    const found =
      wideAt(sheet, row, width, titleYear, match) ??
      transposedAt(sheet, row, width, titleYear, match) ??
      longAt(sheet, row, width, titleYear, match);
    if (found) return found;
  }
  return null;
}

function titleYearAbove(sheet: Sheet, row: number, width: number): number | null {
  for (let r = row - 1; r >= 0; r -= 1) {
    for (let c = 0; c < width; c += 1) {
      const year = yearMentioned(textOf(cellAt(sheet, r, c)));
      if (year !== null) return year;
    }
  }
  return null;
}

/** The periods named across one row, a merged year above a bare month lending it its year. */
function periodsAcross(sheet: Sheet, row: number, width: number, titleYear: number | null): Map<number, CellPeriod> {
  const periods = new Map<number, CellPeriod>();
  let previous: CellPeriod | null = null;
  for (let col = 0; col < width; col += 1) {
    const above = row > 0 ? periodOfCell(shownAt(sheet, row - 1, col), null) : null;
    const year = above?.whole === "year" ? Number(above.period) : titleYear;
    const afterSeptember = previous?.whole === "month" && previous.period.endsWith("-09");
    const period = periodOfCell(shownAt(sheet, row, col), year, afterSeptember);
    if (period) periods.set(col, period);
    previous = period;
  }
  return periods;
}

function bestColumn(counts: Map<number, number>): number | null {
  let best: number | null = null;
  for (const [col, count] of counts) if (count > 0 && (best === null || count > (counts.get(best) ?? 0))) best = col;
  return best;
}

function findColumn(sheet: Sheet, row: number, width: number, names: readonly string[]): number | null {
  for (let col = 0; col < width; col += 1) if (labelIs(shownAt(sheet, row, col), names)) return col;
  return null;
}

function wideAt(sheet: Sheet, row: number, width: number, titleYear: number | null, match: Matcher): SheetReading | null {
  const periods = periodsAcross(sheet, row, width, titleYear);
  if (periods.size === 0) return null;
  // a band of merged years above a row of bare months is not the header itself
  if ([...periods.values()].every((period) => period.whole === "year")) {
    const below = periodsAcross(sheet, row + 1, width, titleYear);
    if ([...below.values()].some((period) => period.whole === "month")) return null;
  }
  const byKey = new Map<number, number>();
  const byName = new Map<number, number>();
  for (let col = 0; col < width; col += 1) {
    if (periods.has(col)) continue;
    if (match(textOf(shownAt(sheet, row, col)))) return null; // a data row of a long table, not a header
    for (let r = row + 1; r < sheet.rows.length; r += 1) {
      const found = match(textOf(shownAt(sheet, r, col)));
      if (!found) continue;
      const counts = found.by === "key" ? byKey : byName;
      counts.set(col, (counts.get(col) ?? 0) + 1);
    }
  }
  const keyCol = bestColumn(byKey);
  const nameCol = bestColumn(byName);
  if (keyCol === null && nameCol === null) return null;
  const unitCol = findColumn(sheet, row, width, LABELS.unit);
  const reading: SheetReading = {
    sheet: sheet.name,
    layout: "wide",
    description: `工作表“${sheet.name}”：指标为行、期间为列，表头在第 ${row + 1} 行`,
    values: [],
    problems: [],
  };
  for (let r = row + 1; r < sheet.rows.length; r += 1) {
    const labels = [keyCol, nameCol].flatMap((col) => (col === null ? [] : [{ col, text: textOf(shownAt(sheet, r, col)) }]));
    const matched = labels.map((label) => match(label.text)).find((found) => found !== null) ?? null;
    const filled = [...periods.keys()].filter((col) => !isBlank(cellAt(sheet, r, col)));
    if (!matched) {
      const first = filled[0];
      if (first === undefined) continue;
      const label = labels.find((candidate) => candidate.text.trim() !== "");
      reading.problems.push(
        label
          ? { address: cellAddress(r, label.col), message: `未识别的指标“${label.text.trim()}”：这一行的数值未导入` }
          : { address: cellAddress(r, first), message: "这一行有数值，但没有指标名称" },
      );
      continue;
    }
    const unitHint = (unitCol === null ? "" : textOf(cellAt(sheet, r, unitCol)).trim()) || matched.unit;
    for (const col of filled) {
      const period = periods.get(col);
      if (!period) continue;
      reading.values.push({ period, target: matched.target, cell: cellAt(sheet, r, col), address: cellAddress(r, col), unitHint });
    }
  }
  return reading;
}

function transposedAt(sheet: Sheet, row: number, width: number, titleYear: number | null, match: Matcher): SheetReading | null {
  const columns = new Map<number, LabelMatch>();
  for (let col = 0; col < width; col += 1) {
    const found = match(textOf(shownAt(sheet, row, col)));
    if (found) columns.set(col, found);
  }
  if (columns.size === 0) return null;
  const counts = new Map<number, number>();
  for (let col = 0; col < width; col += 1) {
    if (columns.has(col)) continue;
    if (periodOfCell(shownAt(sheet, row, col), titleYear)) return null; // a data row of a long table
    for (let r = row + 1; r < sheet.rows.length; r += 1) {
      if (periodOfCell(shownAt(sheet, r, col), titleYear)) counts.set(col, (counts.get(col) ?? 0) + 1);
    }
  }
  const periodCol = bestColumn(counts);
  if (periodCol === null) return null;
  const reading: SheetReading = {
    sheet: sheet.name,
    layout: "transposed",
    description: `工作表“${sheet.name}”：期间为行、指标为列，表头在第 ${row + 1} 行`,
    values: [],
    problems: [],
  };
  let previous: CellPeriod | null = null;
  for (let r = row + 1; r < sheet.rows.length; r += 1) {
    const afterSeptember = previous?.whole === "month" && previous.period.endsWith("-09");
    const periodCell = shownAt(sheet, r, periodCol);
    const period = periodOfCell(periodCell, titleYear, afterSeptember);
    previous = period;
    const filled = [...columns.keys()].filter((col) => !isBlank(cellAt(sheet, r, col)));
    if (!period) {
      if (filled.length > 0) reading.problems.push({ address: cellAddress(r, periodCol), message: periodProblem(periodCell) });
      continue;
    }
    for (const col of filled) {
      const header = columns.get(col);
      if (!header) continue;
      reading.values.push({ period, target: header.target, cell: cellAt(sheet, r, col), address: cellAddress(r, col), unitHint: header.unit });
    }
  }
  return reading;
}

function periodProblem(cell: Cell): string {
  const text = textOf(cell).trim();
  return text ? `无法识别的期间“${text}”（应为 2026年3月、2026-03 或 2026年 等）` : "这一行有数值，但没有填期间";
}

type LongColumns = { name: number; period: number; year: number | null; value: number; unit: number | null; rankedUnits: number | null };

function longAt(sheet: Sheet, row: number, width: number, titleYear: number | null, match: Matcher): SheetReading | null {
  const labelled = longColumnsByLabel(sheet, row, width);
  const columns = labelled ?? longColumnsByContent(sheet, row, width, titleYear, match);
  if (!columns) return null;
  const firstData = labelled ? row + 1 : row;
  const reading: SheetReading = {
    sheet: sheet.name,
    layout: "long",
    description: labelled
      ? `工作表“${sheet.name}”：每行一个期间的一项指标，表头在第 ${row + 1} 行`
      : `工作表“${sheet.name}”：每行一个期间的一项指标（无表头），从第 ${row + 1} 行开始`,
    values: [],
    problems: [],
  };
  for (let r = firstData; r < sheet.rows.length; r += 1) {
    const valueCell = cellAt(sheet, r, columns.value);
    const unitsCell = columns.rankedUnits === null ? null : cellAt(sheet, r, columns.rankedUnits);
    if (isBlank(valueCell) && (!unitsCell || isBlank(unitsCell))) continue;
    const nameText = textOf(shownAt(sheet, r, columns.name));
    const matched = match(nameText);
    if (!matched) {
      reading.problems.push({
        address: cellAddress(r, columns.name),
        message: nameText.trim() ? `未识别的指标“${nameText.trim()}”：这一行未导入` : "这一行有数值，但没有指标名称",
      });
      continue;
    }
    const yearCell = columns.year === null ? null : periodOfCell(shownAt(sheet, r, columns.year), null);
    const periodCell = shownAt(sheet, r, columns.period);
    const period = periodOfCell(periodCell, yearCell?.whole === "year" ? Number(yearCell.period) : titleYear);
    if (!period) {
      reading.problems.push({ address: cellAddress(r, columns.period), message: periodProblem(periodCell) });
      continue;
    }
    const unitHint = (columns.unit === null ? "" : textOf(cellAt(sheet, r, columns.unit)).trim()) || matched.unit;
    if (!isBlank(valueCell)) {
      reading.values.push({ period, target: matched.target, cell: valueCell, address: cellAddress(r, columns.value), unitHint });
    }
    if (unitsCell && !isBlank(unitsCell) && columns.rankedUnits !== null && matched.target.detail === null) {
      reading.values.push({
        period,
        target: { field: `${matched.target.key}__of`, key: matched.target.key, detail: "of" },
        cell: unitsCell,
        address: cellAddress(r, columns.rankedUnits),
        unitHint: null,
      });
    }
  }
  return reading;
}

function longColumnsByLabel(sheet: Sheet, row: number, width: number): LongColumns | null {
  const name = findColumn(sheet, row, width, LABELS.key) ?? findColumn(sheet, row, width, LABELS.name);
  const period = findColumn(sheet, row, width, LABELS.period);
  const value = findColumn(sheet, row, width, LABELS.value);
  if (name === null || period === null || value === null) return null;
  return {
    name,
    period,
    value,
    year: findColumn(sheet, row, width, LABELS.year),
    unit: findColumn(sheet, row, width, LABELS.unit),
    rankedUnits: findColumn(sheet, row, width, LABELS.rankedUnits),
  };
}

/**
 * The first row of a sheet holding an indicator, a period and a value: a long table without a header
 * (as pasted). Below a header row of other columns, such a row belongs to some other table.
 */
function longColumnsByContent(sheet: Sheet, row: number, width: number, titleYear: number | null, match: Matcher): LongColumns | null {
  for (let r = 0; r < row; r += 1) if (sheet.rows[r]?.some((cell) => !isBlank(cell))) return null;
  let name: number | null = null;
  let period: number | null = null;
  for (let col = 0; col < width; col += 1) {
    const cell = shownAt(sheet, row, col);
    if (name === null && match(textOf(cell))) name = col;
    else if (period === null && periodOfCell(cell, titleYear)) period = col;
  }
  if (name === null || period === null) return null;
  for (let col = 0; col < width; col += 1) {
    if (col !== name && col !== period && !isBlank(cellAt(sheet, row, col))) {
      return { name, period, value: col, year: null, unit: null, rankedUnits: null };
    }
  }
  return null;
}
