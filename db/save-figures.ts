import "server-only";
import { and, eq } from "drizzle-orm";
import type { EnteredFigure } from "@/lib/entry-schema";
import type { RevisionSource } from "@/lib/records";
import type { Queryable } from "./client";
import { assertPeriodOpen } from "./period-locks";
import { indicators, observations, revisions } from "./schema";

export type SaveFiguresInput = {
  organizationId: number;
  /** A month "YYYY-MM", or a year "YYYY" for a whole-year figure. */
  period: string;
  figures: ReadonlyMap<string, EnteredFigure>;
  source: RevisionSource;
  changedBy: string | null;
  isDemo?: boolean;
  note?: string | null;
  now?: Date;
};

export type ChangedFigure = { key: string; oldValue: number | null; newValue: number | null };

/**
 * Write the figures of one period that differ from what is stored, each with its revision, in one
 * transaction. Unchanged figures write nothing; a null value removes the figure ("not reported").
 * A locked month refuses the whole write (PeriodLockedError).
 */
export function saveFigures(db: Queryable, input: SaveFiguresInput): ChangedFigure[] {
  return db.transaction((tx) => {
    assertPeriodOpen(tx, input.organizationId, input.period);
    const now = input.now ?? new Date();
    const indicatorIds = new Map(
      tx.select({ id: indicators.id, key: indicators.key }).from(indicators).all().map((row) => [row.key, row.id]),
    );
    const stored = new Map(
      tx
        .select()
        .from(observations)
        .where(and(eq(observations.organizationId, input.organizationId), eq(observations.period, input.period)))
        .all()
        .map((row) => [row.indicatorId, row]),
    );

    const changed: ChangedFigure[] = [];
    for (const [key, figure] of input.figures) {
      const indicatorId = indicatorIds.get(key);
      if (indicatorId === undefined) throw new Error(`未知指标：${key}`);
      const old = stored.get(indicatorId);
      const oldValue = old?.value ?? null;
      const oldUnits = old?.rankedUnits ?? null;
      const newUnits = figure.value === null ? null : figure.rankedUnits === undefined ? oldUnits : figure.rankedUnits;
      if (oldValue === figure.value && oldUnits === newUnits) continue;

      if (figure.value === null) {
        if (old) tx.delete(observations).where(eq(observations.id, old.id)).run();
      } else {
        const values = {
          value: figure.value,
          rankedUnits: newUnits,
          isDemo: input.isDemo ?? false,
          note: input.note ?? null,
          enteredBy: input.changedBy,
          enteredAt: now,
        };
        tx.insert(observations)
          .values({ organizationId: input.organizationId, indicatorId, period: input.period, ...values })
          .onConflictDoUpdate({
            target: [observations.organizationId, observations.indicatorId, observations.period],
            set: values,
          })
          .run();
      }
      tx.insert(revisions)
        .values({
          organizationId: input.organizationId,
          indicatorId,
          period: input.period,
          oldValue,
          newValue: figure.value,
          oldRankedUnits: oldUnits,
          newRankedUnits: newUnits,
          source: input.source,
          changedBy: input.changedBy,
          changedAt: now,
          note: input.note ?? null,
        })
        .run();
      changed.push({ key, oldValue, newValue: figure.value });
    }
    return changed;
  });
}
