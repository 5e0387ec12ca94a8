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
      // a rank's details not carried by the input stay as stored; a cleared figure clears them
      const kept = <T,>(entered: T | null | undefined, stored: T | null): T | null =>
        figure.value === null ? null : entered === undefined ? stored : entered;
      const before = { units: old?.rankedUnits ?? null, above: old?.valueAbove ?? null, below: old?.valueBelow ?? null };
      const after = {
        units: kept(figure.rankedUnits, before.units),
        above: kept(figure.valueAbove, before.above),
        below: kept(figure.valueBelow, before.below),
      };
      const unchanged =
        oldValue === figure.value && before.units === after.units && before.above === after.above && before.below === after.below;
      if (unchanged) continue;

      if (figure.value === null) {
        if (old) tx.delete(observations).where(eq(observations.id, old.id)).run();
      } else {
        const values = {
          value: figure.value,
          rankedUnits: after.units,
          valueAbove: after.above,
          valueBelow: after.below,
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
          oldRankedUnits: before.units,
          newRankedUnits: after.units,
          oldValueAbove: before.above,
          newValueAbove: after.above,
          oldValueBelow: before.below,
          newValueBelow: after.below,
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
