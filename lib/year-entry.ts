/**
 * Whole-year figures: a past year's flows known only as a year's total (as the 2023 baseline is),
 * stored against the year "YYYY" and never spread over invented months. The form for a year
 * (/entry/YYYY) and the import obey the same rules, decided here.
 */
import { summarize, type Series } from "./aggregate";
import { inForceIn, type IndicatorKind, type Tenure } from "./catalog";
import { isMonth, monthOfDate, monthsOfYear, yearOf } from "./periods";

/** Why a whole-year figure may not be given for `year` at `today`, or null: only a year that is over takes one. */
export function yearTotalRefusal(year: number, today: Date): string | null {
  return year >= yearOf(monthOfDate(today)) ? `${year}年尚未结束，不能填全年合计；请按月填写` : null;
}

/**
 * The indicators a year's form asks for: the flows in force in any month of the year, and any flow
 * already holding a figure for it. A level (stock, rate, rank) has no year total: its year-end
 * figure is December's.
 */
export function yearTotalCatalog<T extends Tenure & { key: string; kind: IndicatorKind }>(
  all: readonly T[],
  year: number,
  hasFigure: (key: string) => boolean,
): T[] {
  const months = monthsOfYear(year);
  return all.filter((indicator) => indicator.kind === "flow" && (months.some((month) => inForceIn(indicator, month)) || hasFigure(indicator.key)));
}

/**
 * A flow's months of `year` added up, the whole-year figure left aside: what a year's form shows
 * beside the total, so that the two can be compared (they are never merged).
 */
export function monthsOfYearTotal(series: Series, year: number, decimals: number): { value: number | null; reportedMonths: number } {
  const months = new Map([...series].filter(([period]) => isMonth(period)));
  const sum = summarize("flow", months, monthsOfYear(year), decimals);
  return { value: sum.value, reportedMonths: sum.reportedMonths };
}
