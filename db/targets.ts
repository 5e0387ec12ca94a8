import "server-only";
import { and, asc, eq, gte, isNotNull, isNull, lte, or } from "drizzle-orm";
import { currentTime } from "@/lib/clock";
import type { TargetInput } from "@/lib/target-schema";
import { targetsByKeyInForce, type TimedTarget } from "@/lib/targets";
import type { Queryable } from "./client";
import { indicators, targets, users } from "./schema";

export type StoredTarget = TimedTarget & {
  isDemo: boolean;
  indicatorName: string;
  createdAt: Date;
  createdBy: string | null;
  /** When it was withdrawn (replaced within its own first year, or retired before it applied). */
  retiredAt: Date | null;
};

/** Every target of the organization, withdrawn ones included, in catalog order and then as set. */
export function listTargets(db: Queryable, organizationId: number): StoredTarget[] {
  return db
    .select({
      id: targets.id,
      key: indicators.key,
      indicatorName: indicators.name,
      rule: targets.rule,
      comparator: targets.comparator,
      value: targets.value,
      fromYear: targets.fromYear,
      untilYear: targets.untilYear,
      source: targets.source,
      isDemo: targets.isDemo,
      createdAt: targets.createdAt,
      createdBy: users.name,
      retiredAt: targets.retiredAt,
    })
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .leftJoin(users, eq(users.id, targets.createdBy))
    .where(eq(targets.organizationId, organizationId))
    .orderBy(asc(indicators.sortOrder), asc(targets.fromYear), asc(targets.id))
    .all()
    .map((row) => ({ ...row, withdrawn: row.retiredAt !== null }));
}

/** The targets in force in `year` (set from that year or an earlier one, not replaced or retired), by indicator key. */
export function listTargetsByKey(db: Queryable, organizationId: number, year: number): Map<string, StoredTarget[]> {
  return targetsByKeyInForce(listTargets(db, organizationId), year);
}

/**
 * Set an indicator's target from a year on (or for that year only). It replaces, from its first
 * year, whatever target of the same rule stood before (for a one-year target: in that year only);
 * one set from the same year that it covers entirely is withdrawn and kept in the history, so a
 * change is never a silent rewrite. Earlier years keep their target.
 */
export function setTarget(
  db: Queryable,
  input: { organizationId: number; indicatorId: number; target: TargetInput; userId: string; now?: Date },
): number {
  return db.transaction((tx) => {
    const now = input.now ?? currentTime();
    const { fromYear, untilYear } = input.target;
    // withdrawn: a target from the same first year whose years the new one covers entirely
    // (a one-year target set over a standing one only overrides that year)
    tx.update(targets)
      .set({ retiredAt: now })
      .where(
        and(
          eq(targets.organizationId, input.organizationId),
          eq(targets.indicatorId, input.indicatorId),
          eq(targets.fromYear, fromYear),
          eq(targets.rule, input.target.rule),
          isNull(targets.retiredAt),
          untilYear === null ? undefined : and(isNotNull(targets.untilYear), lte(targets.untilYear, untilYear)),
        ),
      )
      .run();
    const inserted = tx
      .insert(targets)
      .values({
        organizationId: input.organizationId,
        indicatorId: input.indicatorId,
        ...input.target,
        createdBy: input.userId,
        createdAt: now,
      })
      .returning({ id: targets.id })
      .get();
    return inserted.id;
  });
}

/**
 * Retire a target from `fromYear` on: the years before keep it; that year and later have none of
 * its rule (a later target of the same rule is retired with it). A target that would not apply to
 * any earlier year is withdrawn outright and stays in the history.
 */
export function retireTarget(
  db: Queryable,
  input: { organizationId: number; targetId: number; fromYear: number; now?: Date },
): boolean {
  return db.transaction((tx) => {
    const target = tx
      .select()
      .from(targets)
      .where(and(eq(targets.id, input.targetId), eq(targets.organizationId, input.organizationId), isNull(targets.retiredAt)))
      .get();
    if (!target) return false;
    const chain = tx
      .select()
      .from(targets)
      .where(
        and(
          eq(targets.organizationId, input.organizationId),
          eq(targets.indicatorId, target.indicatorId),
          eq(targets.rule, target.rule),
          isNull(targets.retiredAt),
          or(isNull(targets.untilYear), gte(targets.untilYear, input.fromYear)),
        ),
      )
      .all();
    for (const link of chain) {
      if (link.fromYear >= input.fromYear) {
        tx.update(targets).set({ retiredAt: input.now ?? currentTime() }).where(eq(targets.id, link.id)).run();
      } else {
        tx.update(targets).set({ untilYear: input.fromYear - 1 }).where(eq(targets.id, link.id)).run();
      }
    }
    return chain.length > 0;
  });
}
