import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DIRECTIONS, INDICATOR_KINDS, PARENT_RELATIONS } from "@/lib/catalog";
import { COMMENT_TOPICS, COMPARATORS, REVISION_SOURCES, TARGET_RULES } from "@/lib/records";

const createdAt = () =>
  integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`);

/** A stored period: a month "YYYY-MM", or a year "YYYY" for a whole-year figure (the 2023 baseline's flows). */
const PERIOD_CHECK = sql`period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'`;

export const organizations = sqliteTable("organizations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  createdAt: createdAt(),
});
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
    active: integer("active", { mode: "boolean" }).notNull().default(true),
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
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** Where the figure comes from, e.g. the document a baseline figure was read from. */
    note: text("note"),
    enteredBy: text("entered_by"),
    enteredAt: integer("entered_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
  },
  (table) => [
    // one figure per organization, indicator and period; also serves one indicator's history
    uniqueIndex("observations_org_indicator_period").on(table.organizationId, table.indicatorId, table.period),
    // the monthly form and the dashboard read every indicator of one month
    index("observations_org_period").on(table.organizationId, table.period),
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
    source: text("source", { enum: REVISION_SOURCES }).notNull(),
    changedBy: text("changed_by"),
    changedAt: integer("changed_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
    note: text("note"),
  },
  (table) => [
    // an indicator's history page lists its revisions; the form shows one figure's history
    index("revisions_org_indicator_period").on(table.organizationId, table.indicatorId, table.period),
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
    year: integer("year").notNull(),
    rule: text("rule", { enum: TARGET_RULES }).notNull(),
    comparator: text("comparator", { enum: COMPARATORS }).notNull().default("at_least"),
    value: real("value").notNull(),
    /** Who set the target, e.g. 省科协要求. */
    source: text("source").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    retiredAt: integer("retired_at", { mode: "timestamp" }),
  },
  (table) => [
    // the dashboard reads the targets of one organization and year
    index("targets_org_year").on(table.organizationId, table.year),
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
