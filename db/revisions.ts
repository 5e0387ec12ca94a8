import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { FigureValues } from "@/lib/figure-parts";
import { formatDateTime } from "@/lib/format";
import { BASELINE_SOURCE } from "./baseline";
import type { Db, Queryable } from "./client";
import { listBaselineFigures, saveFigures, type ChangedFigure } from "./save-figures";
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
  reason: revisions.reason,
  plausibilityNote: revisions.plausibilityNote,
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
 * Set a figure back to what an earlier revision made it. The revert is itself a revision; reverting
 * to what is already stored changes nothing. `expected` is the figure as the page showed it: if it
 * has changed since in any part, nothing is written (FigureConflictError), so a revert never undoes
 * a change its author has not seen.
 */
export function revertToRevision(
  db: Db,
  input: { organizationId: number; revisionId: number; userId: string; expected: FigureValues; reason?: string | null; now?: Date },
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
    expected: new Map([[revision.indicatorKey, input.expected]]),
    wholeFigures: true,
    source: "revert",
    changedBy: input.userId,
    note: `恢复为 ${formatDateTime(revision.changedAt)} 的修订值`,
    reason: input.reason ?? null,
    now: input.now,
  });
}

export class NotBaselineError extends Error {}

/**
 * 更正基线: an administrator corrects one figure of the document's 2023 baseline, giving the reason,
 * which the revision keeps. `expected` is the value the page showed (FigureConflictError if it changed).
 */
export function correctBaselineFigure(
  db: Db,
  input: { organizationId: number; key: string; period: string; value: number; expected: number | null; reason: string; userId: string; now?: Date },
): ChangedFigure[] {
  if (!listBaselineFigures(db, input.organizationId).has(input.period, input.key)) throw new NotBaselineError(`${input.period} 的 ${input.key} 不是基线数据`);
  return saveFigures(db, {
    organizationId: input.organizationId,
    period: input.period,
    figures: new Map([[input.key, { value: input.value }]]),
    expected: new Map([[input.key, { value: input.expected }]]),
    source: "baseline_correction",
    changedBy: input.userId,
    note: `${BASELINE_SOURCE}（已更正）`,
    reason: input.reason,
    now: input.now,
  });
}
