import "server-only";
import { currentTime } from "@/lib/clock";
import { INDICATOR_KINDS } from "@/lib/catalog";
import type { EnteredFigure } from "@/lib/entry-schema";
import { FIGURE_PARTS, type ExpectedFigure, type FigurePart, type FigureValues } from "@/lib/figure-parts";
import { rankAboveUnits } from "@/lib/rank-rules";
import { confirmedNote, plausibilityFlag, type PlausibilityFlag } from "@/lib/plausibility";
import type { RevisionSource } from "@/lib/records";
import { BASELINE_YEAR, BASELINE_YEAR_END, BASELINE_YEAR_END_MONTH, BASELINE_YEAR_TOTALS } from "./baseline";
import type { Db } from "./client";
import { listFigureHistory } from "./observations";
import { assertPeriodWritable } from "./period-locks";

export type SaveFiguresInput = {
  organizationId: number;
  /** A month "YYYY-MM", or a year "YYYY" for a whole-year figure. */
  period: string;
  /** The figures to store; a rank's detail left out (undefined) stays as stored. */
  figures: ReadonlyMap<string, EnteredFigure>;
  source: RevisionSource;
  changedBy: string | null;
  isDemo?: boolean;
  /** Where the figures come from (kept on the figure and its revision), e.g. the document of the baseline. */
  note?: string | null;
  /** The person's 更正说明, kept on each revision; required to correct the baseline. */
  reason?: string | null;
  /**
   * Optimistic concurrency: per indicator key, what the writer saw before its change (the form when
   * it loaded, an importer when it read the database). A part equal to what was seen is the writer
   * leaving it alone and is never written back; a part the writer changes that someone else changed
   * since refuses the whole write (FigureConflictError). Without it, figures are written as given.
   */
  expected?: ReadonlyMap<string, ExpectedFigure>;
  /** With `expected`: refuse when any part seen has changed since, even one this write leaves as it is (a revert puts back a whole figure). */
  wholeFigures?: boolean;
  /**
   * For a person's write (the form, an import, a bulletin): per indicator key, the value they ticked
   * "我已核对，数值无误" for. A new value far outside the figure's history (lib/plausibility.ts) that
   * is not confirmed here refuses the whole write (PlausibilityError); one confirmed is written with
   * the flag's words on its revision.
   */
  confirmed?: ReadonlyMap<string, number>;
  now?: Date;
};

export type ChangedFigure = { key: string; oldValue: number | null; newValue: number | null };

/** A part of a figure that the writer changed and someone else had changed first. */
export type FigureConflict = {
  key: string;
  part: FigurePart;
  /** What the writer saw, what it wanted, and what is stored now. */
  expected: number | null;
  mine: number | null;
  theirs: number | null;
  /** Who made the change the writer did not see, and when (null if the history does not say). */
  changedByName: string | null;
  changedAt: Date | null;
};

/** Someone else changed what the writer meant to change: nothing of the write is kept. */
export class FigureConflictError extends Error {
  constructor(readonly conflicts: FigureConflict[]) {
    super(`${conflicts.length} 项在读取后已被他人修改，未保存任何数据`);
  }
}

/** The write would change the document's 2023 baseline other than through 更正基线: nothing is kept. */
export class BaselineProtectedError extends Error {
  constructor(readonly keys: string[]) {
    super(`2023年基线数据只能由管理员通过“更正基线”修改：${keys.join("、")}`);
  }
}

export type FigureProblem = { key: string; part: FigurePart; message: string };

/** The figures as they would stand after the write break a rule (a rank above N): nothing is kept. */
export class FigureRuleError extends Error {
  constructor(readonly problems: FigureProblem[]) {
    super(problems.map((problem) => `${problem.key}：${problem.message}`).join("；"));
  }
}

/** A person's writes are checked for plausibility; the seed, scripts, reverts and 更正基线 put back or set figures deliberately. */
const PLAUSIBILITY_CHECKED: readonly RevisionSource[] = ["form", "import", "bulletin"];

export type UnconfirmedFlag = PlausibilityFlag & { organizationId: number };

/** New values far outside their history that nobody confirmed: nothing is kept. */
export class PlausibilityError extends Error {
  constructor(readonly flags: UnconfirmedFlag[]) {
    super(`${flags.length} 个数与以往相差很大，须勾选“我已核对，数值无误”后才能保存`);
  }
}

/** Where the document's 2023 baseline lies: the whole-year flows of "2023" and the year-end levels, rates and ranks of "2023-12". */
function isBaselinePosition(period: string, key: string): boolean {
  return (
    (period === BASELINE_YEAR && Object.hasOwn(BASELINE_YEAR_TOTALS, key)) ||
    (period === BASELINE_YEAR_END_MONTH && Object.hasOwn(BASELINE_YEAR_END, key))
  );
}

export type BaselineFigures = { has: (period: string, key: string) => boolean };

/**
 * An organization's figures that are the document's 2023 baseline: at a baseline position and
 * written by the seed from the document (corrected since or not). Only the seed and an
 * administrator's 更正基线 change them.
 */
export function listBaselineFigures(db: Db, organizationId: number): BaselineFigures {
  const rows = statementsFor(db).seededAll.all(organizationId);
  const found = new Set(rows.filter((row) => isBaselinePosition(row.period, row.key)).map((row) => `${row.period}|${row.key}`));
  return { has: (period, key) => found.has(`${period}|${key}`) };
}

const BASELINE_WRITERS: readonly RevisionSource[] = ["seed", "baseline_correction"];
const DETAILS = ["rankedUnits", "valueAbove", "valueBelow"] as const;

/**
 * The statements of the save path, prepared once per database: this path writes every figure the
 * app and the importers store (the benchmark's province-sized file included), and building the SQL
 * anew for each row costs ten times more than running it.
 */
function prepare(db: Db) {
  return {
    // plain SQL: these run for every period and every figure written, and the query builder's own
    // work per call would cost more than SQLite's
    indicators: db.$client.prepare<[], IndicatorRow>(
      "SELECT id, key, name, unit, kind, decimals, accumulates_key AS accumulatesKey FROM indicators",
    ),
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
                             old_value_above, new_value_above, old_value_below, new_value_below, source, changed_by, changed_at,
                             note, reason, plausibility_note)
      VALUES (@organizationId, @indicatorId, @period, @oldValue, @newValue, @oldRankedUnits, @newRankedUnits,
              @oldValueAbove, @newValueAbove, @oldValueBelow, @newValueBelow, @source, @changedBy, @changedAt, @note, @reason,
              @plausibilityNote)`),
    // only read for a figure at a baseline position: did the seed write it from the document?
    seeded: db.$client.prepare<[number, number, string], { found: number }>(
      "SELECT 1 AS found FROM revisions WHERE organization_id = ? AND indicator_id = ? AND period = ? AND source = 'seed' LIMIT 1",
    ),
    seededAll: db.$client.prepare<[number], { key: string; period: string }>(
      `SELECT DISTINCT i.key, r.period FROM revisions r JOIN indicators i ON i.id = r.indicator_id
       WHERE r.organization_id = ? AND r.source = 'seed' AND r.period IN ('${BASELINE_YEAR}', '${BASELINE_YEAR_END_MONTH}')`,
    ),
    // only read when a write is refused, to say who changed the figure first
    history: db.$client.prepare<[number, number, string], HistoryRow>(`
      SELECT r.old_value AS oldValue, r.new_value AS newValue, r.old_ranked_units AS oldRankedUnits,
             r.new_ranked_units AS newRankedUnits, r.old_value_above AS oldValueAbove, r.new_value_above AS newValueAbove,
             r.old_value_below AS oldValueBelow, r.new_value_below AS newValueBelow, r.changed_at AS changedAt,
             u.name AS changedByName
      FROM revisions r LEFT JOIN users u ON u.id = r.changed_by
      WHERE r.organization_id = ? AND r.indicator_id = ? AND r.period = ?
      ORDER BY r.id DESC LIMIT 100`),
  };
}

type IndicatorRow = {
  id: number;
  key: string;
  name: string;
  unit: string;
  kind: string;
  decimals: number;
  accumulatesKey: string | null;
};
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
  reason: string | null;
  plausibilityNote: string | null;
};
type HistoryRow = {
  oldValue: number | null;
  newValue: number | null;
  oldRankedUnits: number | null;
  newRankedUnits: number | null;
  oldValueAbove: number | null;
  newValueAbove: number | null;
  oldValueBelow: number | null;
  newValueBelow: number | null;
  changedAt: number;
  changedByName: string | null;
};

const HISTORY_COLUMNS: Record<FigurePart, [keyof HistoryRow, keyof HistoryRow]> = {
  value: ["oldValue", "newValue"],
  rankedUnits: ["oldRankedUnits", "newRankedUnits"],
  valueAbove: ["oldValueAbove", "newValueAbove"],
  valueBelow: ["oldValueBelow", "newValueBelow"],
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

function storedValues(row: StoredRow | undefined): FigureValues {
  return {
    value: row?.value ?? null,
    rankedUnits: row?.rankedUnits ?? null,
    valueAbove: row?.valueAbove ?? null,
    valueBelow: row?.valueBelow ?? null,
  };
}

/** One figure's write worked out against what is stored: what it becomes, and which parts conflict. */
function plan(figure: EnteredFigure, before: FigureValues, seen: ExpectedFigure | undefined, wholeFigure: boolean) {
  const mine: Partial<FigureValues> = {
    value: figure.value,
    rankedUnits: figure.rankedUnits,
    valueAbove: figure.valueAbove,
    valueBelow: figure.valueBelow,
  };
  const after: FigureValues = { ...before };
  const conflicts = new Set<FigurePart>();
  for (const part of FIGURE_PARTS) {
    const wanted = mine[part];
    const expected = seen?.[part];
    if (wholeFigure && expected !== undefined && before[part] !== expected) conflicts.add(part);
    if (wanted === undefined) continue;
    // left as it was shown: never written back, whatever is stored now
    if (expected !== undefined && wanted === expected) continue;
    if (before[part] === wanted) continue;
    if (expected !== undefined && before[part] !== expected) conflicts.add(part);
    else after[part] = wanted;
  }
  if (after.value === null) {
    // the writer kept a value that someone else has since removed, and added details to it
    const addsDetails = DETAILS.some((part) => after[part] !== null && after[part] !== before[part]);
    if (addsDetails && typeof mine.value === "number") conflicts.add("value");
    // a figure removed takes its details with it: never details someone set after the writer looked
    for (const part of DETAILS) {
      const expected = seen?.[part];
      if (expected !== undefined && before[part] !== null && before[part] !== expected) conflicts.add(part);
      after[part] = null;
    }
  }
  return { after, conflicts, mine };
}

/**
 * The new values of a person's write checked against their history (read inside the write's
 * transaction, so an import's earlier months count): the note each confirmed flag leaves on its
 * revision, by key. Any flag not confirmed for the very value written refuses the write.
 */
function plausibilityNotes(
  db: Db,
  input: SaveFiguresInput,
  writes: readonly { key: string; before: FigureValues; after: FigureValues }[],
  indicators: ReadonlyMap<string, IndicatorRow>,
): Map<string, string> {
  const changing = writes.filter(({ before, after }) => after.value !== null && after.value !== before.value);
  if (changing.length === 0) return new Map();
  const history = listFigureHistory(db, input.organizationId, input.period);
  const notes = new Map<string, string>();
  const unconfirmed: UnconfirmedFlag[] = [];
  for (const { key, after } of changing) {
    const row = indicators.get(key);
    const kind = INDICATOR_KINDS.find((candidate) => candidate === row?.kind);
    if (!row || !kind || after.value === null) continue;
    const flag = plausibilityFlag(
      { ...row, kind },
      { period: input.period, value: after.value, rankedUnits: after.rankedUnits },
      history.get(key) ?? [],
    );
    if (!flag) continue;
    if (input.confirmed?.get(key) === after.value) notes.set(key, confirmedNote(flag));
    else unconfirmed.push({ ...flag, organizationId: input.organizationId });
  }
  if (unconfirmed.length > 0) throw new PlausibilityError(unconfirmed);
  return notes;
}

/**
 * Write the figures of one period that differ from what is stored, each with its revision, in one
 * transaction. Unchanged figures write nothing; a null value removes the figure ("not reported").
 * Nothing at all is written, and an error says why, when the month is locked or awaiting review (PeriodLockedError),
 * a figure of the 2023 baseline would change other than by the seed or 更正基线 (BaselineProtectedError),
 * someone else changed first what the writer changes (FigureConflictError, with `expected`), a
 * rank would end above its N, whether that N is given or already stored (FigureRuleError), or a
 * person's new value lies far outside its history and was not confirmed (PlausibilityError).
 */
export function saveFigures(db: Db, input: SaveFiguresInput): ChangedFigure[] {
  const statements = statementsFor(db);
  if (input.source === "baseline_correction" && !input.reason?.trim()) throw new Error("更正基线须说明理由");
  /** The latest revision that changed one part of a figure: who did it, and when. */
  const lastChange = (indicatorId: number, part: FigurePart): Pick<FigureConflict, "changedByName" | "changedAt"> => {
    const [oldColumn, newColumn] = HISTORY_COLUMNS[part];
    const row = statements.history
      .all(input.organizationId, indicatorId, input.period)
      .find((revision) => revision[oldColumn] !== revision[newColumn]);
    return { changedByName: row?.changedByName ?? null, changedAt: row ? new Date(row.changedAt * 1000) : null };
  };

  const write = () => {
    assertPeriodWritable(db, input.organizationId, input.period);
    const now = Math.floor((input.now ?? currentTime()).getTime() / 1000);
    const indicators = new Map(statements.indicators.all().map((row) => [row.key, row]));
    const stored = new Map(
      statements.stored.all(input.organizationId, input.period).map((row) => [row.indicatorId, row]),
    );

    const writes: { key: string; indicatorId: number; old: StoredRow | undefined; before: FigureValues; after: FigureValues }[] = [];
    const conflicts: FigureConflict[] = [];
    const protectedKeys: string[] = [];
    const problems: FigureProblem[] = [];
    for (const [key, figure] of input.figures) {
      const indicator = indicators.get(key);
      if (indicator === undefined) throw new Error(`未知指标：${key}`);
      const old = stored.get(indicator.id);
      const before = storedValues(old);
      const { after, conflicts: conflicting, mine } = plan(figure, before, input.expected?.get(key), input.wholeFigures ?? false);
      const changes = FIGURE_PARTS.some((part) => after[part] !== before[part]);
      if (!changes && conflicting.size === 0) continue;

      if (
        !BASELINE_WRITERS.includes(input.source) &&
        isBaselinePosition(input.period, key) &&
        statements.seeded.get(input.organizationId, indicator.id, input.period)
      ) {
        protectedKeys.push(key);
      }
      for (const part of conflicting) {
        const seen = input.expected?.get(key)?.[part] ?? null;
        const wanted = mine[part] === undefined ? before[part] : mine[part];
        conflicts.push({ key, part, expected: seen, mine: wanted, theirs: before[part], ...lastChange(indicator.id, part) });
      }
      const aboveUnits = indicator.kind === "rank" ? rankAboveUnits(after.value, after.rankedUnits) : null;
      if (aboveUnits) problems.push({ key, part: "value", message: aboveUnits });
      writes.push({ key, indicatorId: indicator.id, old, before, after });
    }
    if (protectedKeys.length > 0) throw new BaselineProtectedError(protectedKeys);
    if (conflicts.length > 0) throw new FigureConflictError(conflicts);
    if (problems.length > 0) throw new FigureRuleError(problems);
    const notes = PLAUSIBILITY_CHECKED.includes(input.source) ? plausibilityNotes(db, input, writes, indicators) : new Map<string, string>();

    for (const { key, indicatorId, old, before, after } of writes) {
      const where = { organizationId: input.organizationId, indicatorId, period: input.period };
      if (after.value === null) {
        if (old) statements.remove.run(old.id);
      } else {
        statements.upsert.run({
          ...where,
          value: after.value,
          rankedUnits: after.rankedUnits,
          valueAbove: after.valueAbove,
          valueBelow: after.valueBelow,
          isDemo: input.isDemo ? 1 : 0,
          note: input.note ?? null,
          enteredBy: input.changedBy,
          enteredAt: now,
        });
      }
      statements.revise.run({
        ...where,
        oldValue: before.value,
        newValue: after.value,
        oldRankedUnits: before.rankedUnits,
        newRankedUnits: after.rankedUnits,
        oldValueAbove: before.valueAbove,
        newValueAbove: after.valueAbove,
        oldValueBelow: before.valueBelow,
        newValueBelow: after.valueBelow,
        source: input.source,
        changedBy: input.changedBy,
        changedAt: now,
        note: input.note ?? null,
        reason: input.reason?.trim() || null,
        plausibilityNote: notes.get(key) ?? null,
      });
    }
    return writes.map(({ key, before, after }) => ({ key, oldValue: before.value, newValue: after.value }));
  };

  // all or nothing: inside a caller's transaction (the seed, a bulk import) a failure rolls the
  // whole of it back; otherwise this write is its own transaction
  return db.$client.inTransaction ? write() : db.transaction(write);
}
