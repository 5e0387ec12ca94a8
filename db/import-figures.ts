import "server-only";
import type { EnteredFigure } from "@/lib/entry-schema";
import type { ExpectedFigure } from "@/lib/figure-parts";
import type { StoredLookup, StoredValue } from "@/lib/sheet/preview";
import type { Db, Queryable } from "./client";
import { getPeriodFigures } from "./observations";
import { isPeriodLocked } from "./period-locks";
import { FigureConflictError, saveFigures, type ChangedFigure } from "./save-figures";

/** The stored figures and locks an import preview compares with, each period read once. */
export function storedLookup(db: Queryable, organizationId: number): StoredLookup {
  const figures = new Map<string, ReadonlyMap<string, StoredValue>>();
  const locks = new Map<string, boolean>();
  return {
    figures: (period) => {
      let found = figures.get(period);
      if (!found) {
        found = getPeriodFigures(db, organizationId, period);
        figures.set(period, found);
      }
      return found;
    },
    isLocked: (period) => {
      let locked = locks.get(period);
      if (locked === undefined) {
        locked = isPeriodLocked(db, organizationId, period);
        locks.set(period, locked);
      }
      return locked;
    },
  };
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
 * or a rank above N refuse the whole import with the save path's own errors.
 */
export function saveImportedFigures(
  db: Db,
  input: { organizationId: number; batches: readonly ImportBatch[]; fileName: string; changedBy: string; now?: Date },
): ChangedFigure[] {
  const write = db.$client.transaction(() => {
    const changed: ChangedFigure[] = [];
    const conflicts: ImportConflict[] = [];
    for (const batch of input.batches) {
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
            now: input.now,
          }),
        );
      } catch (error) {
        if (!(error instanceof FigureConflictError)) throw error;
        const stored = getPeriodFigures(db, input.organizationId, batch.period);
        for (const key of new Set(error.conflicts.map((conflict) => conflict.key))) {
          conflicts.push({ period: batch.period, key, expected: batch.expected.get(key) ?? null, actual: asStored(stored.get(key)) });
        }
      }
    }
    if (conflicts.length > 0) throw new ImportConflictError(conflicts);
    return changed;
  });
  // IMMEDIATE: the write lock is taken before the first comparison, so no one can write in between
  return write.immediate();
}
