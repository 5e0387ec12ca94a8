/**
 * From sheets to an import plan: the figures each period would receive, with the cells they come
 * from, and every cell that cannot be imported with its reason. Every figure is judged by the entry
 * form's own schema (parseMonthlyEntry), one period at a time, so an import accepts exactly what the
 * form accepts. Nothing here touches the database: comparing with what is stored is the preview's job.
 */
import type { IndicatorKind } from "@/lib/catalog";
import { parseMonthlyEntry, type EnteredFigure, type EntryField } from "@/lib/entry-schema";
import { formatPeriod, isFutureMonth, isMonth, isYear } from "@/lib/periods";
import { yearTotalRefusal } from "@/lib/year-entry";
import { cellToEntryText, type Measure } from "./cell-text";
import type { Sheet } from "./grid";
import { indicatorMatcher } from "./indicator-match";
import { readLayout, type FoundValue, type SheetReading } from "./layout";

/** Figures before this year are refused as a likely typing slip. */
export const EARLIEST_IMPORT_YEAR = 2000;

export type PlannedFigure = {
  period: string;
  key: string;
  figure: EnteredFigure;
  /** Where each part of the figure was read, e.g. ["C14"] or ["C14", "C15"] for a rank and its N. */
  cells: string[];
};

export type CellProblem = { address: string; message: string };

export type ImportPlan = {
  /** How each sheet was read, in words. */
  layouts: string[];
  figures: PlannedFigure[];
  problems: CellProblem[];
};

/** Bare months ("6月 7月") and no year anywhere: the year to ask for, with a sensible default. */
export type YearChoice = { months: string[]; defaultYear: number; years: number[] };

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; message: string; yearChoice?: YearChoice };

/** How many years back the year choice offers. */
const YEARS_OFFERED = 6;

export const NO_LAYOUT_MESSAGE =
  "没有找到可导入的数据：表格中应有一列指标（指标键或名称），以及若干期间（如“2026年3月”“2026-03”“2026年”）。可先下载导入模板，按模板填写。";

export type PlanField = EntryField & { kind: IndicatorKind };

/**
 * `year`: the year the user chose for bare months ("6月"), used only where the sheet names none.
 */
export function planImport(sheets: readonly Sheet[], catalog: readonly PlanField[], today: Date, options: { year?: number } = {}): PlanOutcome {
  const match = indicatorMatcher(catalog);
  const readingsWith = (year: number | null) => sheets.map((sheet) => readLayout(sheet, match, year)).filter((reading): reading is SheetReading => reading !== null);
  const readings = readingsWith(options.year ?? null);
  if (readings.length === 0) {
    const yearChoice = missingYear(readingsWith(today.getUTCFullYear()), today);
    return yearChoice ? { ok: false, message: missingYearMessage(yearChoice), yearChoice } : { ok: false, message: NO_LAYOUT_MESSAGE };
  }
  return { ok: true, plan: planReadings(readings, catalog, today) };
}

/** The figures each period would receive from sheets already read (by readLayout, or a unit's row of a bulletin), and every cell refused. */
export function planReadings(readings: readonly SheetReading[], catalog: readonly PlanField[], today: Date): ImportPlan {
  const prefixed = readings.length > 1;
  const where = (reading: SheetReading, address: string) => (prefixed ? `${reading.sheet}!${address}` : address);
  const byKey = new Map(catalog.map((field) => [field.key, field]));

  const problems: CellProblem[] = [];
  const inputs = new Map<string, Record<string, string>>();
  const cellsOf = new Map<string, Map<string, string>>();
  for (const reading of readings) {
    for (const problem of reading.problems) problems.push({ address: where(reading, problem.address), message: problem.message });
    for (const found of reading.values) {
      const field = byKey.get(found.target.key);
      if (!field) continue;
      const address = where(reading, found.address);
      const refusal = periodRefusal(found.period.period, found.target.detail !== null, field, today);
      if (refusal) {
        problems.push({ address, message: refusal });
        continue;
      }
      const converted = cellToEntryText(found.cell, measureOf(found, field, byKey), found.unitHint);
      if (converted === null) continue;
      if ("error" in converted) {
        problems.push({ address, message: converted.error });
        continue;
      }
      const input = inputs.get(found.period.period) ?? {};
      const cells = cellsOf.get(found.period.period) ?? new Map<string, string>();
      const earlier = cells.get(found.target.field);
      if (earlier !== undefined && input[found.target.field] !== converted.text) {
        problems.push({ address, message: `与 ${earlier} 重复：${formatPeriod(found.period.period)}的“${field.name}”出现了两个不同的数` });
        continue;
      }
      input[found.target.field] = converted.text;
      cells.set(found.target.field, address);
      inputs.set(found.period.period, input);
      cellsOf.set(found.period.period, cells);
    }
  }

  const figures: PlannedFigure[] = [];
  const order = new Map(catalog.map((field, index) => [field.key, index]));
  for (const [period, input] of [...inputs].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = cellsOf.get(period) ?? new Map<string, string>();
    let parsed = parseMonthlyEntry(catalog, input);
    if (!parsed.ok) {
      const valid = { ...input };
      for (const [name, messages] of Object.entries(parsed.fieldErrors)) {
        const address = cells.get(name) ?? [...cells].find(([field]) => field.startsWith(`${name}__`))?.[1] ?? "";
        for (const message of messages) problems.push({ address, message });
        for (const field of Object.keys(valid)) if (field === name || field.startsWith(`${name}__`)) delete valid[field];
      }
      // the period's other figures are still shown in the preview (which cannot be confirmed)
      parsed = parseMonthlyEntry(catalog, valid);
      if (!parsed.ok) continue;
    }
    const ordered = [...parsed.figures].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const [key, figure] of ordered) {
      const partCells = [...cells].filter(([name]) => name === key || name.startsWith(`${key}__`)).map(([, address]) => address);
      figures.push({ period, key, figure, cells: partCells });
    }
  }
  problems.sort((a, b) => compareAddresses(a.address, b.address));
  return { layouts: readings.map((reading) => reading.description), figures, problems };
}

/**
 * The sheet reads once a year is supplied: its months lack one. The default is this year, or last
 * year when a month named would still be to come this year ("11月 12月" read in February).
 */
function missingYear(probed: readonly SheetReading[], today: Date): YearChoice | null {
  const periods = [...new Set(probed.flatMap((reading) => reading.values.map((value) => value.period.period)))].sort();
  if (periods.length === 0) return null;
  const thisYear = today.getUTCFullYear();
  const defaultYear = periods.some((period) => isMonth(period) && isFutureMonth(period, today)) ? thisYear - 1 : thisYear;
  const months = periods.map((period) => (isMonth(period) ? `${Number(period.slice(5, 7))}月` : "全年"));
  return { months: [...new Set(months)], defaultYear, years: Array.from({ length: YEARS_OFFERED }, (_, back) => thisYear - back) };
}

function missingYearMessage(choice: YearChoice): string {
  const shown = choice.months.slice(0, 6).map((month) => `“${month}”`).join("");
  return `表头中的${shown}${choice.months.length > 6 ? " 等" : ""}没有写年份，无法确定是哪一年的数据：请在下方选择年份后点“按所选年份预览”（也可把表头写成“${choice.defaultYear}年${choice.months[0] ?? "1月"}”）。本次未写入任何数据。`;
}

/** Why a figure may not be given for this period, or null: the same rules for a file and for a commit. */
export function periodRefusal(period: string, isRankDetail: boolean, field: Pick<PlanField, "name" | "kind">, today: Date): string | null {
  const year = Number(period.slice(0, 4));
  const shape = /^(\d{4})(?:-(\d{2}))?$/.exec(period);
  if (shape && year < EARLIEST_IMPORT_YEAR) {
    return `${year}年${shape[2] ? `${Number(shape[2])}月` : ""}早于 ${EARLIEST_IMPORT_YEAR} 年，请核对年份`;
  }
  if (!isMonth(period) && !isYear(period)) return `期间“${period}”无效`;
  if (isMonth(period)) return isFutureMonth(period, today) ? `${formatPeriod(period)}尚未到来，不能导入未来月份的数据` : null;
  if (isRankDetail || field.kind !== "flow") {
    return `“${field.name}”是月末数，不能填全年合计：${year}年的年末数请填在${year}年12月`;
  }
  return yearTotalRefusal(year, today);
}

function measureOf(found: FoundValue, field: PlanField, byKey: ReadonlyMap<string, PlanField>): Measure {
  if (found.target.detail === null) return { unit: field.unit, kind: field.kind };
  if (found.target.detail === "of") return { unit: "", kind: "stock" };
  const ranked = byKey.get(field.ranksKey ?? "");
  return ranked ? { unit: ranked.unit, kind: ranked.kind } : { unit: "", kind: "stock" };
}

/** Sheet, then row, then column: "B3" before "A10" before "C10". */
function compareAddresses(a: string, b: string): number {
  const parse = (address: string) => {
    const match = /^(?:(.*)!)?([A-Z]+)(\d+)$/.exec(address);
    return { sheet: match?.[1] ?? "", col: match?.[2] ?? "", row: Number(match?.[3] ?? 0) };
  };
  const x = parse(a);
  const y = parse(b);
  return x.sheet.localeCompare(y.sheet) || x.row - y.row || x.col.length - y.col.length || x.col.localeCompare(y.col);
}
