import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { FigureFilter } from "@/lib/export/filter";
import type { ExportFigure, ExportRevision } from "@/lib/export/figures-file";
import type { Queryable } from "./client";
import { indicators, observations, revisions, users } from "./schema";

/** Months from `from` to `to`, and whole-year figures whose whole year lies in that range. */
function periodWithin(column: typeof observations.period | typeof revisions.period, filter: FigureFilter): SQL {
  return sql`((length(${column}) = 7 AND ${column} BETWEEN ${filter.from} AND ${filter.to})
    OR (length(${column}) = 4 AND ${column} || '-01' >= ${filter.from} AND ${column} || '-12' <= ${filter.to}))`;
}

export function listExportFigures(db: Queryable, organizationId: number, filter: FigureFilter): ExportFigure[] {
  const conditions = [eq(observations.organizationId, organizationId), periodWithin(observations.period, filter)];
  if (filter.keys) conditions.push(inArray(indicators.key, filter.keys));
  return db
    .select({
      key: indicators.key,
      name: indicators.name,
      unit: indicators.unit,
      kind: indicators.kind,
      decimals: indicators.decimals,
      period: observations.period,
      value: observations.value,
      rankedUnits: observations.rankedUnits,
      valueAbove: observations.valueAbove,
      valueBelow: observations.valueBelow,
      isDemo: observations.isDemo,
      note: observations.note,
      enteredBy: users.username,
      enteredByName: users.name,
      enteredAt: observations.enteredAt,
    })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .leftJoin(users, eq(users.id, observations.enteredBy))
    .where(and(...conditions))
    .orderBy(asc(observations.period), asc(indicators.sortOrder))
    .all();
}

export function listExportRevisions(db: Queryable, organizationId: number, filter: FigureFilter): ExportRevision[] {
  const conditions = [eq(revisions.organizationId, organizationId), periodWithin(revisions.period, filter)];
  if (filter.keys) conditions.push(inArray(indicators.key, filter.keys));
  return db
    .select({
      key: indicators.key,
      name: indicators.name,
      unit: indicators.unit,
      kind: indicators.kind,
      decimals: indicators.decimals,
      period: revisions.period,
      oldValue: revisions.oldValue,
      newValue: revisions.newValue,
      oldRankedUnits: revisions.oldRankedUnits,
      newRankedUnits: revisions.newRankedUnits,
      source: revisions.source,
      changedBy: users.username,
      changedByName: users.name,
      changedAt: revisions.changedAt,
      note: revisions.note,
      plausibilityNote: revisions.plausibilityNote,
    })
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .leftJoin(users, eq(users.id, revisions.changedBy))
    .where(and(...conditions))
    .orderBy(asc(revisions.period), asc(indicators.sortOrder), asc(revisions.id))
    .all();
}
