/**
 * The preview a clerk checks before anything is written: each planned figure against what is stored
 * (new, changed, unchanged, or left out because its month is closed: submitted for review or approved
 * and locked), the consistency warnings the entry form would raise for the figures as they would stand,
 * and whether the import may go ahead (the values of closed months are simply not written).
 */
import type { IndicatorDefinition } from "@/lib/catalog";
import { checkConsistency, type Figures } from "@/lib/consistency";
import type { EnteredFigure } from "@/lib/entry-schema";
import { formatExact } from "@/lib/format";
import { roundTo } from "@/lib/numbers";
import { formatPeriod, isMonth, monthsOfYear, previousMonth, type Month } from "@/lib/periods";
import type { CellProblem, ImportPlan } from "./plan";

/** A figure as stored: what the preview compares with, and what the commit expects still to find. */
export type StoredValue = { value: number; rankedUnits: number | null; valueAbove: number | null; valueBelow: number | null };

export type PreviewStatus = "new" | "changed" | "unchanged" | "submitted" | "locked";

/** A month that takes no write: submitted and awaiting review, or approved (locked). */
export type ClosedState = "submitted" | "locked";

/** The statuses whose values are left out of an import because their month is closed. */
export const CLOSED_STATUSES: readonly ClosedState[] = ["submitted", "locked"];

export function emptyCounts(): Record<PreviewStatus, number> {
  return { new: 0, changed: 0, unchanged: 0, submitted: 0, locked: 0 };
}

type ClosedCounts = Pick<Record<PreviewStatus, number>, ClosedState>;

/** "3 个数属于已提交审核的月份、1 个数属于已锁定的月份", or "" when no value is left out. */
export function closedCountsText(counts: ClosedCounts): string {
  return [
    counts.submitted > 0 ? `${counts.submitted} 个数属于已提交审核的月份` : "",
    counts.locked > 0 ? `${counts.locked} 个数属于已锁定的月份` : "",
  ]
    .filter((part) => part !== "")
    .join("、");
}

/** After an import: "另有 3 个数属于已提交审核的月份，未导入。", or "". */
export function leftOutSentence(counts: ClosedCounts): string {
  const text = closedCountsText(counts);
  return text === "" ? "" : `另有 ${text}，未导入。`;
}

/**
 * In a preview: what confirming will leave out (`whose`: the units, in a bulletin), and how such a
 * month is opened again; "" when nothing.
 */
export function leftOutNotice(counts: ClosedCounts, whose = ""): string {
  const text = closedCountsText(counts);
  return text === "" ? "" : `另有 ${text}${whose === "" ? "" : `（${whose}）`}，确认后也不会导入（如需更正，请审核人退回或解除锁定后再导入）。`;
}

export type PreviewItem = {
  period: string;
  key: string;
  status: PreviewStatus;
  before: StoredValue | null;
  after: StoredValue;
  /** The figure as read: a rank's details it does not carry are left out, so what is stored stays. */
  entered: EnteredFigure;
  cells: string[];
};

export type PreviewWarning = { period: string; message: string };

export type ImportPreview = {
  layouts: string[];
  items: PreviewItem[];
  problems: CellProblem[];
  warnings: PreviewWarning[];
  counts: Record<PreviewStatus, number>;
  /** Nothing invalid and something to write (values of closed months are left out, not refused). */
  canCommit: boolean;
};

export type StoredLookup = {
  /** The figures stored for a period (a month "YYYY-MM" or a year "YYYY"). */
  figures: (period: string) => ReadonlyMap<string, StoredValue>;
  /** Whether the period's month takes no write, and why; null when it is open. */
  closed: (period: string) => ClosedState | null;
};

/** What the figure would be after saving: details the input leaves out keep their stored values. */
export function resolveFigure(entered: EnteredFigure, before: StoredValue | null): StoredValue {
  const keep = (given: number | null | undefined, stored: number | null | undefined) => (given === undefined ? (stored ?? null) : given);
  return {
    value: entered.value ?? 0,
    rankedUnits: keep(entered.rankedUnits, before?.rankedUnits),
    valueAbove: keep(entered.valueAbove, before?.valueAbove),
    valueBelow: keep(entered.valueBelow, before?.valueBelow),
  };
}

export function sameStored(a: StoredValue | null, b: StoredValue | null): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.rankedUnits === b.rankedUnits && a.valueAbove === b.valueAbove && a.valueBelow === b.valueBelow;
}

export function previewImport(plan: ImportPlan, catalog: readonly IndicatorDefinition[], stored: StoredLookup): ImportPreview {
  const items: PreviewItem[] = plan.figures.map((planned) => {
    const before = stored.figures(planned.period).get(planned.key) ?? null;
    const after = resolveFigure(planned.figure, before);
    const status: PreviewStatus = sameStored(before, after) ? "unchanged" : (stored.closed(planned.period) ?? (before ? "changed" : "new"));
    return { period: planned.period, key: planned.key, status, before, after, entered: planned.figure, cells: planned.cells };
  });
  const counts = emptyCounts();
  for (const item of items) counts[item.status] += 1;
  return {
    layouts: plan.layouts,
    items,
    problems: plan.problems,
    warnings: warningsFor(items, catalog, stored),
    counts,
    canCommit: plan.problems.length === 0 && counts.new + counts.changed > 0,
  };
}

/** A period's figures as they would stand after the import. */
function standing(period: string, items: readonly PreviewItem[], stored: StoredLookup): Map<string, StoredValue> {
  const figures = new Map(stored.figures(period));
  for (const item of items) if (item.period === period && (item.status === "new" || item.status === "changed")) figures.set(item.key, item.after);
  return figures;
}

function warningsFor(items: readonly PreviewItem[], catalog: readonly IndicatorDefinition[], stored: StoredLookup): PreviewWarning[] {
  const touched = [...new Set(items.filter((item) => item.status === "new" || item.status === "changed").map((item) => item.period))].sort();
  const warnings: PreviewWarning[] = [];
  for (const period of touched) {
    const figures: Figures = standing(period, items, stored);
    const previous: Figures = isMonth(period) ? standing(previousMonth(period), items, stored) : new Map();
    for (const warning of checkConsistency(catalog, figures, previous)) warnings.push({ period, message: warning.message });
  }
  const years = new Set(touched.map((period) => period.slice(0, 4)));
  for (const year of [...years].sort()) warnings.push(...yearAgainstMonths(year, items, catalog, stored));
  return warnings;
}

/** A flow's whole-year figure should equal the sum of its twelve months when both are there. */
function yearAgainstMonths(year: string, items: readonly PreviewItem[], catalog: readonly IndicatorDefinition[], stored: StoredLookup): PreviewWarning[] {
  const annual = standing(year, items, stored);
  const months = monthsOfYear(Number(year)).map((month: Month) => standing(month, items, stored));
  return catalog.flatMap((indicator): PreviewWarning[] => {
    const total = annual.get(indicator.key);
    if (indicator.kind !== "flow" || !total) return [];
    const values = months.map((figures) => figures.get(indicator.key)?.value);
    if (values.some((value) => value === undefined)) return [];
    const sum = roundTo(values.reduce<number>((acc, value) => acc + (value ?? 0), 0), indicator.decimals);
    if (sum === total.value) return [];
    return [{
      period: year,
      message: `${indicator.name}：${formatPeriod(year)}合计 ${formatExact(total.value, indicator)}，与 1–12 月之和 ${formatExact(sum, indicator)} 不一致`,
    }];
  });
}
