/**
 * The preview a clerk checks before anything is written: each planned figure against what is stored
 * (new, changed, unchanged, or refused because its month is locked), the consistency warnings the
 * entry form would raise for the figures as they would stand, and whether the import may go ahead.
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

export type PreviewStatus = "new" | "changed" | "unchanged" | "locked";

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
  /** Nothing invalid, nothing refused, and something to write. */
  canCommit: boolean;
};

export type StoredLookup = {
  /** The figures stored for a period (a month "YYYY-MM" or a year "YYYY"). */
  figures: (period: string) => ReadonlyMap<string, StoredValue>;
  isLocked: (period: string) => boolean;
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
    const status: PreviewStatus = sameStored(before, after) ? "unchanged" : stored.isLocked(planned.period) ? "locked" : before ? "changed" : "new";
    return { period: planned.period, key: planned.key, status, before, after, entered: planned.figure, cells: planned.cells };
  });
  const counts: Record<PreviewStatus, number> = { new: 0, changed: 0, unchanged: 0, locked: 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    layouts: plan.layouts,
    items,
    problems: plan.problems,
    warnings: warningsFor(items, catalog, stored),
    counts,
    canCommit: plan.problems.length === 0 && counts.locked === 0 && counts.new + counts.changed > 0,
  };
}

/** A period's figures as they would stand after the import. */
function standing(period: string, items: readonly PreviewItem[], stored: StoredLookup): Map<string, StoredValue> {
  const figures = new Map(stored.figures(period));
  for (const item of items) if (item.period === period && item.status !== "locked") figures.set(item.key, item.after);
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
