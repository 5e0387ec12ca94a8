import "server-only";
import { and, asc, desc, eq, gte, lt, lte, sql } from "drizzle-orm";
import { addMonths, isMonth, type Month } from "@/lib/periods";
import { HISTORY_PERIODS, type HistoryPoint } from "@/lib/plausibility";
import type { Queryable } from "./client";
import { indicators, observations } from "./schema";

export type StoredFigure = {
  key: string;
  period: string;
  value: number;
  rankedUnits: number | null;
  valueAbove: number | null;
  valueBelow: number | null;
  isDemo: boolean;
  note: string | null;
  enteredAt: Date;
};

/** A figure as the pages that chart and judge figures read it: without where it came from or when. */
export type WindowFigure = Omit<StoredFigure, "note" | "enteredAt">;

const windowColumns = {
  key: indicators.key,
  period: observations.period,
  value: observations.value,
  rankedUnits: observations.rankedUnits,
  valueAbove: observations.valueAbove,
  valueBelow: observations.valueBelow,
  isDemo: observations.isDemo,
};

const figureColumns = { ...windowColumns, note: observations.note, enteredAt: observations.enteredAt };

/** A unit's figures from `first` to `last`, periods compared as text. */
function withinPeriods(organizationId: number, first: string, last: string) {
  return and(eq(observations.organizationId, organizationId), gte(observations.period, first), lte(observations.period, last));
}

/** Every stored figure of one period (a month, or a year for whole-year figures), by indicator key. */
export function getPeriodFigures(db: Queryable, organizationId: number, period: string): Map<string, StoredFigure> {
  const rows = db
    .select(figureColumns)
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(observations.organizationId, organizationId), eq(observations.period, period)))
    .all();
  return new Map(rows.map((row) => [row.key, row]));
}

/**
 * Every stored figure from `first` to `last` (periods compare as text, so the range "2023" … "2024-12"
 * takes in the year figure "2023", every month of 2023 and 2024, and the year figure "2024").
 */
export function listFigures(db: Queryable, organizationId: number, first: string, last: string): StoredFigure[] {
  return db
    .select(figureColumns)
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(withinPeriods(organizationId, first, last))
    .orderBy(asc(observations.period))
    .all();
}

/** Every figure from `first` to `last` (as `listFigures`), with only the columns charts and judgements use. */
export function listWindowFigures(db: Queryable, organizationId: number, first: string, last: string): WindowFigure[] {
  return db
    .select(windowColumns)
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(withinPeriods(organizationId, first, last))
    .orderBy(asc(observations.period))
    .all();
}

/** Which indicator (by key) holds a figure in each period from `first` to `last`; read from an index alone. */
export function listPeriodKeys(db: Queryable, organizationId: number, first: string, last: string): { key: string; period: string }[] {
  return db
    .select({ key: indicators.key, period: observations.period })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(withinPeriods(organizationId, first, last))
    .all();
}

/** One indicator's figures, oldest first. */
export function listIndicatorFigures(db: Queryable, organizationId: number, indicatorId: number): StoredFigure[] {
  return db
    .select(figureColumns)
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(and(eq(observations.organizationId, organizationId), eq(observations.indicatorId, indicatorId)))
    .orderBy(asc(observations.period))
    .all();
}

/** Months that hold at least one figure, newest first, with how many figures each holds. */
export function listReportedMonths(db: Queryable, organizationId: number): { month: Month; figures: number; demo: number }[] {
  const rows = db
    .select({
      period: observations.period,
      figures: sql<number>`count(*)`,
      demo: sql<number>`sum(${observations.isDemo})`,
    })
    .from(observations)
    .where(and(eq(observations.organizationId, organizationId), sql`length(${observations.period}) = 7`))
    .groupBy(observations.period)
    .orderBy(desc(observations.period))
    .all();
  return rows.flatMap((row) => (isMonth(row.period) ? [{ month: row.period, figures: row.figures, demo: row.demo }] : []));
}


/** Each indicator's most recent figure (by period; a month sorts after its year's whole-year figure). */
export function listLatestFigures(db: Queryable, organizationId: number): Map<string, StoredFigure> {
  const latestPeriod = db
    .select({ indicatorId: observations.indicatorId, period: sql<string>`max(${observations.period})`.as("latest_period") })
    .from(observations)
    .where(eq(observations.organizationId, organizationId))
    .groupBy(observations.indicatorId)
    .as("latest");
  const rows = db
    .select(figureColumns)
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .innerJoin(
      latestPeriod,
      and(eq(latestPeriod.indicatorId, observations.indicatorId), eq(latestPeriod.period, observations.period)),
    )
    .where(eq(observations.organizationId, organizationId))
    .all();
  return new Map(rows.map((row) => [row.key, row]));
}

/**
 * For each rank, N (the number of units ranked) of the latest month before `month` that recorded
 * one: what the form offers when this month's rank is entered.
 */
export function listLastRankedUnits(db: Queryable, organizationId: number, month: Month): Map<string, { units: number; month: Month }> {
  const rows = db
    .select({ key: indicators.key, period: observations.period, units: observations.rankedUnits })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(
      and(
        eq(observations.organizationId, organizationId),
        sql`${observations.rankedUnits} IS NOT NULL`,
        sql`length(${observations.period}) = 7`,
        lt(observations.period, month),
      ),
    )
    .orderBy(desc(observations.period))
    .all();
  const latest = new Map<string, { units: number; month: Month }>();
  for (const row of rows) {
    if (latest.has(row.key) || row.units === null || !isMonth(row.period)) continue;
    latest.set(row.key, { units: row.units, month: row.period });
  }
  return latest;
}

/**
 * What a unit knew of each indicator before `month`: its latest monthly figure (any month before,
 * the 2023 year-end baseline `2023-12` included) and its latest whole-year total of an earlier
 * year (`2023` for the baseline's flows). The monthly form shows these as the reference of a field
 * whose last month is empty.
 */
export function listKnownBefore(
  db: Queryable,
  organizationId: number,
  month: Month,
): { monthly: Map<string, WindowFigure>; yearTotals: Map<string, WindowFigure> } {
  const latest = (length: number, before: string) => {
    const latestPeriod = db
      .select({ indicatorId: observations.indicatorId, period: sql<string>`max(${observations.period})`.as("known_period") })
      .from(observations)
      .where(and(eq(observations.organizationId, organizationId), sql`length(${observations.period}) = ${length}`, lt(observations.period, before)))
      .groupBy(observations.indicatorId)
      .as("known");
    const rows = db
      .select(windowColumns)
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .innerJoin(latestPeriod, and(eq(latestPeriod.indicatorId, observations.indicatorId), eq(latestPeriod.period, observations.period)))
      .where(eq(observations.organizationId, organizationId))
      .all();
    return new Map(rows.map((row) => [row.key, row]));
  };
  return { monthly: latest(7, month), yearTotals: latest(4, month.slice(0, 4)) };
}

/**
 * Each indicator's figures in the periods of the same kind before `period` (months before a month,
 * whole years before a year), back `HISTORY_PERIODS` of them, oldest first: the history a new figure
 * is judged against (lib/plausibility.ts) — on the form, in an import's preview and in the save path.
 */
export function listFigureHistory(db: Queryable, organizationId: number, period: string): Map<string, HistoryPoint[]> {
  const first = isMonth(period) ? addMonths(period, -HISTORY_PERIODS) : String(Number(period) - HISTORY_PERIODS);
  const rows = db
    .select({ key: indicators.key, period: observations.period, value: observations.value, rankedUnits: observations.rankedUnits })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(
      and(
        eq(observations.organizationId, organizationId),
        gte(observations.period, first),
        lt(observations.period, period),
        sql`length(${observations.period}) = ${period.length}`,
      ),
    )
    .orderBy(asc(observations.period))
    .all();
  const history = new Map<string, HistoryPoint[]>();
  for (const { key, ...point } of rows) {
    const points = history.get(key);
    if (points) points.push(point);
    else history.set(key, [point]);
  }
  return history;
}
