import "server-only";
import { and, desc, eq, gte, isNull, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  AUDIT_ACTION_AREAS,
  beijingDayBounds,
  byNewest,
  commentEntry,
  figureEntry,
  lockEntry,
  recordEntry,
  reviewEntry,
  type AuditAction,
  type AuditArea,
  type AuditEntry,
  type AuditFilter,
} from "@/lib/audit";
import { currentTime } from "@/lib/clock";
import { inForceText, targetLabel } from "@/lib/judgement";
import { isMonth, quarterOf } from "@/lib/periods";
import { toDefinition } from "./catalog";
import type { Queryable } from "./client";
import { auditEvents, commentRevisions, indicators, monthEvents, periodLockEvents, revisions, targets, users } from "./schema";

/** Add a record to the append-only audit table (changes to targets, catalog, accounts, settings). */
export function recordAudit(
  db: Queryable,
  input: { action: AuditAction; subject: string; detail?: string; userId: string | null; organizationId?: number | null; now?: Date },
): void {
  db.insert(auditEvents)
    .values({
      organizationId: input.organizationId ?? null,
      area: AUDIT_ACTION_AREAS[input.action],
      action: input.action,
      subject: input.subject,
      detail: input.detail ?? "",
      userId: input.userId,
      at: input.now ?? currentTime(),
    })
    .run();
}

/** A target in words, for the record of its retirement: "2026年“促成保姆式服务单数”目标", "月均不少于 34单（省科协要求）". */
export function describeTargetForAudit(db: Queryable, organizationId: number, targetId: number): { subject: string; detail: string } | null {
  const row = db
    .select({ target: targets, indicator: indicators })
    .from(targets)
    .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
    .where(and(eq(targets.id, targetId), eq(targets.organizationId, organizationId)))
    .get();
  if (!row) return null;
  return {
    subject: `“${row.indicator.name}”目标（${inForceText(row.target)}）`,
    detail: `${targetLabel(row.target, toDefinition(row.indicator))}（${row.target.source}）`,
  };
}

type Range = { start: Date | null; end: Date | null };

function rangeOf(filter: AuditFilter): Range {
  return {
    start: filter.from ? beijingDayBounds(filter.from).start : null,
    end: filter.to ? beijingDayBounds(filter.to).end : null,
  };
}

/** The conditions every source shares: its time column within the range, its author the one asked for. */
function common(at: SQLiteColumn, author: SQLiteColumn, filter: AuditFilter, range: Range): SQL[] {
  const conditions: SQL[] = [];
  if (range.start) conditions.push(gte(at, range.start));
  if (range.end) conditions.push(lt(at, range.end));
  if (filter.userId) conditions.push(eq(author, filter.userId));
  return conditions;
}

const wants = (filter: AuditFilter, area: AuditArea) => filter.area === null || filter.area === area;

/**
 * Every change matching the filter, newest first: `limit` entries after skipping `offset`. Each
 * source is read newest first up to offset + limit rows (through its time index), then merged.
 */
export function listAuditEntries(
  db: Queryable,
  input: { organizationId: number; filter: AuditFilter; limit: number; offset?: number },
): { entries: AuditEntry[]; more: boolean } {
  const { organizationId, filter } = input;
  const take = (input.offset ?? 0) + input.limit + 1;
  const range = rangeOf(filter);
  const month = filter.month && isMonth(filter.month) ? filter.month : null;
  const entries: AuditEntry[] = [];

  if (wants(filter, "figures")) {
    const conditions = [eq(revisions.organizationId, organizationId), ...common(revisions.changedAt, revisions.changedBy, filter, range)];
    if (month) conditions.push(eq(revisions.period, month));
    const rows = db
      .select({
        id: revisions.id,
        at: revisions.changedAt,
        period: revisions.period,
        oldValue: revisions.oldValue,
        newValue: revisions.newValue,
        oldRankedUnits: revisions.oldRankedUnits,
        newRankedUnits: revisions.newRankedUnits,
        source: revisions.source,
        note: revisions.note,
        name: indicators.name,
        unit: indicators.unit,
        decimals: indicators.decimals,
        kind: indicators.kind,
        who: users.name,
        username: users.username,
      })
      .from(revisions)
      .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
      .leftJoin(users, eq(users.id, revisions.changedBy))
      .where(and(...conditions))
      .orderBy(desc(revisions.changedAt), desc(revisions.id))
      .limit(take)
      .all();
    for (const row of rows) entries.push(figureEntry(row, row));
  }

  if (wants(filter, "comments")) {
    const conditions = [eq(commentRevisions.organizationId, organizationId), ...common(commentRevisions.changedAt, commentRevisions.changedBy, filter, range)];
    if (month) conditions.push(eq(commentRevisions.period, quarterOf(month)));
    const rows = db
      .select({
        id: commentRevisions.id,
        at: commentRevisions.changedAt,
        period: commentRevisions.period,
        topic: commentRevisions.topic,
        indicatorName: indicators.name,
        oldBody: commentRevisions.oldBody,
        newBody: commentRevisions.newBody,
        who: users.name,
        username: users.username,
      })
      .from(commentRevisions)
      .leftJoin(indicators, eq(indicators.key, commentRevisions.indicatorKey))
      .leftJoin(users, eq(users.id, commentRevisions.changedBy))
      .where(and(...conditions))
      .orderBy(desc(commentRevisions.changedAt), desc(commentRevisions.id))
      .limit(take)
      .all();
    for (const row of rows) entries.push(commentEntry(row));
  }

  if (wants(filter, "reviews")) {
    const conditions = [eq(monthEvents.organizationId, organizationId), ...common(monthEvents.at, monthEvents.userId, filter, range)];
    if (month) conditions.push(eq(monthEvents.month, month));
    const rows = db
      .select({ id: monthEvents.id, at: monthEvents.at, month: monthEvents.month, action: monthEvents.action, reason: monthEvents.reason, missingKeys: monthEvents.missingKeys, who: users.name, username: users.username })
      .from(monthEvents)
      .leftJoin(users, eq(users.id, monthEvents.userId))
      .where(and(...conditions))
      .orderBy(desc(monthEvents.at), desc(monthEvents.id))
      .limit(take)
      .all();
    const names = new Map(db.select({ key: indicators.key, name: indicators.name }).from(indicators).all().map((row) => [row.key, row.name]));
    for (const row of rows) {
      const keys: unknown = row.missingKeys ? JSON.parse(row.missingKeys) : [];
      const missingNames = Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string").map((key) => names.get(key) ?? key) : [];
      entries.push(reviewEntry({ ...row, missingNames }));
    }
  }

  if (wants(filter, "locks")) {
    const conditions = [eq(periodLockEvents.organizationId, organizationId), ...common(periodLockEvents.at, periodLockEvents.userId, filter, range)];
    if (month) conditions.push(eq(periodLockEvents.month, month));
    const rows = db
      .select({ id: periodLockEvents.id, at: periodLockEvents.at, month: periodLockEvents.month, action: periodLockEvents.action, who: users.name, username: users.username })
      .from(periodLockEvents)
      .leftJoin(users, eq(users.id, periodLockEvents.userId))
      .where(and(...conditions))
      .orderBy(desc(periodLockEvents.at), desc(periodLockEvents.id))
      .limit(take)
      .all();
    for (const row of rows) entries.push(lockEntry(row));
  }

  const recordAreas = (["targets", "catalog", "units", "accounts", "settings"] as const).filter((area) => wants(filter, area));
  // the audit table's records concern no month: a month filter leaves them out
  if (recordAreas.length > 0 && !month) {
    const conditions = [
      or(eq(auditEvents.organizationId, organizationId), isNull(auditEvents.organizationId)),
      ...common(auditEvents.at, auditEvents.userId, filter, range),
    ];
    if (filter.area) conditions.push(eq(auditEvents.area, recordAreas[0] ?? "targets"));
    const rows = db
      .select({ id: auditEvents.id, at: auditEvents.at, area: auditEvents.area, action: auditEvents.action, subject: auditEvents.subject, detail: auditEvents.detail, who: users.name, username: users.username })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.userId))
      .where(and(...conditions))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(take)
      .all();
    for (const row of rows) entries.push(recordEntry(row));
  }

  const sorted = entries.sort(byNewest);
  const offset = input.offset ?? 0;
  return { entries: sorted.slice(offset, offset + input.limit), more: sorted.length > offset + input.limit };
}

/** The accounts that appear as authors, for the filter's choice of person. */
export function listAuditAuthors(db: Queryable) {
  return db.select({ id: users.id, name: users.name, username: users.username }).from(users).orderBy(users.createdAt).all();
}
