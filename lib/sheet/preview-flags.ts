/**
 * The plausibility flags of an import's preview (lib/plausibility.ts), worked out as the save path
 * will work them out at 确认导入: each value the import writes against the figures stored before
 * its period, with the import's own earlier periods laid over them (the save writes a file's
 * periods oldest first, so a later month is judged against the earlier months of the same file).
 */
import type { IndicatorDefinition } from "../catalog";
import { confirmationToken, overlayHistory, plausibilityFlag, type HistoryPoint, type PlausibilityFlag } from "../plausibility";
import type { StoredValue } from "./preview";

type Writing = { key: string; status: string; before: StoredValue | null; after: StoredValue };

/** What the import writes (new and changed figures); every other status is left as stored. */
function writes(status: string): boolean {
  return status === "new" || status === "changed";
}

/** A value the save path will judge: written, and not the value already stored. */
function judged(item: Writing): boolean {
  return writes(item.status) && item.after.value !== item.before?.value;
}

function flagOf(
  indicator: IndicatorDefinition | undefined,
  period: string,
  item: Writing,
  stored: readonly HistoryPoint[],
  overlay: readonly HistoryPoint[],
): PlausibilityFlag | null {
  if (!indicator || !judged(item)) return null;
  return plausibilityFlag(indicator, { period, value: item.after.value, rankedUnits: item.after.rankedUnits }, overlayHistory(stored, overlay));
}

/** A file's flags, by `period|key`: each written value against its stored history and the file's own earlier periods. */
export function importFlags(
  items: readonly (Writing & { period: string })[],
  catalog: readonly IndicatorDefinition[],
  history: (period: string) => ReadonlyMap<string, HistoryPoint[]>,
): Map<string, PlausibilityFlag> {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const written = new Map<string, HistoryPoint[]>();
  for (const item of items) {
    if (!writes(item.status)) continue;
    const point = { period: item.period, value: item.after.value, rankedUnits: item.after.rankedUnits };
    const points = written.get(item.key);
    if (points) points.push(point);
    else written.set(item.key, [point]);
  }
  const flags = new Map<string, PlausibilityFlag>();
  for (const item of items) {
    const flag = flagOf(byKey.get(item.key), item.period, item, history(item.period).get(item.key) ?? [], written.get(item.key) ?? []);
    if (flag) flags.set(`${item.period}|${item.key}`, flag);
  }
  return flags;
}

/** A bulletin's flags (one month, many units), by `unit|key`: each written value against that unit's history. */
export function bulletinFlags(
  items: readonly (Writing & { unit: number })[],
  catalog: readonly IndicatorDefinition[],
  month: string,
  history: (unit: number) => ReadonlyMap<string, HistoryPoint[]>,
): Map<string, PlausibilityFlag & { unit: number }> {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const flags = new Map<string, PlausibilityFlag & { unit: number }>();
  for (const item of items) {
    if (!judged(item)) continue;
    const flag = flagOf(byKey.get(item.key), month, item, history(item.unit).get(item.key) ?? [], []);
    if (flag) flags.set(`${item.unit}|${item.key}`, { ...flag, unit: item.unit });
  }
  return flags;
}

/** What the one tick under an import's preview confirms: every flagged value, by period, key and value. */
export function importConfirmation(flags: Iterable<PlausibilityFlag>): string {
  return [...flags].map((flag) => confirmationToken(flag.period, flag.key, flag.value)).join(" ");
}

/** What the one tick under a bulletin's preview confirms: every flagged value, by unit, key and value. */
export function bulletinConfirmation(flags: Iterable<PlausibilityFlag & { unit: number }>): string {
  return [...flags].map((flag) => confirmationToken(flag.unit, flag.key, flag.value)).join(" ");
}
