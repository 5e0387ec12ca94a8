import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { TargetSpec } from "@/lib/targets";
import type { Queryable } from "./client";
import { indicators, targets } from "./schema";

export type StoredTarget = TargetSpec & { id: number; key: string; isDemo: boolean };

/** The targets in force for one year, by indicator key (retired targets left out). */
export function listTargetsByKey(db: Queryable, organizationId: number, year: number): Map<string, StoredTarget[]> {
  const rows = db
    .select({
      id: targets.id,
      key: indicators.key,
      rule: targets.rule,
      comparator: targets.comparator,
      value: targets.value,
      year: targets.year,
      source: targets.source,
      isDemo: targets.isDemo,
    })
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .where(and(eq(targets.organizationId, organizationId), eq(targets.year, year), isNull(targets.retiredAt)))
    .orderBy(asc(targets.id))
    .all();
  const byKey = new Map<string, StoredTarget[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return byKey;
}
