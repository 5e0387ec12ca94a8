import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { DIRECTIONS, INDICATOR_KINDS, PARENT_RELATIONS } from "@/lib/catalog";
import { AUDIT_ACTIONS, AUDIT_EVENT_AREAS } from "@/lib/audit";
import { MONTH_ACTIONS, MONTH_STATUSES } from "@/lib/month-status";
import { OUTBOX_CHANNELS, OUTBOX_KINDS, OUTBOX_STATUSES } from "@/lib/outbox-policy";
import { COMMENT_TOPICS, COMPARATORS, REVISION_SOURCES, TARGET_RULES } from "@/lib/records";
import { USER_GRANTS } from "@/lib/roles";
import { BULLETIN_SCOPES } from "@/lib/bulletin/derive";
import { UNIT_KINDS } from "@/lib/units";

const createdAt = () =>
  integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`);

/** A stored period: a month "YYYY-MM", or a year "YYYY" for a whole-year figure (the 2023 baseline's flows). */
const PERIOD_CHECK = sql`period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'`;

/**
 * Units: the district association the app serves (kind "home", exactly one), the towns and streets
 * below it ("sub", parent: the home unit) and the peer districts beside it ("peer", whose figures
 * come only from imported bulletins).
 */
export const organizations = sqliteTable(
  "organizations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull().default("peer"),
    parentId: integer("parent_id").references((): AnySQLiteColumn => organizations.id),
    /** The order towns are listed in (the 通报's order); peers follow their name. */
    sortOrder: integer("sort_order").notNull().default(0),
    /** The first month it no longer takes part in ("YYYY-MM"); null while in use. Its history stays. */
    retiredFrom: text("retired_from"),
    createdAt: createdAt(),
  },
  (table) => [
    // the home unit is explicit and unique: every page without a unit shows it
    uniqueIndex("organizations_one_home").on(table.kind).where(sql`kind = 'home'`),
  ],
);
export type Organization = typeof organizations.$inferSelect;

export const indicators = sqliteTable(
  "indicators",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull().unique(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    category: text("category").notNull(),
    kind: text("kind", { enum: INDICATOR_KINDS }).notNull(),
    direction: text("direction", { enum: DIRECTIONS }).notNull(),
    decimals: integer("decimals").notNull().default(0),
    parentKey: text("parent_key"),
    parentRelation: text("parent_relation", { enum: PARENT_RELATIONS }),
    accumulatesKey: text("accumulates_key"),
    ranksKey: text("ranks_key"),
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull(),
    /** In use now: on the monthly form and the dashboard. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The first month it is reported for ("YYYY-MM"); null for the catalog the app started with. */
    inForceFrom: text("in_force_from"),
    /** The first month it is no longer reported for; null while in use (or retired before this was recorded). */
    retiredFrom: text("retired_from"),
    /** Towns and streets report it too (chosen per indicator; never a rank). */
    forSubUnits: integer("for_sub_units", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    check("indicators_decimals", sql`${table.decimals} BETWEEN 0 AND 6`),
  ],
);
export type Indicator = typeof indicators.$inferSelect;

export const observations = sqliteTable(
  "observations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    indicatorId: integer("indicator_id").notNull().references(() => indicators.id),
    period: text("period").notNull(),
    value: real("value").notNull(),
    /** For a rank: N, the number of units ranked, when the bulletin gives it. */
    rankedUnits: integer("ranked_units"),
    /** For a rank, when the bulletin gives them: the ranked figure of the unit just above and just below. */
    valueAbove: real("value_above"),
    valueBelow: real("value_below"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** Where the figure comes from, e.g. the document a baseline figure was read from. */
    note: text("note"),
    enteredBy: text("entered_by"),
    enteredAt: integer("entered_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [
    // one figure per organization, indicator and period; also serves one indicator's history
    uniqueIndex("observations_org_indicator_period").on(table.organizationId, table.indicatorId, table.period),
    // the monthly form and the dashboard read every indicator of one month; which months hold
    // figures (and how many, how many demo) is answered from this index alone, never the table
    index("observations_org_period_indicator").on(table.organizationId, table.period, table.indicatorId, table.isDemo),
    check("observations_period", PERIOD_CHECK),
    check("observations_value", sql`${table.value} >= 0`),
  ],
);
export type Observation = typeof observations.$inferSelect;

export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    indicatorId: integer("indicator_id").notNull().references(() => indicators.id),
    period: text("period").notNull(),
    oldValue: real("old_value"),
    newValue: real("new_value"),
    oldRankedUnits: integer("old_ranked_units"),
    newRankedUnits: integer("new_ranked_units"),
    oldValueAbove: real("old_value_above"),
    newValueAbove: real("new_value_above"),
    oldValueBelow: real("old_value_below"),
    newValueBelow: real("new_value_below"),
    source: text("source", { enum: REVISION_SOURCES }).notNull(),
    changedBy: text("changed_by"),
    changedAt: integer("changed_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
    /** What the change itself records, e.g. the document a baseline figure was read from, or which revision a revert restored. */
    note: text("note"),
    /** The person's 更正说明: why they changed it (required when correcting the baseline). */
    reason: text("reason"),
    /** When the new value lay far outside the figure's history and was saved once confirmed: the flag's words (lib/plausibility.ts). */
    plausibilityNote: text("plausibility_note"),
  },
  (table) => [
    // an indicator's history page lists its revisions; the form shows one figure's history
    index("revisions_org_indicator_period").on(table.organizationId, table.indicatorId, table.period),
    // the audit view lists the newest changes first
    index("revisions_org_changed_at").on(table.organizationId, table.changedAt),
    check("revisions_period", PERIOD_CHECK),
  ],
);
export type Revision = typeof revisions.$inferSelect;

export const targets = sqliteTable(
  "targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    indicatorId: integer("indicator_id").notNull().references(() => indicators.id),
    /** The first year the target applies to; it stands for every later year until replaced or retired. */
    fromYear: integer("from_year").notNull(),
    /** The last year it applies to, when it was retired from a later year or set for one year only. */
    untilYear: integer("until_year"),
    rule: text("rule", { enum: TARGET_RULES }).notNull(),
    comparator: text("comparator", { enum: COMPARATORS }).notNull().default("at_least"),
    value: real("value").notNull(),
    /** Who set the target, e.g. 省科协要求. */
    source: text("source").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    /** Withdrawn: replaced within its own first year, or retired before it ever applied. Never in force. */
    retiredAt: integer("retired_at", { mode: "timestamp" }),
  },
  (table) => [
    // every page reads an organization's targets and picks those in force for the period it shows
    index("targets_org_indicator").on(table.organizationId, table.indicatorId),
  ],
);
export type Target = typeof targets.$inferSelect;

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    /** A month "YYYY-MM" or a quarter "YYYY-Qn". */
    period: text("period").notNull(),
    /** Empty for commentary on the period as a whole. */
    indicatorKey: text("indicator_key").notNull().default(""),
    topic: text("topic", { enum: COMMENT_TOPICS }).notNull(),
    body: text("body").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [
    // one note per organization, period, indicator and topic; the review pack reads a period's notes
    uniqueIndex("comments_org_period_indicator_topic").on(
      table.organizationId,
      table.period,
      table.indicatorKey,
      table.topic,
    ),
  ],
);
export type Comment = typeof comments.$inferSelect;

/** Facts about the installation itself, e.g. that demo data was seeded once (so it is never re-added). */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

// ── Accounts (better-auth with its username and admin plugins; tables written by hand from its docs) ──

const authTimestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Display name, e.g. 张三. */
  name: text("name").notNull(),
  /** better-auth requires an e-mail; staff have none, so it holds an internal placeholder nobody sees. */
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  username: text("username").unique(),
  displayUsername: text("display_username"),
  role: text("role"),
  banned: integer("banned", { mode: "boolean" }).default(false),
  banReason: text("ban_reason"),
  banExpires: authTimestamp("ban_expires"),
  createdAt: authTimestamp("created_at").notNull(),
  updatedAt: authTimestamp("updated_at").notNull(),
});
export type User = typeof users.$inferSelect;

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    /** The session token; the browser holds it, signed with the app secret, in an httpOnly cookie. */
    token: text("token").notNull().unique(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: authTimestamp("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    impersonatedBy: text("impersonated_by"),
    createdAt: authTimestamp("created_at").notNull(),
    updatedAt: authTimestamp("updated_at").notNull(),
  },
  // revoking a user's sessions looks them up by user
  (table) => [index("sessions_user").on(table.userId)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: authTimestamp("access_token_expires_at"),
    refreshTokenExpiresAt: authTimestamp("refresh_token_expires_at"),
    scope: text("scope"),
    /** The password hash (scrypt), for the "credential" provider. */
    password: text("password"),
    createdAt: authTimestamp("created_at").notNull(),
    updatedAt: authTimestamp("updated_at").notNull(),
  },
  // sign-in finds the credential account of a user
  (table) => [index("accounts_user").on(table.userId)],
);

export const verifications = sqliteTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: authTimestamp("expires_at").notNull(),
  createdAt: authTimestamp("created_at").notNull(),
  updatedAt: authTimestamp("updated_at").notNull(),
});

/** Failed sign-ins per username ("user:…") and per network address ("addr:…"). */
export const signInAttempts = sqliteTable("sign_in_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
  lockedUntil: integer("locked_until"),
});

// ── Period locks ──

/** A locked month refuses every change until an administrator unlocks it. */
export const periodLocks = sqliteTable(
  "period_locks",
  {
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    month: text("month").notNull(),
    lockedBy: text("locked_by"),
    lockedAt: integer("locked_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.month] })],
);

/** Every lock and unlock, kept for good. */
export const periodLockEvents = sqliteTable("period_lock_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  organizationId: integer("organization_id").notNull().references(() => organizations.id),
  month: text("month").notNull(),
  action: text("action", { enum: ["lock", "unlock"] }).notNull(),
  userId: text("user_id"),
  at: integer("at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

/** Every change to a piece of commentary, kept for good (like revisions of figures). */
export const commentRevisions = sqliteTable(
  "comment_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    period: text("period").notNull(),
    indicatorKey: text("indicator_key").notNull().default(""),
    topic: text("topic", { enum: COMMENT_TOPICS }).notNull(),
    oldBody: text("old_body"),
    newBody: text("new_body"),
    changedBy: text("changed_by"),
    changedAt: integer("changed_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  // the review pack shows a period's commentary history
  (table) => [index("comment_revisions_org_period").on(table.organizationId, table.period)],
);

// ── Read-only API tokens ──

/**
 * A token an administrator issued for the read-only API. Only its SHA-256 hash is kept: the token
 * itself is shown once, when issued. A revoked token stays listed (who issued it, when it was last used).
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The token's first characters, so an administrator can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp" }),
    revokedAt: integer("revoked_at", { mode: "timestamp" }),
  },
  // each API request finds its token by hash
  (table) => [uniqueIndex("api_tokens_hash").on(table.tokenHash)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

// ── Month review: 填报中 → 已提交 → 已审核 (an approved month is locked in period_locks) ──

/** A month's review status; a month with no row is being filled in. */
export const monthStatuses = sqliteTable(
  "month_statuses",
  {
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    month: text("month").notNull(),
    status: text("status", { enum: MONTH_STATUSES }).notNull(),
    changedBy: text("changed_by"),
    changedAt: integer("changed_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.month] })],
);

/** Every step of a month's review (who, when, why), kept for good. */
export const monthEvents = sqliteTable(
  "month_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    month: text("month").notNull(),
    action: text("action", { enum: MONTH_ACTIONS }).notNull(),
    fromStatus: text("from_status", { enum: MONTH_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: MONTH_STATUSES }).notNull(),
    /** Required to return or unlock a month; optional otherwise. */
    reason: text("reason"),
    /** On submit: the keys of the indicators left blank, as a JSON array, which the submitter confirmed. */
    missingKeys: text("missing_keys"),
    /** On approve: the highest revision id at that moment, so "what changed since" reads the revisions. */
    revisionMark: integer("revision_mark"),
    userId: text("user_id"),
    at: integer("at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [
    // a month's history, and its last approval
    index("month_events_org_month").on(table.organizationId, table.month),
    // the audit view lists the newest first
    index("month_events_at").on(table.at),
  ],
);

/** Permissions held on top of a role (the reviewer grant of a leader's account). */
export const userGrants = sqliteTable(
  "user_grants",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    grant: text("grant_name", { enum: USER_GRANTS }).notNull(),
    grantedBy: text("granted_by"),
    grantedAt: integer("granted_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.grant] })],
);

// ── Outbox: reminders and digests, sent by the in-process scheduler ──

/** A message to send through one channel; the dedup key makes enqueueing the same one twice a no-op. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupKey: text("dedup_key").notNull().unique(),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    subject: text("subject").notNull(),
    /** Markdown (the WeCom robot renders it; e-mail gets it as plain text). */
    body: text("body").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp" }),
    /** The last failure, with every secret masked. */
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp" }),
  },
  (table) => [
    // the worker picks the due pending messages
    index("outbox_status_next").on(table.status, table.nextAttemptAt),
  ],
);
export type OutboxMessage = typeof outbox.$inferSelect;

/** Every attempt to send an outbox message; the WeCom rate limit counts them. */
export const outboxAttempts = sqliteTable(
  "outbox_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id").notNull().references(() => outbox.id),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    ok: integer("ok", { mode: "boolean" }),
    error: text("error"),
  },
  (table) => [
    // the rate limit counts a channel's attempts in the last minute
    index("outbox_attempts_channel_at").on(table.channel, table.at),
  ],
);

// ── Audit: the changes no other table records (targets, catalog, accounts, settings) ──

/** Append-only (triggers refuse UPDATE and DELETE): who changed what, when. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").references(() => organizations.id),
    area: text("area", { enum: AUDIT_EVENT_AREAS }).notNull(),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    /** What the change was made to, in words (an indicator's name, an account, a year's target). */
    subject: text("subject").notNull(),
    /** The change itself, in words. */
    detail: text("detail").notNull().default(""),
    userId: text("user_id"),
    at: integer("at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  // the audit view lists the newest first
  (table) => [index("audit_events_at").on(table.at)],
);

// ── Units: aliases, accounts scoped to one unit, remembered bulletin mappings ──

/** Other names a bulletin writes for a unit ("攀枝花市西区" for 西区科协), for matching its rows. */
export const unitAliases = sqliteTable(
  "unit_aliases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organizationId: integer("organization_id").notNull().references(() => organizations.id),
    alias: text("alias").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  // a unit's aliases are read with it; the same alias twice for one unit is one alias
  (table) => [uniqueIndex("unit_aliases_org_alias").on(table.organizationId, table.alias)],
);

/**
 * An account that sees and changes only one unit (a town's staff); an account without a row sees
 * every unit. Decided in app/_auth, passed to db/ as the unit's id.
 */
export const userUnits = sqliteTable("user_units", {
  userId: text("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  organizationId: integer("organization_id").notNull().references(() => organizations.id),
  assignedBy: text("assigned_by"),
  assignedAt: integer("assigned_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

/**
 * How a bulletin source's columns map to indicators, remembered by the column headings (so a column
 * that moves keeps its indicator), with the table's scope; edited on the import page.
 */
export const bulletinMappings = sqliteTable("bulletin_mappings", {
  /** The source as the importer names it, e.g. 四川省科协月度通报. */
  source: text("source").primaryKey(),
  /** JSON: [{ "heading": "科普服务量 / 全省排名", "key": "popsci_volume_rank" }, …] and the name column's heading. */
  mapping: text("mapping").notNull(),
  scope: text("scope", { enum: BULLETIN_SCOPES }).notNull().default("province"),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

/**
 * What cached pages show, counted: the page cache (front-door/page-cache.ts) keys a copy by the
 * counters of what it shows, so a write drops only the pages it changes. Kept by triggers of the
 * migration that made this table, in the writing transaction itself (CLI scripts included):
 * `unit:<id>` for a unit's figures, revisions, targets, comments and months (a town's also its
 * district's), `ranks` for any rank figure and any peer's figure, `global` for everything else pages
 * may show (the catalog, units, accounts, settings). Sessions, sign-in attempts, the audit log and
 * the outbox count for none: no cached page shows them.
 */
export const cacheVersions = sqliteTable("cache_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull().default(0),
});
