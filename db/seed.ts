import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { CATALOG, EARLIER_SEEDED_DESCRIPTIONS } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { generateDemoMonths, type DemoStart } from "@/lib/demo";
import type { EnteredFigure } from "@/lib/entry-schema";
import { addMonths, monthOfDate, monthRange, yearOf, type Month } from "@/lib/periods";
import {
  BASELINE_ORGANIZATION,
  BASELINE_SOURCE,
  BASELINE_TARGETS,
  BASELINE_YEAR,
  BASELINE_YEAR_END,
  BASELINE_YEAR_END_MONTH,
  BASELINE_YEAR_TOTALS,
  demoTargets,
} from "./baseline";
import type { Db, Queryable } from "./client";
import { saveFigures } from "./save-figures";
import { appSettings, indicators, observations, organizations, revisions, targets } from "./schema";

const DEMO_SEEDED = "demo_seeded_at";
/** The demo covers the twelve months before the current one, so a newcomer's first dashboard is this year's. */
const DEMO_MONTHS = 12;
const DEMO_NOTE = "示例数据（演示用，非真实填报）";

export type SeedReport = { indicators: number; baseline: number; targets: number; demo: number };

/** The demo months for a database seeded in the month `today`: the twelve months before it. */
export function demoMonths(today: Month): Month[] {
  return monthRange(addMonths(today, -DEMO_MONTHS), addMonths(today, -1));
}

/**
 * Brings a database to its starting state without touching anything a person changed:
 * missing indicators are added (existing ones are never overwritten; a definition is filled in
 * only where the description is still empty or as an earlier seed wrote it), each baseline figure
 * is written only if it has never been stored or revised, and the demo months (the twelve before
 * the current one) are added once in the life of the database (never again after they were cleared).
 */
export function seedDatabase(db: Db, options: { demo: boolean; now?: Date }): SeedReport {
  return db.transaction((tx) => {
    const organizationId = ensureOrganization(tx);
    const report = {
      indicators: seedCatalog(tx),
      baseline: seedBaseline(db, organizationId),
      targets: seedTargets(tx, organizationId),
      demo: 0,
    };
    if (options.demo && !tx.select().from(appSettings).where(eq(appSettings.key, DEMO_SEEDED)).get()) {
      const months = demoMonths(monthOfDate(options.now ?? currentTime()));
      report.demo = seedDemo(db, organizationId, months);
      const [first, last] = [months[0], months.at(-1)];
      if (first && last) report.targets += seedTargets(tx, organizationId, demoTargets(yearOf(first), yearOf(last)), true);
      tx.insert(appSettings).values({ key: DEMO_SEEDED, value: currentTime().toISOString() }).run();
    }
    return report;
  });
}

/** The home unit: the one marked so, or the document's district association on a first seed. */
function ensureOrganization(db: Queryable): number {
  const home = db.select().from(organizations).where(eq(organizations.kind, "home")).get();
  if (home) return home.id;
  db.insert(organizations).values({ ...BASELINE_ORGANIZATION, kind: "home" }).onConflictDoNothing().run();
  const organization = db.select().from(organizations).where(eq(organizations.code, BASELINE_ORGANIZATION.code)).get();
  if (!organization) throw new Error("无法创建组织记录");
  return organization.id;
}

function seedCatalog(db: Queryable): number {
  let added = 0;
  CATALOG.forEach((definition, index) => {
    const result = db
      .insert(indicators)
      .values({ ...definition, sortOrder: (index + 1) * 10 })
      .onConflictDoNothing({ target: indicators.key })
      .run();
    added += result.changes;
    const untouched = ["", EARLIER_SEEDED_DESCRIPTIONS[definition.key] ?? ""];
    db.update(indicators)
      .set({ description: definition.description })
      .where(and(eq(indicators.key, definition.key), inArray(indicators.description, untouched)))
      .run();
  });
  return added;
}

/** Runs inside seedDatabase's transaction (the save path's own transactions nest as savepoints). */
function seedBaseline(db: Db, organizationId: number): number {
  const write = (period: string, figures: Readonly<Record<string, number>>) => {
    const untouched = new Map<string, EnteredFigure>();
    for (const [key, value] of Object.entries(figures)) {
      if (!hasHistory(db, organizationId, key, period)) untouched.set(key, { value, rankedUnits: null });
    }
    return saveFigures(db, {
      organizationId,
      period,
      figures: untouched,
      source: "seed",
      changedBy: null,
      note: BASELINE_SOURCE,
    }).length;
  };
  return write(BASELINE_YEAR, BASELINE_YEAR_TOTALS) + write(BASELINE_YEAR_END_MONTH, BASELINE_YEAR_END);
}

function hasHistory(db: Queryable, organizationId: number, key: string, period: string): boolean {
  const row = db
    .select({ id: revisions.id })
    .from(revisions)
    .innerJoin(indicators, eq(indicators.id, revisions.indicatorId))
    .where(and(eq(revisions.organizationId, organizationId), eq(indicators.key, key), eq(revisions.period, period)))
    .limit(1)
    .get();
  return row !== undefined;
}

type SeedTarget = (typeof BASELINE_TARGETS)[number] | ReturnType<typeof demoTargets>[number];

function seedTargets(db: Queryable, organizationId: number, list: readonly SeedTarget[] = BASELINE_TARGETS, isDemo = false): number {
  let added = 0;
  for (const target of list) {
    const indicator = db.select().from(indicators).where(eq(indicators.key, target.indicatorKey)).get();
    if (!indicator) continue;
    const existing = db
      .select({ id: targets.id })
      .from(targets)
      .where(
        and(
          eq(targets.organizationId, organizationId),
          eq(targets.indicatorId, indicator.id),
          eq(targets.fromYear, target.fromYear),
          eq(targets.rule, target.rule),
        ),
      )
      .get();
    if (existing) continue;
    db.insert(targets)
      .values({
        organizationId,
        indicatorId: indicator.id,
        fromYear: target.fromYear,
        untilYear: target.untilYear,
        rule: target.rule,
        comparator: target.comparator,
        value: target.value,
        source: target.source,
        isDemo,
      })
      .run();
    added += 1;
  }
  return added;
}

function seedDemo(db: Db, organizationId: number, months: readonly Month[]): number {
  const december = new Map(
    db
      .select({ key: indicators.key, value: observations.value })
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .where(and(eq(observations.organizationId, organizationId), eq(observations.period, BASELINE_YEAR_END_MONTH)))
      .all()
      .map((row) => [row.key, row.value]),
  );
  const start: DemoStart = {
    users_total: december.get("users_total") ?? 0,
    supply_total: december.get("supply_total") ?? 0,
    deal_amount_total: december.get("deal_amount_total") ?? 0,
    nanny_done_total: december.get("nanny_done_total") ?? 0,
    nanny_following: december.get("nanny_following") ?? 0,
    studio_total: december.get("studio_total") ?? 0,
    studio_premium: december.get("studio_premium") ?? 0,
    popsci_posts_total: december.get("popsci_posts_total") ?? 0,
    popsci_volume: december.get("popsci_volume") ?? 0,
    popsci_coverage_people: december.get("popsci_coverage_people") ?? 0,
  };
  let written = 0;
  const first = months[0];
  if (!first) return 0;
  for (const { month, figures } of generateDemoMonths(first, months.length, start)) {
    const untouched = new Map<string, EnteredFigure>();
    for (const [key, figure] of figures) {
      if (!hasHistory(db, organizationId, key, month)) untouched.set(key, figure);
    }
    written += saveFigures(db, {
      organizationId,
      period: month,
      figures: untouched,
      source: "demo",
      changedBy: null,
      isDemo: true,
      note: DEMO_NOTE,
    }).length;
  }
  return written;
}

/**
 * Removes every demo figure that nobody has since corrected, with the revisions the demo seed
 * wrote for them, and any demo target. Real figures, including the 2023 baseline, stay.
 */
export function clearDemoData(db: Db): { figures: number; targets: number } {
  return db.transaction((tx) => {
    const demoFigures = tx.select().from(observations).where(eq(observations.isDemo, true)).all();
    for (const figure of demoFigures) {
      tx.delete(revisions)
        .where(
          and(
            eq(revisions.organizationId, figure.organizationId),
            eq(revisions.indicatorId, figure.indicatorId),
            eq(revisions.period, figure.period),
            eq(revisions.source, "demo"),
          ),
        )
        .run();
    }
    const figures = tx.delete(observations).where(eq(observations.isDemo, true)).run().changes;
    const removedTargets = tx.delete(targets).where(eq(targets.isDemo, true)).run().changes;
    return { figures, targets: removedTargets };
  });
}

/** How many demo figures the database holds now. */
export function countDemoFigures(db: Queryable): number {
  const row = db.select({ count: sql<number>`count(*)` }).from(observations).where(eq(observations.isDemo, true)).get();
  return row?.count ?? 0;
}
