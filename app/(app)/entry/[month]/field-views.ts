import "server-only";
import { breakdownDepth, type IndicatorDefinition } from "@/lib/catalog";
import { formatDateTime, formatFigure, formatRevisionValue } from "@/lib/format";
import { revisionSourceLabel } from "@/lib/records";
import type { StoredFigure } from "@/db/observations";
import type { RevisionView } from "@/db/revisions";
import type { EntryFieldView, HistoryItem } from "./entry-state";

/** What every form's field shows of an indicator, whatever the period: its name, place, hint, figure and changes. */
export function fieldView(
  indicator: IndicatorDefinition,
  form: readonly IndicatorDefinition[],
  figure: StoredFigure | undefined,
  history: HistoryItem[],
): Omit<EntryFieldView, "historyHref" | "previousText" | "baseline" | "lastRankedUnits" | "yearNote"> {
  const byKey = new Map(form.map((other) => [other.key, other]));
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    kind: indicator.kind,
    decimals: indicator.decimals,
    depth: breakdownDepth(indicator, byKey),
    rankedName: byKey.get(indicator.ranksKey ?? "")?.name ?? "",
    rankedUnit: byKey.get(indicator.ranksKey ?? "")?.unit ?? "",
    hint: breakdownHint(indicator, form),
    description: indicator.description,
    currentText: figure ? formatFigure(figure.value, indicator, figure.rankedUnits) : null,
    demo: figure?.isDemo ?? false,
    history,
  };
}

/** A period's revisions, by indicator, as the form's field histories show them. */
export function groupHistory(revisions: RevisionView[], indicators: readonly IndicatorDefinition[]): Map<string, HistoryItem[]> {
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const grouped = new Map<string, HistoryItem[]>();
  for (const revision of revisions) {
    const indicator = byKey.get(revision.indicatorKey);
    if (!indicator) continue;
    const item: HistoryItem = {
      id: revision.id,
      when: formatDateTime(revision.changedAt),
      who: revision.changedByName ?? "系统",
      change: `${formatRevisionValue(revision.oldValue, indicator, revision.oldRankedUnits)} → ${formatRevisionValue(revision.newValue, indicator, revision.newRankedUnits)}`,
      source: revisionSourceLabel(revision.source, revision.period),
      reason: revision.reason,
      plausibilityNote: revision.plausibilityNote,
    };
    grouped.set(revision.indicatorKey, [...(grouped.get(revision.indicatorKey) ?? []), item]);
  }
  return grouped;
}

/** How a breakdown relates to the indicators around it, in words. */
function breakdownHint(indicator: IndicatorDefinition, all: readonly IndicatorDefinition[]): string | null {
  const components = all.filter((other) => other.parentKey === indicator.key && other.parentRelation === "component");
  if (components.length > 0) return `= ${components.map((c) => c.name).join(" + ")}`;
  const parent = all.find((other) => other.key === indicator.parentKey);
  if (parent && indicator.parentRelation === "subset") return `不超过“${parent.name}”`;
  if (indicator.accumulatesKey) {
    const flow = all.find((other) => other.key === indicator.accumulatesKey);
    if (flow) return `= 上月累计 + 本月“${flow.name}”`;
  }
  return null;
}
