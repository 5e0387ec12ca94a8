/**
 * The audit view: every change, whatever recorded it (revisions of figures and commentary, the
 * review steps of months, old lock events, and the audit records of targets, catalog, accounts
 * and settings), as one kind of entry in Chinese.
 */
import { z } from "zod";
import type { IndicatorDefinition } from "./catalog";
import { formatRevisionValue } from "./format";
import { MONTH_ACTION_LABELS, type MonthAction } from "./month-status";
import { formatMonth, formatPeriod, isMonth } from "./periods";
import { REVISION_SOURCE_LABELS, type CommentTopic, type RevisionSource } from "./records";

export const AUDIT_AREAS = ["figures", "comments", "reviews", "locks", "targets", "catalog", "units", "accounts", "settings"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export const AUDIT_AREA_LABELS: Record<AuditArea, string> = {
  figures: "数据",
  comments: "分析说明",
  reviews: "审核",
  locks: "锁定（旧记录）",
  targets: "目标",
  catalog: "指标目录",
  units: "单位",
  accounts: "账号",
  settings: "设置",
};

/** The areas with no record of their own before, kept in the append-only audit table. */
export const AUDIT_EVENT_AREAS = ["targets", "catalog", "units", "accounts", "settings"] as const;
export type AuditEventArea = (typeof AUDIT_EVENT_AREAS)[number];

export const AUDIT_ACTIONS = [
  "target.set",
  "target.retire",
  "target.copy",
  "target.allocate",
  "indicator.add",
  "indicator.update",
  "indicator.retire",
  "indicator.restore",
  "unit.add",
  "unit.rename",
  "unit.retire",
  "unit.restore",
  "unit.alias",
  "unit.unalias",
  "unit.indicators",
  "unit.account",
  "account.add",
  "account.role",
  "account.password",
  "account.disable",
  "account.enable",
  "account.grant",
  "account.revoke",
  "settings.bands",
  "settings.due",
  "settings.bulletin",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "target.set": "设定目标",
  "target.retire": "停用目标",
  "target.copy": "复制目标",
  "target.allocate": "分配目标到镇街",
  "indicator.add": "添加指标",
  "indicator.update": "修改指标",
  "indicator.retire": "停用指标",
  "indicator.restore": "恢复指标",
  "unit.add": "添加单位",
  "unit.rename": "修改单位名称",
  "unit.retire": "停用单位",
  "unit.restore": "恢复单位",
  "unit.alias": "添加别名",
  "unit.unalias": "删除别名",
  "unit.indicators": "设定镇街填报的指标",
  "unit.account": "设定账号所属单位",
  "account.add": "添加账号",
  "account.role": "修改角色",
  "account.password": "重置密码",
  "account.disable": "停用账号",
  "account.enable": "恢复账号",
  "account.grant": "授予审核权限",
  "account.revoke": "取消审核权限",
  "settings.bands": "修改状态阈值",
  "settings.due": "修改报送期限与提醒",
  "settings.bulletin": "修改通报列对应关系",
};

export const AUDIT_ACTION_AREAS: Record<AuditAction, AuditEventArea> = {
  "target.set": "targets",
  "target.retire": "targets",
  "target.copy": "targets",
  "target.allocate": "targets",
  "indicator.add": "catalog",
  "indicator.update": "catalog",
  "indicator.retire": "catalog",
  "indicator.restore": "catalog",
  "unit.add": "units",
  "unit.rename": "units",
  "unit.retire": "units",
  "unit.restore": "units",
  "unit.alias": "units",
  "unit.unalias": "units",
  "unit.indicators": "units",
  "unit.account": "units",
  "account.add": "accounts",
  "account.role": "accounts",
  "account.password": "accounts",
  "account.disable": "accounts",
  "account.enable": "accounts",
  "account.grant": "accounts",
  "account.revoke": "accounts",
  "settings.bands": "settings",
  "settings.due": "settings",
  "settings.bulletin": "settings",
};

export type AuditEntry = {
  /** Unique across sources, e.g. "revision:12". */
  id: string;
  at: Date;
  area: AuditArea;
  /** What was done, e.g. 修改数值, 退回, 修改角色. */
  action: string;
  /** What it was done to, e.g. an indicator's name, a month, an account. */
  subject: string;
  /** The period concerned (2026年10月, 2024年第一季度), when there is one. */
  period: string;
  /** The change itself, e.g. "120人 → 125人（月度填报）" or the reason given. */
  detail: string;
  who: string | null;
  username: string | null;
};

/** "张三（zhangsan）", or 系统 for changes nobody signed in made (seed, scripts). */
export function whoText(entry: Pick<AuditEntry, "who" | "username">): string {
  if (!entry.who) return "系统";
  return entry.username ? `${entry.who}（${entry.username}）` : entry.who;
}

export type AuditFilter = {
  area: AuditArea | null;
  userId: string | null;
  /** Beijing calendar days, inclusive. */
  from: string | null;
  to: string | null;
  /** A month "YYYY-MM": changes to that month's figures and review, or to its quarter's commentary. */
  month: string | null;
};

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === undefined ? null : value), schema.nullable());

/** The filter from a page's query string; a part that is not understood is left out, and said so. */
export function parseAuditFilter(query: Record<string, string | string[] | undefined>): { filter: AuditFilter; ignored: string[] } {
  const ignored: string[] = [];
  const field = <T,>(name: string, schema: z.ZodType<T>): T | null => {
    const raw = query[name];
    const parsed = optional(schema).safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (parsed.success) return parsed.data;
    ignored.push(name);
    return null;
  };
  const filter: AuditFilter = {
    area: field("area", z.enum(AUDIT_AREAS)),
    userId: field("userId", z.string().max(100)),
    from: field("from", z.string().regex(dayPattern)),
    to: field("to", z.string().regex(dayPattern)),
    month: field("month", z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  };
  return { filter, ignored };
}

/** The start of a Beijing calendar day "YYYY-MM-DD", and the start of the next one. */
export function beijingDayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}

/** The filter as a query string, for links (the export, the next page). */
export function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

// ── Each source's rows as entries ──

type Person = { who: string | null; username: string | null };

const TOPIC_LABELS: Record<CommentTopic, string> = { overall: "总体分析", cause: "原因", next_step: "下步措施" };

/** A change to a figure: 填报 (from blank), 清空 (to blank) or 修改, old → new, and where it came from. */
export function figureEntry(
  row: Person & {
    id: number;
    at: Date;
    period: string;
    oldValue: number | null;
    newValue: number | null;
    oldRankedUnits: number | null;
    newRankedUnits: number | null;
    source: RevisionSource;
    note: string | null;
  },
  indicator: Pick<IndicatorDefinition, "name" | "unit" | "decimals" | "kind">,
): AuditEntry {
  const action = row.oldValue === null ? "填报数值" : row.newValue === null ? "清空数值" : "修改数值";
  const change = `${formatRevisionValue(row.oldValue, indicator, row.oldRankedUnits)} → ${formatRevisionValue(row.newValue, indicator, row.newRankedUnits)}`;
  return {
    id: `revision:${row.id}`,
    at: row.at,
    area: "figures",
    action,
    subject: indicator.name,
    period: formatPeriod(row.period),
    detail: `${change}（${REVISION_SOURCE_LABELS[row.source]}）${row.note ? `；${row.note}` : ""}`,
    who: row.who,
    username: row.username,
  };
}

/** A change to the commentary of a review pack. */
export function commentEntry(
  row: Person & { id: number; at: Date; period: string; topic: CommentTopic; indicatorName: string | null; oldBody: string | null; newBody: string | null },
): AuditEntry {
  const action = row.oldBody === null ? "填写说明" : row.newBody === null ? "清空说明" : "修改说明";
  return {
    id: `comment:${row.id}`,
    at: row.at,
    area: "comments",
    action,
    subject: `${row.indicatorName ? `${row.indicatorName} · ` : ""}${TOPIC_LABELS[row.topic]}`,
    period: formatPeriod(row.period),
    detail: row.newBody === null ? `原内容：${shorten(row.oldBody ?? "")}` : shorten(row.newBody),
    who: row.who,
    username: row.username,
  };
}

/** A step of a month's review. */
export function reviewEntry(
  row: Person & { id: number; at: Date; month: string; action: MonthAction; reason: string | null; missingNames: string[] },
): AuditEntry {
  const missing = row.missingNames.length > 0 ? `确认未填报 ${row.missingNames.length} 项：${row.missingNames.join("、")}` : "";
  const reason = row.reason ? `原因：${row.reason}` : "";
  return {
    id: `review:${row.id}`,
    at: row.at,
    area: "reviews",
    action: MONTH_ACTION_LABELS[row.action],
    subject: `${formatPeriod(row.month)}数据`,
    period: formatPeriod(row.month),
    detail: [reason, missing].filter(Boolean).join("；"),
    who: row.who,
    username: row.username,
  };
}

/** A bare lock or unlock, from before the review flow. */
export function lockEntry(row: Person & { id: number; at: Date; month: string; action: "lock" | "unlock" }): AuditEntry {
  return {
    id: `lock:${row.id}`,
    at: row.at,
    area: "locks",
    action: row.action === "lock" ? "锁定" : "解除锁定",
    subject: `${formatPeriod(row.month)}数据`,
    period: formatPeriod(row.month),
    detail: "（未经审核流程，无原因记录）",
    who: row.who,
    username: row.username,
  };
}

/** A record of the audit table (targets, catalog, accounts, settings). */
export function recordEntry(row: Person & { id: number; at: Date; area: AuditEventArea; action: AuditAction; subject: string; detail: string }): AuditEntry {
  return {
    id: `audit:${row.id}`,
    at: row.at,
    area: row.area,
    action: AUDIT_ACTION_LABELS[row.action],
    subject: row.subject,
    period: "",
    detail: row.detail,
    who: row.who,
    username: row.username,
  };
}

function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Ids compare as numbers where they hold them ("lock-10" after "lock-9"); built once, not per comparison. */
const ID_ORDER = new Intl.Collator("en", { numeric: true });

/** Newest first; ties broken by id so the order never changes between two reads. */
export function byNewest(a: AuditEntry, b: AuditEntry): number {
  return b.at.getTime() - a.at.getTime() || ID_ORDER.compare(b.id, a.id);
}

/** The filter in words, for the export's header: "类别：审核；操作人：李主任；2026-11-01 至 2026-11-30". */
export function describeAuditFilter(filter: AuditFilter, userName: string | null): string {
  const parts: string[] = [];
  if (filter.area) parts.push(`类别：${AUDIT_AREA_LABELS[filter.area]}`);
  if (filter.userId) parts.push(`操作人：${userName ?? filter.userId}`);
  if (filter.from || filter.to) parts.push(`${filter.from ?? "最早"} 至 ${filter.to ?? "今天"}`);
  if (filter.month && isMonth(filter.month)) parts.push(`月份：${formatMonth(filter.month)}`);
  return parts.length > 0 ? parts.join("；") : "全部";
}

type IndicatorFields = { name: string; unit: string; category: string; description: string; sortOrder: number };
const INDICATOR_FIELDS = ["name", "unit", "category", "description", "sortOrder"] as const;
const INDICATOR_FIELD_LABELS: Record<keyof IndicatorFields, string> = { name: "名称", unit: "单位", category: "类别", description: "说明", sortOrder: "排序" };

/** What an edit of an indicator changed, field by field: "名称：A → B；单位：个 → 家". */
export function indicatorEditDetail(before: IndicatorFields, after: IndicatorFields): string {
  const changes = INDICATOR_FIELDS.filter((field) => before[field] !== after[field])
    .map((field) => `${INDICATOR_FIELD_LABELS[field]}：${before[field] === "" ? "（空）" : before[field]} → ${after[field] === "" ? "（空）" : after[field]}`);
  return changes.length > 0 ? changes.join("；") : "没有改动";
}
