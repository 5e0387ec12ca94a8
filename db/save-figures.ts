import "server-only";
import type { EnteredFigure } from "@/lib/entry-schema";
import type { RevisionSource } from "@/lib/records";
import type { Db } from "./client";
import { assertPeriodWritable } from "./period-locks";

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
 * The statements of the save path, prepared once per database: this path writes every figure the
 * app and the importers store (the benchmark's province-sized file included), and building the SQL
 * anew for each row costs ten times more than running it.
 */
function prepare(db: Db) {
  return {
    // plain SQL: these run for every period and every figure written, and the query builder's own
    // work per call would cost more than SQLite's
    indicatorIds: db.$client.prepare<[], { id: number; key: string }>("SELECT id, key FROM indicators"),
    stored: db.$client.prepare<[number, string], StoredRow>(
      `SELECT id, indicator_id AS indicatorId, value, ranked_units AS rankedUnits, value_above AS valueAbove,
              value_below AS valueBelow
       FROM observations WHERE organization_id = ? AND period = ?`,
    ),
    remove: db.$client.prepare<[number]>("DELETE FROM observations WHERE id = ?"),
    upsert: db.$client.prepare<UpsertRow>(`
      INSERT INTO observations (organization_id, indicator_id, period, value, ranked_units, value_above, value_below,
                                is_demo, note, entered_by, entered_at)
      VALUES (@organizationId, @indicatorId, @period, @value, @rankedUnits, @valueAbove, @valueBelow,
              @isDemo, @note, @enteredBy, @enteredAt)
      ON CONFLICT (organization_id, indicator_id, period) DO UPDATE SET
        value = excluded.value, ranked_units = excluded.ranked_units, value_above = excluded.value_above,
        value_below = excluded.value_below, is_demo = excluded.is_demo, note = excluded.note,
        entered_by = excluded.entered_by, entered_at = excluded.entered_at`),
    revise: db.$client.prepare<RevisionRow>(`
      INSERT INTO revisions (organization_id, indicator_id, period, old_value, new_value, old_ranked_units, new_ranked_units,
                             old_value_above, new_value_above, old_value_below, new_value_below, source, changed_by, changed_at, note)
      VALUES (@organizationId, @indicatorId, @period, @oldValue, @newValue, @oldRankedUnits, @newRankedUnits,
              @oldValueAbove, @newValueAbove, @oldValueBelow, @newValueBelow, @source, @changedBy, @changedAt, @note)`),
  };
}

type StoredRow = {
  id: number;
  indicatorId: number;
  value: number;
  rankedUnits: number | null;
  valueAbove: number | null;
  valueBelow: number | null;
};
type Where = { organizationId: number; indicatorId: number; period: string };
type UpsertRow = Where & {
  value: number;
  rankedUnits: number | null;
  valueAbove: number | null;
  valueBelow: number | null;
  isDemo: 0 | 1;
  note: string | null;
  enteredBy: string | null;
  /** Unix seconds, as the schema's timestamp columns hold them. */
  enteredAt: number;
};
type RevisionRow = Where & {
  oldValue: number | null;
  newValue: number | null;
  oldRankedUnits: number | null;
  newRankedUnits: number | null;
  oldValueAbove: number | null;
  newValueAbove: number | null;
  oldValueBelow: number | null;
  newValueBelow: number | null;
  source: RevisionSource;
  changedBy: string | null;
  changedAt: number;
  note: string | null;
};

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

function statementsFor(db: Db): ReturnType<typeof prepare> {
  let statements = prepared.get(db);
  if (!statements) {
    statements = prepare(db);
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * Write the figures of one period that differ from what is stored, each with its revision, in one
 * transaction. Unchanged figures write nothing; a null value removes the figure ("not reported").
 * A locked month, or one awaiting review, refuses the whole write (PeriodLockedError).
 */
export function saveFigures(db: Db, input: SaveFiguresInput): ChangedFigure[] {
  const statements = statementsFor(db);
  const write = () => {
    assertPeriodWritable(db, input.organizationId, input.period);
    const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
    const indicatorIds = new Map(statements.indicatorIds.all().map((row) => [row.key, row.id]));
    const stored = new Map(
      statements.stored.all(input.organizationId, input.period).map((row) => [row.indicatorId, row]),
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

      const where = { organizationId: input.organizationId, indicatorId, period: input.period };
      if (figure.value === null) {
        if (old) statements.remove.run(old.id);
      } else {
        statements.upsert.run({
          ...where,
          value: figure.value,
          rankedUnits: after.units,
          valueAbove: after.above,
          valueBelow: after.below,
          isDemo: input.isDemo ? 1 : 0,
          note: input.note ?? null,
          enteredBy: input.changedBy,
          enteredAt: now,
        });
      }
      statements.revise.run({
        ...where,
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
      });
      changed.push({ key, oldValue, newValue: figure.value });
    }
    return changed;
  };
  // all or nothing: inside a caller's transaction (the seed, a bulk import) a failure rolls the
  // whole of it back; otherwise this write is its own transaction
  return db.$client.inTransaction ? write() : db.transaction(write);
}
