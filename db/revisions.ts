import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "./client";
import { revisions, type Revision } from "./schema";

/** Every change to one indicator's figures, newest first; optionally of one period only. */
export function listRevisions(
  db: Queryable,
  organizationId: number,
  indicatorId: number,
  period?: string,
): Revision[] {
  const conditions = [eq(revisions.organizationId, organizationId), eq(revisions.indicatorId, indicatorId)];
  if (period) conditions.push(eq(revisions.period, period));
  return db
    .select()
    .from(revisions)
    .where(and(...conditions))
    .orderBy(desc(revisions.changedAt), desc(revisions.id))
    .all();
}
