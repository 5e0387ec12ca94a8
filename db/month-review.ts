import "server-only";
import { and, asc, between, desc, eq, gt, inArray, lte, notExists, sql } from "drizzle-orm";
import {
  MONTH_ACTION_LABELS,
  MONTH_STATUS_LABELS,
  monthStanding,
  submissionRefusal,
  transition,
  unconfirmedMissing,
  type LastStep,
  type MonthAction,
  type MonthStanding,
  type MonthStatus,
} from "@/lib/month-status";
import { currentTime } from "@/lib/clock";
import { isMonth, monthOfDate, monthRange, type Month } from "@/lib/periods";
import { BASELINE_YEAR_END_MONTH } from "./baseline";
import type { VersionFigure } from "@/lib/review-queue";
import { listMonthIndicators } from "./catalog";
import type { Db, Queryable } from "./client";
import { getPeriodFigures } from "./observations";
import { indicators, monthEvents, monthStatuses, organizations, periodLockEvents, periodLocks, revisions, users } from "./schema";

/**
 * A month's status: approved exactly when it is locked (a month locked before the review flow
 * existed counts as approved too); otherwise submitted or being filled in, as last recorded.
 */
export function getMonthStatus(db: Queryable, organizationId: number, month: Month): MonthStatus {
  return listMonthStatuses(db, organizationId, month, month).get(month) ?? "in_progress";
}

/** The status of every month from `first` to `last` that is not simply being filled in. */
export function listMonthStatuses(db: Queryable, organizationId: number, first: Month, last: Month): Map<Month, MonthStatus> {
  const statuses = new Map<Month, MonthStatus>();
  const stored = db
    .select({ month: monthStatuses.month, status: monthStatuses.status })
    .from(monthStatuses)
    .where(and(eq(monthStatuses.organizationId, organizationId), between(monthStatuses.month, first, last)))
    .all();
  for (const row of stored) if (isMonth(row.month) && row.status === "submitted") statuses.set(row.month, "submitted");
  const locked = db
    .select({ month: periodLocks.month })
    .from(periodLocks)
    .where(and(eq(periodLocks.organizationId, organizationId), between(periodLocks.month, first, last)))
    .all();
  for (const row of locked) if (isMonth(row.month)) statuses.set(row.month, "approved");
  return statuses;
}

/** A lookup for the due-date and pack judgements: every month not listed is being filled in. */
export function statusLookup(statuses: ReadonlyMap<Month, MonthStatus>): (month: Month) => MonthStatus {
  return (month) => statuses.get(month) ?? "in_progress";
}

/** A month's standing from a map of them; a month without one is 填报中. */
export function standingLookup(standings: ReadonlyMap<Month, MonthStanding>): (month: Month) => MonthStanding {
  return (month) => standings.get(month) ?? { kind: "in_progress", label: MONTH_STATUS_LABELS.in_progress };
}

/** The newest review step of every month from `first` to `last` that has one. */
export function listLastSteps(db: Queryable, organizationId: number, first: Month, last: Month): Map<Month, LastStep> {
  const rows = db
    .select({ month: monthEvents.month, action: monthEvents.action, reason: monthEvents.reason, at: monthEvents.at, by: users.name })
    .from(monthEvents)
    .leftJoin(users, eq(users.id, monthEvents.userId))
    .where(and(eq(monthEvents.organizationId, organizationId), between(monthEvents.month, first, last)))
    .orderBy(asc(monthEvents.id))
    .all();
  const steps = new Map<Month, LastStep>();
  for (const row of rows) if (isMonth(row.month)) steps.set(row.month, { action: row.action, reason: row.reason, at: row.at, by: row.by });
  return steps;
}

/** Which month holds the document's year-end baseline for a unit: the home unit's 2023-12, else none. */
function baselineMonthOf(db: Queryable, organizationId: number): Month | null {
  const kind = db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId)).get()?.kind;
  return kind === "home" && isMonth(BASELINE_YEAR_END_MONTH) ? BASELINE_YEAR_END_MONTH : null;
}

/** Every month from `first` to `last` with its standing (lib/month-status.ts monthStanding). */
export function listMonthStandings(db: Queryable, organizationId: number, first: Month, last: Month, now: Date = currentTime()): Map<Month, MonthStanding> {
  const statuses = listMonthStatuses(db, organizationId, first, last);
  const steps = listLastSteps(db, organizationId, first, last);
  const baselineMonth = baselineMonthOf(db, organizationId);
  const today = monthOfDate(now);
  return new Map(
    monthRange(first, last).map((month) => [
      month,
      monthStanding({ month, status: statuses.get(month) ?? "in_progress", lastStep: steps.get(month) ?? null, today, baselineMonth }),
    ]),
  );
}

/** The months sent back and not yet resubmitted, oldest first, each with the reviewer's reason. */
export function listReturnedMonths(db: Queryable, organizationId: number, now: Date = currentTime()): { month: Month; reason: string; at: Date; by: string | null }[] {
  const months = db
    .selectDistinct({ month: monthEvents.month })
    .from(monthEvents)
    .where(and(eq(monthEvents.organizationId, organizationId), eq(monthEvents.action, "return")))
    .all()
    .map((row) => row.month)
    .filter(isMonth)
    .sort();
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return [];
  return [...listMonthStandings(db, organizationId, first, last, now)].flatMap(([month, standing]) =>
    standing.kind === "returned" ? [{ month, reason: standing.reason, at: standing.at, by: standing.by }] : [],
  );
}

export type MissingIndicator = { key: string; name: string };

/** The indicators in force that month (lib/catalog.ts inForceIn) that have no figure for it: what a submitter must confirm. */
export function listMissingIndicators(db: Queryable, organizationId: number, month: Month): MissingIndicator[] {
  const filled = new Set(getPeriodFigures(db, organizationId, month).keys());
  return listMonthIndicators(db, organizationId, month)
    .filter((indicator) => !filled.has(indicator.key))
    .map(({ key, name }) => ({ key, name }));
}

export type MonthStepResult = { ok: true; status: MonthStatus } | { ok: false; message: string; missing?: MissingIndicator[] };

type StepInput = { organizationId: number; month: Month; userId: string; reason?: string | null; now?: Date };

/**
 * Take one step of a month's review, in one transaction: check it against the status machine,
 * lock or unlock the month when approving or unlocking, record the new status and the event.
 */
function step(db: Db, action: MonthAction, input: StepInput, extra: { confirmedMissing?: readonly string[] } = {}): MonthStepResult {
  return db.transaction((tx): MonthStepResult => {
    const now = input.now ?? currentTime();
    const from = getMonthStatus(tx, input.organizationId, input.month);
    const allowed = transition(from, action, input.reason);
    if (!allowed.ok) return allowed;

    let missingKeys: string | null = null;
    let revisionMark: number | null = null;
    const lockKey = and(eq(periodLocks.organizationId, input.organizationId), eq(periodLocks.month, input.month));
    if (action === "submit") {
      const refusal = submissionRefusal(input.month, now);
      if (refusal) return { ok: false, message: refusal };
      const missing = listMissingIndicators(tx, input.organizationId, input.month);
      const unconfirmed = new Set(unconfirmedMissing(missing.map((item) => item.key), extra.confirmedMissing ?? []));
      if (unconfirmed.size > 0) {
        const names = missing.filter((item) => unconfirmed.has(item.key)).map((item) => item.name);
        return {
          ok: false,
          message: `以下 ${names.length} 项本月未填报，请逐项确认后再提交：${names.join("、")}。`,
          missing,
        };
      }
      missingKeys = JSON.stringify(missing.map((item) => item.key));
    } else if (action === "approve") {
      tx.insert(periodLocks).values({ organizationId: input.organizationId, month: input.month, lockedBy: input.userId, lockedAt: now }).run();
      revisionMark = tx.select({ mark: sql<number | null>`max(${revisions.id})` }).from(revisions).get()?.mark ?? 0;
    } else if (action === "return") {
      // the figures as returned, so a resubmission shows what changed since
      revisionMark = tx.select({ mark: sql<number | null>`max(${revisions.id})` }).from(revisions).get()?.mark ?? 0;
    } else if (action === "unlock") {
      tx.delete(periodLocks).where(lockKey).run();
    }

    tx.insert(monthStatuses)
      .values({ organizationId: input.organizationId, month: input.month, status: allowed.to, changedBy: input.userId, changedAt: now })
      .onConflictDoUpdate({
        target: [monthStatuses.organizationId, monthStatuses.month],
        set: { status: allowed.to, changedBy: input.userId, changedAt: now },
      })
      .run();
    tx.insert(monthEvents)
      .values({
        organizationId: input.organizationId,
        month: input.month,
        action,
        fromStatus: from,
        toStatus: allowed.to,
        reason: allowed.reason,
        missingKeys,
        revisionMark,
        userId: input.userId,
        at: now,
      })
      .run();
    return { ok: true, status: allowed.to };
  });
}

/** Staff submit a finished month; every indicator still blank must be in `confirmedMissing`. */
export function submitMonth(db: Db, input: StepInput & { confirmedMissing: readonly string[] }): MonthStepResult {
  return step(db, "submit", input, { confirmedMissing: input.confirmedMissing });
}

/** A reviewer sends a submitted month back to be corrected; the reason is required. */
export function returnMonth(db: Db, input: StepInput): MonthStepResult {
  return step(db, "return", input);
}

/** A reviewer approves a submitted month, which locks it. */
export function approveMonth(db: Db, input: StepInput): MonthStepResult {
  return step(db, "approve", input);
}

/** A reviewer unlocks an approved month for a correction; the reason is required. */
export function unlockMonth(db: Db, input: StepInput): MonthStepResult {
  return step(db, "unlock", input);
}

export type MonthHistoryEntry = {
  id: string;
  at: Date;
  action: MonthAction | "lock" | "bare-unlock";
  label: string;
  reason: string | null;
  /** On submit: the indicators confirmed as not reported. */
  missingKeys: string[];
  by: string | null;
  username: string | null;
};

const LEGACY_LABELS = { lock: "锁定（未经审核流程）", unlock: "解除锁定（未填原因）" } as const;

function parseKeys(json: string | null): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === "string") : [];
}

/** Every review step of a month, and every bare lock or unlock of it, newest first. */
export function listMonthHistory(db: Queryable, organizationId: number, month: Month): MonthHistoryEntry[] {
  const steps = db
    .select({ id: monthEvents.id, at: monthEvents.at, action: monthEvents.action, reason: monthEvents.reason, missingKeys: monthEvents.missingKeys, by: users.name, username: users.username })
    .from(monthEvents)
    .leftJoin(users, eq(users.id, monthEvents.userId))
    .where(and(eq(monthEvents.organizationId, organizationId), eq(monthEvents.month, month)))
    .all()
    .map((row): MonthHistoryEntry => ({
      id: `step:${row.id}`,
      at: row.at,
      action: row.action,
      label: MONTH_ACTION_LABELS[row.action],
      reason: row.reason,
      missingKeys: parseKeys(row.missingKeys),
      by: row.by,
      username: row.username,
    }));
  const locks = db
    .select({ id: periodLockEvents.id, at: periodLockEvents.at, action: periodLockEvents.action, by: users.name, username: users.username })
    .from(periodLockEvents)
    .leftJoin(users, eq(users.id, periodLockEvents.userId))
    .where(and(eq(periodLockEvents.organizationId, organizationId), eq(periodLockEvents.month, month)))
    .all()
    .map((row): MonthHistoryEntry => ({
      id: `lock:${row.id}`,
      at: row.at,
      action: row.action === "lock" ? "lock" : "bare-unlock",
      label: LEGACY_LABELS[row.action],
      reason: null,
      missingKeys: [],
      by: row.by,
      username: row.username,
    }));
  return [...steps, ...locks].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id));
}

export type SubmittedMonth = {
  month: Month;
  submittedAt: Date;
  submittedBy: string | null;
  submittedByUsername: string | null;
  missingKeys: string[];
  /** The last approval before, if the month was approved once and unlocked since. */
  lastApproval: { at: Date; by: string | null; revisionMark: number } | null;
  /** The last time it was sent back, with the reason and the revision mark of the figures as returned. */
  lastReturn: { at: Date; by: string | null; reason: string; revisionMark: number } | null;
};

/** A month locked bare while it awaited review counts as approved (see getMonthStatus). */
const notLocked = notExists(
  sql`(SELECT 1 FROM ${periodLocks} WHERE ${periodLocks.organizationId} = ${monthStatuses.organizationId} AND ${periodLocks.month} = ${monthStatuses.month})`,
);

/** The months awaiting review, oldest first, each with its submission and its last approval. */
export function listSubmittedMonths(db: Queryable, organizationId: number): SubmittedMonth[] {
  const awaiting = db
    .select({ month: monthStatuses.month })
    .from(monthStatuses)
    .where(and(eq(monthStatuses.organizationId, organizationId), eq(monthStatuses.status, "submitted"), notLocked))
    .orderBy(asc(monthStatuses.month))
    .all()
    .map((row) => row.month)
    .filter(isMonth);
  if (awaiting.length === 0) return [];
  const events = db
    .select({ id: monthEvents.id, month: monthEvents.month, action: monthEvents.action, at: monthEvents.at, reason: monthEvents.reason, missingKeys: monthEvents.missingKeys, revisionMark: monthEvents.revisionMark, by: users.name, username: users.username })
    .from(monthEvents)
    .leftJoin(users, eq(users.id, monthEvents.userId))
    .where(and(eq(monthEvents.organizationId, organizationId), inArray(monthEvents.month, awaiting), inArray(monthEvents.action, ["submit", "approve", "return"])))
    .orderBy(desc(monthEvents.id))
    .all();
  return awaiting.map((month) => {
    const submit = events.find((event) => event.month === month && event.action === "submit");
    const approval = events.find((event) => event.month === month && event.action === "approve");
    const sentBack = events.find((event) => event.month === month && event.action === "return");
    return {
      month,
      submittedAt: submit?.at ?? new Date(0),
      submittedBy: submit?.by ?? null,
      submittedByUsername: submit?.username ?? null,
      missingKeys: parseKeys(submit?.missingKeys ?? null),
      lastApproval: approval ? { at: approval.at, by: approval.by, revisionMark: approval.revisionMark ?? 0 } : null,
      lastReturn: sentBack
        ? { at: sentBack.at, by: sentBack.by, reason: sentBack.reason ?? "", revisionMark: sentBack.revisionMark ?? markAt(db, organizationId, month, sentBack.at) }
        : null,
    };
  });
}

/**
 * For a return recorded before returns kept a revision mark: the month's last revision written by
 * then (a submitted month cannot be edited, so its figures as returned are those as submitted).
 */
function markAt(db: Queryable, organizationId: number, period: string, at: Date): number {
  return (
    db
      .select({ mark: sql<number | null>`max(${revisions.id})` })
      .from(revisions)
      .where(and(eq(revisions.organizationId, organizationId), eq(revisions.period, period), lte(revisions.changedAt, at)))
      .get()?.mark ?? 0
  );
}

/**
 * A period's figures as they stood when the revision with id `mark` had been written: for each
 * indicator, the new value of its last revision up to the mark (null when it was cleared).
 */
export function figuresAtRevision(db: Queryable, organizationId: number, period: string, mark: number): Map<string, VersionFigure> {
  const rows = db
    .select({ key: indicators.key, id: revisions.id, value: revisions.newValue, rankedUnits: revisions.newRankedUnits })
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .where(and(eq(revisions.organizationId, organizationId), eq(revisions.period, period), lte(revisions.id, mark)))
    .orderBy(asc(revisions.id))
    .all();
  const figures = new Map<string, VersionFigure>();
  for (const row of rows) figures.set(row.key, { value: row.value, rankedUnits: row.rankedUnits });
  return figures;
}

/** Who changed which of a period's figures after the revision `mark` (all of them when mark is 0), oldest first. */
export function listRevisionsAfter(db: Queryable, organizationId: number, period: string, mark: number) {
  return db
    .select({ id: revisions.id, key: indicators.key, changedAt: revisions.changedAt, by: users.name })
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .leftJoin(users, eq(users.id, revisions.changedBy))
    .where(and(eq(revisions.organizationId, organizationId), eq(revisions.period, period), gt(revisions.id, mark)))
    .orderBy(asc(revisions.id))
    .all();
}

/** The approved months (locked), newest first, with who approved them and when. */
export function listApprovedMonths(db: Queryable, organizationId: number) {
  return db
    .select({ month: periodLocks.month, lockedAt: periodLocks.lockedAt, lockedBy: users.name })
    .from(periodLocks)
    .leftJoin(users, eq(users.id, periodLocks.lockedBy))
    .where(eq(periodLocks.organizationId, organizationId))
    .orderBy(desc(periodLocks.month))
    .all();
}

export function countSubmittedMonths(db: Queryable, organizationId: number): number {
  return (
    db
      .select({ count: sql<number>`count(*)` })
      .from(monthStatuses)
      .where(and(eq(monthStatuses.organizationId, organizationId), eq(monthStatuses.status, "submitted"), notLocked))
      .get()?.count ?? 0
  );
}
