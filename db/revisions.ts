import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { formatDateTime } from "@/lib/format";
import type { Db, Queryable } from "./client";
import { saveFigures, type ChangedFigure } from "./save-figures";
import { indicators, revisions, users, type Revision } from "./schema";

export type RevisionView = Revision & { indicatorKey: string; changedByName: string | null; changedByUsername: string | null };

const revisionColumns = {
  id: revisions.id,
  organizationId: revisions.organizationId,
  indicatorId: revisions.indicatorId,
  indicatorKey: indicators.key,
  period: revisions.period,
  oldValue: revisions.oldValue,
  newValue: revisions.newValue,
  oldRankedUnits: revisions.oldRankedUnits,
  newRankedUnits: revisions.newRankedUnits,
  oldValueAbove: revisions.oldValueAbove,
  newValueAbove: revisions.newValueAbove,
  oldValueBelow: revisions.oldValueBelow,
  newValueBelow: revisions.newValueBelow,
  source: revisions.source,
  changedBy: revisions.changedBy,
  changedByName: users.name,
  changedByUsername: users.username,
  changedAt: revisions.changedAt,
  note: revisions.note,
};

/** Changes to one indicator's figures, newest first; optionally of one period only, or only the latest `limit`. */
export function listRevisions(
  db: Queryable,
  organizationId: number,
  indicatorId: number,
  period?: string,
  limit?: number,
): RevisionView[] {
  const conditions = [eq(revisions.organizationId, organizationId), eq(revisions.indicatorId, indicatorId)];
  if (period) conditions.push(eq(revisions.period, period));
  const query = db
    .select(revisionColumns)
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .leftJoin(users, eq(users.id, revisions.changedBy))
    .where(and(...conditions))
    .orderBy(desc(revisions.changedAt), desc(revisions.id));
  return limit === undefined ? query.all() : query.limit(limit).all();
}

export function countRevisions(db: Queryable, organizationId: number, indicatorId: number): number {
  return (
    db
      .select({ count: sql<number>`count(*)` })
      .from(revisions)
      .where(and(eq(revisions.organizationId, organizationId), eq(revisions.indicatorId, indicatorId)))
      .get()?.count ?? 0
  );
}

/** Every change to any figure of one period, newest first (for the monthly form). */
export function listPeriodRevisions(db: Queryable, organizationId: number, period: string): RevisionView[] {
  return db
    .select(revisionColumns)
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .leftJoin(users, eq(users.id, revisions.changedBy))
    .where(and(eq(revisions.organizationId, organizationId), eq(revisions.period, period)))
    .orderBy(desc(revisions.changedAt), desc(revisions.id))
    .all();
}

export class RevisionNotFoundError extends Error {}

/**
 * Set a figure back to the value an earlier revision gave it. The revert is itself a revision;
 * reverting to the value already stored changes nothing.
 */
export function revertToRevision(
  db: Db,
  input: { organizationId: number; revisionId: number; userId: string; now?: Date },
): ChangedFigure[] {
  const revision = db
    .select(revisionColumns)
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .leftJoin(users, eq(users.id, revisions.changedBy))
    .where(and(eq(revisions.id, input.revisionId), eq(revisions.organizationId, input.organizationId)))
    .get();
  if (!revision) throw new RevisionNotFoundError(`修订记录 ${input.revisionId} 不存在`);
  return saveFigures(db, {
    organizationId: input.organizationId,
    period: revision.period,
    figures: new Map([
      [
        revision.indicatorKey,
        {
          value: revision.newValue,
          rankedUnits: revision.newRankedUnits,
          valueAbove: revision.newValueAbove,
          valueBelow: revision.newValueBelow,
        },
      ],
    ]),
    source: "revert",
    changedBy: input.userId,
    note: `恢复为 ${formatDateTime(revision.changedAt)} 的修订值`,
    now: input.now,
  });
}
