import "server-only";
import { currentTime } from "@/lib/clock";
import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { BulletinScope } from "@/lib/bulletin/derive";
import type { StoredForUnits } from "@/lib/bulletin/preview";
import type { RememberedMapping } from "@/lib/bulletin/sheet";
import type { EnteredFigure } from "@/lib/entry-schema";
import type { ExpectedFigure } from "@/lib/figure-parts";
import type { Month } from "@/lib/periods";
import type { HistoryPoint } from "@/lib/plausibility";
import type { ClosedState, StoredValue } from "@/lib/sheet/preview";
import type { Db, Queryable } from "./client";
import { getPeriodFigures, listFigureHistory } from "./observations";
import { getMonthStatus } from "./month-review";
import { isPeriodLocked } from "./period-locks";
import { FigureConflictError, PlausibilityError, saveFigures, type ChangedFigure, type UnconfirmedFlag } from "./save-figures";
import { bulletinMappings } from "./schema";

const mappingSchema = z.object({
  nameHeading: z.string().nullable(),
  columns: z.array(z.object({ heading: z.string(), key: z.string() })),
});

export type StoredMapping = { source: string; scope: BulletinScope; mapping: RememberedMapping; updatedAt: Date };

function toStored(row: typeof bulletinMappings.$inferSelect): StoredMapping | null {
  let raw: unknown;
  try {
    raw = JSON.parse(row.mapping);
  } catch {
    return null;
  }
  const parsed = mappingSchema.safeParse(raw);
  return parsed.success ? { source: row.source, scope: row.scope, mapping: parsed.data, updatedAt: row.updatedAt } : null;
}

/** The column mapping remembered for a source, or null. */
export function getBulletinMapping(db: Queryable, source: string): StoredMapping | null {
  const row = db.select().from(bulletinMappings).where(eq(bulletinMappings.source, source)).get();
  return row ? toStored(row) : null;
}

/** Every source with a remembered mapping, the most recently used first. */
export function listBulletinSources(db: Queryable): StoredMapping[] {
  return db
    .select()
    .from(bulletinMappings)
    .orderBy(desc(bulletinMappings.updatedAt), asc(bulletinMappings.source))
    .all()
    .flatMap((row) => toStored(row) ?? []);
}

/** Remember a source's mapping and scope; true when it differs from what was remembered. */
export function saveBulletinMapping(
  db: Queryable,
  input: { source: string; scope: BulletinScope; mapping: RememberedMapping; userId: string; now?: Date },
): boolean {
  const before = getBulletinMapping(db, input.source);
  const json = JSON.stringify(input.mapping);
  const changed = !before || before.scope !== input.scope || JSON.stringify(before.mapping) !== json;
  const now = input.now ?? currentTime();
  db.insert(bulletinMappings)
    .values({ source: input.source, mapping: json, scope: input.scope, updatedBy: input.userId, updatedAt: now })
    .onConflictDoUpdate({ target: bulletinMappings.source, set: { mapping: json, scope: input.scope, updatedBy: input.userId, updatedAt: now } })
    .run();
  return changed;
}

/** The stored figures of one month, unit by unit, and whether the month takes writes, each read once. */
export function storedForUnits(db: Queryable, month: Month): StoredForUnits {
  const figures = new Map<number, ReadonlyMap<string, StoredValue>>();
  const closed = new Map<number, ClosedState | null>();
  return {
    figures: (unit) => {
      let found = figures.get(unit);
      if (!found) {
        found = getPeriodFigures(db, unit, month);
        figures.set(unit, found);
      }
      return found;
    },
    closed: (unit) => {
      let state = closed.get(unit);
      if (state === undefined) {
        // approved (locked) or awaiting review: either refuses the write
        state = isPeriodLocked(db, unit, month) ? "locked" : getMonthStatus(db, unit, month) === "submitted" ? "submitted" : null;
        closed.set(unit, state);
      }
      return state;
    },
  };
}

export type BulletinWrite = {
  organizationId: number;
  figures: ReadonlyMap<string, EnteredFigure>;
  /** Per figure: the stored value the preview showed (null: none). */
  expected: ReadonlyMap<string, StoredValue | null>;
};

export type BulletinConflict = { organizationId: number; key: string; expected: StoredValue | null; actual: StoredValue | null };

/** Someone changed figures between the preview and the commit: nothing was written. */
export class BulletinConflictError extends Error {
  constructor(readonly conflicts: BulletinConflict[]) {
    super(`${conflicts.length} 项数据在预览后已被修改`);
  }
}

function seen(stored: StoredValue | null): ExpectedFigure {
  return stored ?? { value: null, rankedUnits: null, valueAbove: null, valueBelow: null };
}

function asStored(figure: StoredValue | undefined): StoredValue | null {
  return figure ? { value: figure.value, rankedUnits: figure.rankedUnits, valueAbove: figure.valueAbove, valueBelow: figure.valueBelow } : null;
}

/**
 * Write a bulletin's figures for one month, every unit's, all or nothing, through the one save path:
 * one revision per changed figure with source "bulletin" and the file named in its note. Every figure
 * must still be what the preview showed, or nothing is written (BulletinConflictError); a locked
 * month or a rank above N refuses the whole import with the save path's own errors; so does a value
 * far outside its unit's history that the tick does not confirm (PlausibilityError, every such value).
 */
export function saveBulletinFigures(
  db: Db,
  input: {
    month: Month;
    writes: readonly BulletinWrite[];
    fileName: string;
    changedBy: string;
    /** The tick under the preview: per unit, the flagged values confirmed (key → value). */
    confirmed?: ReadonlyMap<number, ReadonlyMap<string, number>>;
    now?: Date;
    /** More to record in the same transaction once the figures are written (the remembered mapping). */
    then?: () => void;
  },
): ChangedFigure[] {
  const write = db.$client.transaction(() => {
    const changed: ChangedFigure[] = [];
    const conflicts: BulletinConflict[] = [];
    const unconfirmed: UnconfirmedFlag[] = [];
    for (const unit of input.writes) {
      try {
        changed.push(
          ...saveFigures(db, {
            organizationId: unit.organizationId,
            period: input.month,
            figures: unit.figures,
            expected: new Map([...unit.expected].map(([key, stored]) => [key, seen(stored)])),
            wholeFigures: true,
            source: "bulletin",
            changedBy: input.changedBy,
            note: `通报文件：${input.fileName}`,
            confirmed: input.confirmed?.get(unit.organizationId),
            now: input.now,
          }),
        );
      } catch (error) {
        if (error instanceof PlausibilityError) {
          unconfirmed.push(...error.flags);
          continue;
        }
        if (!(error instanceof FigureConflictError)) throw error;
        const stored = getPeriodFigures(db, unit.organizationId, input.month);
        for (const key of new Set(error.conflicts.map((conflict) => conflict.key))) {
          conflicts.push({ organizationId: unit.organizationId, key, expected: unit.expected.get(key) ?? null, actual: asStored(stored.get(key)) });
        }
      }
    }
    if (conflicts.length > 0) throw new BulletinConflictError(conflicts);
    if (unconfirmed.length > 0) throw new PlausibilityError(unconfirmed);
    input.then?.();
    return changed;
  });
  // IMMEDIATE: the write lock is taken before the first comparison, so no one can write in between
  return write.immediate();
}

/** Each unit's history before `month` as the plausibility flags read it (db/observations.ts listFigureHistory), each unit read once. */
export function historyForUnits(db: Queryable, month: Month): (unit: number) => ReadonlyMap<string, HistoryPoint[]> {
  const read = new Map<number, Map<string, HistoryPoint[]>>();
  return (unit) => {
    let found = read.get(unit);
    if (!found) {
      found = listFigureHistory(db, unit, month);
      read.set(unit, found);
    }
    return found;
  };
}
