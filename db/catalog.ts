import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { catalogAsOf, type CatalogEntry, type IndicatorDefinition } from "@/lib/catalog";
import type { IndicatorEdit, NewIndicator } from "@/lib/catalog-schema";
import type { Month } from "@/lib/periods";
import { canApplyToSubUnits, catalogForUnit, type UnitKind } from "@/lib/units";
import { yearTotalCatalog } from "@/lib/year-entry";
import type { Queryable } from "./client";
import { indicators, observations, organizations, type Indicator } from "./schema";

export function toDefinition(row: Indicator): IndicatorDefinition {
  return {
    key: row.key,
    name: row.name,
    unit: row.unit,
    category: row.category,
    kind: row.kind,
    direction: row.direction,
    decimals: row.decimals,
    parentKey: row.parentKey,
    parentRelation: row.parentRelation,
    accumulatesKey: row.accumulatesKey,
    ranksKey: row.ranksKey,
    description: row.description,
  };
}

/** An indicator with the months it is reported for, for the as-of-period rules. */
export function toCatalogEntry(row: Indicator): CatalogEntry {
  return { ...toDefinition(row), active: row.active, inForceFrom: row.inForceFrom, retiredFrom: row.retiredFrom };
}

/** The catalog in display order; retired indicators only when asked for (their history stays). */
export function listIndicators(db: Queryable, options: { includeRetired?: boolean } = {}): Indicator[] {
  const query = db.select().from(indicators);
  const rows = options.includeRetired ? query.orderBy(asc(indicators.sortOrder)).all()
    : query.where(eq(indicators.active, true)).orderBy(asc(indicators.sortOrder)).all();
  return rows;
}

/** Every indicator there has ever been, with when it was reported: pick a period's with `catalogAsOf`. */
export function listCatalog(db: Queryable): CatalogEntry[] {
  return listIndicators(db, { includeRetired: true }).map(toCatalogEntry);
}

/** The indicators a unit reports (a town: those chosen for towns), in display order. */
export function listUnitIndicators(db: Queryable, unit: { kind: UnitKind }, options: { includeRetired?: boolean } = {}): Indicator[] {
  return catalogForUnit(listIndicators(db, options), unit);
}

/** A unit's catalog with when each indicator was reported, for the as-of-period rules. */
export function listUnitCatalog(db: Queryable, unit: { kind: UnitKind }): CatalogEntry[] {
  return listUnitIndicators(db, unit, { includeRetired: true }).map(toCatalogEntry);
}

/**
 * Choose the indicators towns report: exactly `keys` (ranks never). Returns the keys that changed,
 * added and removed. Figures towns already hold stay stored whatever is chosen.
 */
export function setSubUnitIndicators(db: Queryable, keys: ReadonlySet<string>): { added: string[]; removed: string[] } {
  return db.transaction((tx) => {
    const rows = tx.select().from(indicators).orderBy(asc(indicators.sortOrder)).all();
    const added: string[] = [];
    const removed: string[] = [];
    for (const row of rows) {
      const wanted = keys.has(row.key) && canApplyToSubUnits(row);
      if (wanted === row.forSubUnits) continue;
      tx.update(indicators).set({ forSubUnits: wanted }).where(eq(indicators.id, row.id)).run();
      (wanted ? added : removed).push(row.key);
    }
    return { added, removed };
  });
}

/** The catalog of the unit `organizationId` (a town: the indicators chosen for towns). */
export function listCatalogOfUnit(db: Queryable, organizationId: number): CatalogEntry[] {
  const kind = db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId)).get()?.kind ?? "home";
  return listUnitCatalog(db, { kind });
}

/** The keys of the indicators holding a figure of `organizationId` for `period` (a month or a year). */
function keysWithFigures(db: Queryable, organizationId: number, period: string): Set<string> {
  const rows = db
    .select({ key: indicators.key })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(observations.organizationId, organizationId), eq(observations.period, period)))
    .all();
  return new Set(rows.map((row) => row.key));
}

/**
 * A month's form, as of that month: the indicators in force then (one retired later still there,
 * one added later not yet), and any holding a figure for it. In display order.
 */
export function listMonthIndicators(db: Queryable, organizationId: number, month: Month): CatalogEntry[] {
  const held = keysWithFigures(db, organizationId, month);
  return catalogAsOf(listCatalogOfUnit(db, organizationId), [month], (key) => held.has(key));
}

/** A past year's form of whole-year totals: the flows in force during the year, and any holding a year figure. */
export function listYearTotalIndicators(db: Queryable, organizationId: number, year: number): CatalogEntry[] {
  const held = keysWithFigures(db, organizationId, String(year));
  return yearTotalCatalog(listCatalogOfUnit(db, organizationId), year, (key) => held.has(key));
}

export function getIndicatorByKey(db: Queryable, key: string): Indicator | undefined {
  return db.select().from(indicators).where(eq(indicators.key, key)).get();
}

export function countIndicators(db: Queryable): number {
  return db.select({ count: sql<number>`count(*)` }).from(indicators).get()?.count ?? 0;
}

/** How many figures an indicator holds, for any organization. */
export function countIndicatorFigures(db: Queryable, indicatorId: number): number {
  return db.select({ count: sql<number>`count(*)` }).from(observations).where(eq(observations.indicatorId, indicatorId)).get()?.count ?? 0;
}

/** Add an indicator, reported from `inForceFrom` on (the month the province starts asking for it). */
export function addIndicator(db: Queryable, indicator: NewIndicator & { inForceFrom: Month }): void {
  db.insert(indicators)
    .values({ ...indicator, direction: indicator.kind === "rank" ? "down" : "up", active: true })
    .run();
}

export type IndicatorUpdate = { ok: true } | { ok: false; reason: "not-found" | "unit-has-figures" };

/**
 * Rename or re-describe an indicator; its key, kind and decimals (what its figures mean) stay.
 * Its unit may change only while it holds no figure: a new unit would silently rescale its history.
 */
export function updateIndicator(db: Queryable, key: string, edit: IndicatorEdit): IndicatorUpdate {
  return db.transaction((tx) => {
    const row = getIndicatorByKey(tx, key);
    if (!row) return { ok: false, reason: "not-found" };
    if (edit.unit !== row.unit && countIndicatorFigures(tx, row.id) > 0) return { ok: false, reason: "unit-has-figures" };
    tx.update(indicators).set(edit).where(eq(indicators.key, key)).run();
    return { ok: true };
  });
}

/**
 * Retire an indicator from `month` on (it leaves the monthly form and the dashboard; earlier months,
 * their packs and checks keep it), or bring it back.
 */
export function setIndicatorActive(db: Queryable, key: string, active: boolean, month: Month): boolean {
  return db
    .update(indicators)
    .set(active ? { active, retiredFrom: null } : { active, retiredFrom: month })
    .where(eq(indicators.key, key))
    .run().changes > 0;
}
