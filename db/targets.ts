import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { TargetInput } from "@/lib/target-schema";
import type { TargetSpec } from "@/lib/targets";
import type { Queryable } from "./client";
import { indicators, targets, users } from "./schema";

export type StoredTarget = TargetSpec & { id: number; key: string; isDemo: boolean };

const targetColumns = {
  id: targets.id,
  key: indicators.key,
  rule: targets.rule,
  comparator: targets.comparator,
  value: targets.value,
  year: targets.year,
  source: targets.source,
  isDemo: targets.isDemo,
};

/** The targets in force for one year, by indicator key (retired targets left out). */
export function listTargetsByKey(db: Queryable, organizationId: number, year: number): Map<string, StoredTarget[]> {
  const rows = db
    .select(targetColumns)
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .where(and(eq(targets.organizationId, organizationId), eq(targets.year, year), isNull(targets.retiredAt)))
    .orderBy(asc(indicators.sortOrder), asc(targets.id))
    .all();
  const byKey = new Map<string, StoredTarget[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return byKey;
}

export type TargetHistoryRow = StoredTarget & {
  indicatorName: string;
  createdAt: Date;
  createdBy: string | null;
  retiredAt: Date | null;
};

/** Every target of a year, in force or retired, newest first within each indicator. */
export function listYearTargets(db: Queryable, organizationId: number, year: number): TargetHistoryRow[] {
  return db
    .select({
      ...targetColumns,
      indicatorName: indicators.name,
      createdAt: targets.createdAt,
      createdBy: users.name,
      retiredAt: targets.retiredAt,
    })
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .leftJoin(users, eq(users.id, targets.createdBy))
    .where(and(eq(targets.organizationId, organizationId), eq(targets.year, year)))
    .orderBy(asc(indicators.sortOrder), desc(targets.id))
    .all();
}

/** Years that have any target, newest first. */
export function listTargetYears(db: Queryable, organizationId: number): number[] {
  return db
    .selectDistinct({ year: targets.year })
    .from(targets)
    .where(eq(targets.organizationId, organizationId))
    .orderBy(desc(targets.year))
    .all()
    .map((row) => row.year);
}

/**
 * Set an indicator's target for a year. One rule per indicator and year is in force: setting it
 * again retires the old row and adds a new one, so a change is never a silent rewrite. Other
 * years are never touched.
 */
export function setTarget(
  db: Queryable,
  input: { organizationId: number; indicatorId: number; target: TargetInput; userId: string; now?: Date },
): number {
  return db.transaction((tx) => {
    const now = input.now ?? new Date();
    tx.update(targets)
      .set({ retiredAt: now })
      .where(
        and(
          eq(targets.organizationId, input.organizationId),
          eq(targets.indicatorId, input.indicatorId),
          eq(targets.year, input.target.year),
          eq(targets.rule, input.target.rule),
          isNull(targets.retiredAt),
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

/** Retire a target: it stops counting from now on, and stays in the history. */
export function retireTarget(db: Queryable, input: { organizationId: number; targetId: number; now?: Date }): boolean {
  const result = db
    .update(targets)
    .set({ retiredAt: input.now ?? new Date() })
    .where(and(eq(targets.id, input.targetId), eq(targets.organizationId, input.organizationId), isNull(targets.retiredAt)))
    .run();
  return result.changes > 0;
}

/** Carry the targets in force in `fromYear` over to `toYear`, where that year has none for the same rule. */
export function copyTargets(
  db: Queryable,
  input: { organizationId: number; fromYear: number; toYear: number; userId: string },
): number {
  return db.transaction((tx) => {
    const source = tx
      .select()
      .from(targets)
      .where(and(eq(targets.organizationId, input.organizationId), eq(targets.year, input.fromYear), isNull(targets.retiredAt)))
      .all();
    let copied = 0;
    for (const target of source) {
      const existing = tx
        .select({ id: targets.id })
        .from(targets)
        .where(
          and(
            eq(targets.organizationId, input.organizationId),
            eq(targets.indicatorId, target.indicatorId),
            eq(targets.year, input.toYear),
            eq(targets.rule, target.rule),
            isNull(targets.retiredAt),
          ),
        )
        .get();
      if (existing) continue;
      tx.insert(targets)
        .values({
          organizationId: input.organizationId,
          indicatorId: target.indicatorId,
          year: input.toYear,
          rule: target.rule,
          comparator: target.comparator,
          value: target.value,
          source: target.source,
          isDemo: target.isDemo,
          createdBy: input.userId,
        })
        .run();
      copied += 1;
    }
    return copied;
  });
}
