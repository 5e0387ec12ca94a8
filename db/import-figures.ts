import "server-only";
import type { EnteredFigure } from "@/lib/entry-schema";
import { isMonth } from "@/lib/periods";
import type { ExpectedFigure } from "@/lib/figure-parts";
import type { HistoryPoint } from "@/lib/plausibility";
import type { ClosedState, StoredLookup, StoredValue } from "@/lib/sheet/preview";
import type { Db, Queryable } from "./client";
import { getPeriodFigures, listFigureHistory } from "./observations";
import { getMonthStatus } from "./month-review";
import { isPeriodLocked, lockMonthOf } from "./period-locks";
import { FigureConflictError, PlausibilityError, saveFigures, type ChangedFigure, type UnconfirmedFlag } from "./save-figures";

/** The stored figures and locks an import preview compares with, each period read once. */
export function storedLookup(db: Queryable, organizationId: number): StoredLookup {
  const figures = new Map<string, ReadonlyMap<string, StoredValue>>();
  const closed = new Map<string, ClosedState | null>();
  return {
    figures: (period) => {
      let found = figures.get(period);
      if (!found) {
        found = getPeriodFigures(db, organizationId, period);
        figures.set(period, found);
      }
      return found;
    },
    closed: (period) => {
      let state = closed.get(period);
      if (state === undefined) {
        state = closedState(db, organizationId, period);
        closed.set(period, state);
      }
      return state;
    },
  };
}

/** The same two states the save path refuses (assertPeriodWritable): approved and locked, or awaiting review. */
function closedState(db: Queryable, organizationId: number, period: string): ClosedState | null {
  if (isPeriodLocked(db, organizationId, period)) return "locked";
  const month = lockMonthOf(period);
  return isMonth(month) && getMonthStatus(db, organizationId, month) === "submitted" ? "submitted" : null;
}

/** One period's share of an import: what to write, and what the preview showed as stored. */
export type ImportBatch = {
  period: string;
  figures: ReadonlyMap<string, EnteredFigure>;
  /** Per figure: the stored value the clerk saw in the preview (null: none was stored). */
  expected: ReadonlyMap<string, StoredValue | null>;
};

export type ImportConflict = { period: string; key: string; expected: StoredValue | null; actual: StoredValue | null };

/** Someone changed figures between the preview and the commit: nothing was written. */
export class ImportConflictError extends Error {
  constructor(readonly conflicts: ImportConflict[]) {
    super(`${conflicts.length} 项数据在预览后已被修改`);
  }
}

function asStored(figure: StoredValue | undefined): StoredValue | null {
  return figure ? { value: figure.value, rankedUnits: figure.rankedUnits, valueAbove: figure.valueAbove, valueBelow: figure.valueBelow } : null;
}

/** What the preview showed of a figure, part by part, as the save path checks it (nothing stored: every part blank). */
function seen(stored: StoredValue | null): ExpectedFigure {
  return stored ?? { value: null, rankedUnits: null, valueAbove: null, valueBelow: null };
}

/**
 * Write an import all or nothing, with one revision per changed figure (source "import", the file
 * named in its note), through the one save path. Optimistic concurrency: every figure of the file
 * must still be what the preview showed — even one the file leaves as it is, since the preview
 * called it unchanged — or nothing is written (ImportConflictError). A locked month, the baseline
 * or a rank above N refuse the whole import with the save path's own errors; so does a value far
 * outside its history that the clerk's tick does not confirm (PlausibilityError, every such value
 * of the file). Periods are written oldest first, so a later month is judged against the earlier
 * months of the same file, as the preview judged it.
 */
export function saveImportedFigures(
  db: Db,
  input: {
    organizationId: number;
    batches: readonly ImportBatch[];
    fileName: string;
    changedBy: string;
    /** The tick under the preview: per period, the flagged values confirmed (key → value). */
    confirmed?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    now?: Date;
  },
): ChangedFigure[] {
  const write = db.$client.transaction(() => {
    const changed: ChangedFigure[] = [];
    const conflicts: ImportConflict[] = [];
    const unconfirmed: UnconfirmedFlag[] = [];
    for (const batch of [...input.batches].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
      try {
        changed.push(
          ...saveFigures(db, {
            organizationId: input.organizationId,
            period: batch.period,
            figures: batch.figures,
            expected: new Map([...batch.expected].map(([key, stored]) => [key, seen(stored)])),
            wholeFigures: true,
            source: "import",
            changedBy: input.changedBy,
            note: `导入文件：${input.fileName}`,
            confirmed: input.confirmed?.get(batch.period),
            now: input.now,
          }),
        );
      } catch (error) {
        if (error instanceof PlausibilityError) {
          unconfirmed.push(...error.flags);
          continue;
        }
        if (!(error instanceof FigureConflictError)) throw error;
        const stored = getPeriodFigures(db, input.organizationId, batch.period);
        for (const key of new Set(error.conflicts.map((conflict) => conflict.key))) {
          conflicts.push({ period: batch.period, key, expected: batch.expected.get(key) ?? null, actual: asStored(stored.get(key)) });
        }
      }
    }
    if (conflicts.length > 0) throw new ImportConflictError(conflicts);
    if (unconfirmed.length > 0) throw new PlausibilityError(unconfirmed);
    return changed;
  });
  // IMMEDIATE: the write lock is taken before the first comparison, so no one can write in between
  return write.immediate();
}

/** Each period's history as the plausibility flags read it (db/observations.ts listFigureHistory), each period read once. */
export function historyLookup(db: Queryable, organizationId: number): (period: string) => ReadonlyMap<string, HistoryPoint[]> {
  const read = new Map<string, Map<string, HistoryPoint[]>>();
  return (period) => {
    let found = read.get(period);
    if (!found) {
      found = listFigureHistory(db, organizationId, period);
      read.set(period, found);
    }
    return found;
  };
}
