import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { IndicatorDefinition } from "@/lib/catalog";
import type { IndicatorEdit, NewIndicator } from "@/lib/catalog-schema";
import type { Queryable } from "./client";
import { indicators, type Indicator } from "./schema";

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

/** The catalog in display order; retired indicators only when asked for (their history stays). */
export function listIndicators(db: Queryable, options: { includeRetired?: boolean } = {}): Indicator[] {
  const query = db.select().from(indicators);
  const rows = options.includeRetired ? query.orderBy(asc(indicators.sortOrder)).all()
    : query.where(eq(indicators.active, true)).orderBy(asc(indicators.sortOrder)).all();
  return rows;
}

export function getIndicatorByKey(db: Queryable, key: string): Indicator | undefined {
  return db.select().from(indicators).where(eq(indicators.key, key)).get();
}

export function countIndicators(db: Queryable): number {
  return db.select({ count: sql<number>`count(*)` }).from(indicators).get()?.count ?? 0;
}

export function addIndicator(db: Queryable, indicator: NewIndicator): void {
  db.insert(indicators)
    .values({ ...indicator, direction: indicator.kind === "rank" ? "down" : "up", active: true })
    .run();
}

/** Rename or re-describe an indicator; its key, kind and decimals (what its figures mean) stay. */
export function updateIndicator(db: Queryable, key: string, edit: IndicatorEdit): boolean {
  return db.update(indicators).set(edit).where(eq(indicators.key, key)).run().changes > 0;
}

/** Retire (or bring back) an indicator: it leaves the monthly form and the dashboard; its history stays. */
export function setIndicatorActive(db: Queryable, key: string, active: boolean): boolean {
  return db.update(indicators).set({ active }).where(eq(indicators.key, key)).run().changes > 0;
}
