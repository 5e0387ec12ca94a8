import "server-only";
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Series } from "@/lib/aggregate";
import type { Figures, Warning } from "@/lib/consistency";
import { judge, type Judgement } from "@/lib/judgement";
import { attainmentScore } from "@/lib/league";
import { buildLeagueReport, SCORE_KEY, type LeagueLevel, type LeagueReport, type UnitScore } from "@/lib/league-report";
import { addMonths, isMonth, makeMonth, monthParts, type Month } from "@/lib/periods";
import { checkRollUp } from "@/lib/roll-up";
import type { StatusBands } from "@/lib/targets";
import { canApplyToSubUnits, unitInUse } from "@/lib/units";
import { inForceIn } from "@/lib/catalog";
import { listIndicators, toCatalogEntry, toDefinition } from "./catalog";
import type { Queryable } from "./client";
import { getHomeOrganization, listUnits } from "./organizations";
import { indicators, observations, type Indicator, type Organization } from "./schema";
import { listTargetsByKey } from "./targets";

type UnitFigure = { organizationId: number; key: string; period: string; value: number; rankedUnits: number | null };

/** Figures of many units for some indicators over a range of months, read at once. */
export function listUnitFigures(db: Queryable, unitIds: readonly number[], keys: readonly string[], first: string, last: string): UnitFigure[] {
  if (unitIds.length === 0 || keys.length === 0) return [];
  return db
    .select({
      organizationId: observations.organizationId,
      key: indicators.key,
      period: observations.period,
      value: observations.value,
      rankedUnits: observations.rankedUnits,
    })
    .from(observations)
    .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
    .where(
      and(
        inArray(observations.organizationId, [...unitIds]),
        inArray(indicators.key, [...keys]),
        gte(observations.period, first),
        lte(observations.period, last),
      ),
    )
    .all();
}

/** The units of a league: the towns in use that month, or the home unit and its peers. */
export function leagueUnits(db: Queryable, level: LeagueLevel, month: Month): Organization[] {
  const units = level === "towns" ? listUnits(db, ["sub"]) : listUnits(db, ["home", "peer"]);
  return units.filter((unit) => unitInUse(unit, month));
}

/** The indicators a league may rank: those towns report (towns), or every figure a bulletin carries (peers; ranks are derived, not ranked). */
export function leagueIndicators(db: Queryable, level: LeagueLevel, month: Month): Indicator[] {
  const all = listIndicators(db, { includeRetired: true }).filter((indicator) => inForceIn(toCatalogEntry(indicator), month));
  return level === "towns" ? all.filter((indicator) => indicator.forSubUnits && canApplyToSubUnits(indicator)) : all.filter((indicator) => indicator.kind !== "rank");
}

/** The latest month any unit of the level has a figure for one of its indicators, or null. */
export function latestLeagueMonth(db: Queryable, level: LeagueLevel, today: Month): Month | null {
  const units = level === "towns" ? listUnits(db, ["sub"]) : listUnits(db, ["peer"]);
  const keys = leagueIndicators(db, level, today).map((indicator) => indicator.key);
  const periods = listUnitFigures(db, units.map((unit) => unit.id), keys, addMonths(today, -36), today).map((figure) => figure.period);
  const months = periods.filter(isMonth).sort();
  return months.at(-1) ?? null;
}

type Grouped = Map<number, Map<string, Map<string, UnitFigure>>>;

function group(figures: readonly UnitFigure[]): Grouped {
  const byUnit: Grouped = new Map();
  for (const figure of figures) {
    const byKey = byUnit.get(figure.organizationId) ?? new Map<string, Map<string, UnitFigure>>();
    const byPeriod = byKey.get(figure.key) ?? new Map<string, UnitFigure>();
    byPeriod.set(figure.period, figure);
    byKey.set(figure.key, byPeriod);
    byUnit.set(figure.organizationId, byKey);
  }
  return byUnit;
}

function seriesOf(grouped: Grouped, unitId: number, key: string): Series {
  return new Map([...(grouped.get(unitId)?.get(key)?.values() ?? [])].map((figure) => [figure.period, figure.value]));
}

function figuresAt(grouped: Grouped, unitId: number, month: Month): Figures {
  const figures = new Map<string, { value: number }>();
  for (const [key, periods] of grouped.get(unitId) ?? []) {
    const figure = periods.get(month);
    if (figure) figures.set(key, { value: figure.value });
  }
  return figures;
}

export type LeagueRequest = { level: LeagueLevel; indicatorKey: string; month: Month; today: Month; now: Date; bands: StatusBands };

export type LeagueView = { report: LeagueReport; indicators: Indicator[]; units: Organization[] };

/**
 * Everything a league table shows for one month, judged and ranked: the figures of each unit (and
 * last month's, for the change), each town's own targets judged on the year to the month by lib/judgement.ts,
 * the attainment score when asked for, the rank the bulletin stated for each peer, and, for the
 * towns, the roll-up check against the district's own figures.
 */
export function loadLeague(db: Queryable, request: LeagueRequest): LeagueView | { error: string } {
  const { level, month, today } = request;
  const home = getHomeOrganization(db);
  const units = leagueUnits(db, level, month);
  const available = leagueIndicators(db, level, month);
  const scoring = request.indicatorKey === SCORE_KEY;
  if (scoring && level !== "towns") return { error: "综合达成率只用于镇街排名。" };
  const indicator = scoring ? null : available.find((candidate) => candidate.key === request.indicatorKey);
  if (indicator === undefined) {
    return { error: level === "towns" ? "该指标不是镇街填报的指标（管理员可在“单位管理”中设定）。" : "该指标不能用于区县排名。" };
  }

  const year = monthParts(month).year;
  const previousMonth = addMonths(month, -1);
  // each judgement is on its year to date: from the January of last month's year (December's is the year before)
  const first = makeMonth(monthParts(previousMonth).year, 1);
  // peers: the provincial rank the bulletin stated for the figure ranked
  const rankKeys =
    level === "peers" && indicator
      ? listIndicators(db, { includeRetired: true }).filter((rank) => rank.kind === "rank" && rank.ranksKey === indicator.key).map((rank) => rank.key)
      : [];
  const keys = [...new Set([...(indicator ? [indicator.key] : available.map((candidate) => candidate.key)), ...rankKeys])];
  const ids = [...units.map((unit) => unit.id), ...(level === "towns" ? [home.id] : [])];
  const grouped = group(listUnitFigures(db, ids, keys, first, month));
  const targets = level === "towns" ? new Map(units.map((unit) => [unit.id, listTargetsByKey(db, unit.id, year)])) : new Map();

  /**
   * A town's judgement on one indicator as its figures stand at a month, against its own target in
   * force (the first, by rule): on the target's own period, the year to that month, as every page
   * judges it — the table's value column is the month's own figure, its judgement the year's.
   */
  const judgeAt = (unitId: number, key: string, at: Month): Judgement | null => {
    const definition = available.find((candidate) => candidate.key === key);
    const target = (targets.get(unitId)?.get(key) ?? [])[0];
    if (!definition || !target) return null;
    return judge({ target, indicator: toDefinition(definition), series: seriesOf(grouped, unitId, key), asOf: at, today, bands: request.bands });
  };
  const scoreAt = (unitId: number, at: Month): UnitScore => {
    const judged = available.flatMap((candidate) => {
      const judgement = judgeAt(unitId, candidate.key, at);
      return judgement ? [{ name: candidate.name, key: candidate.key, judgement }] : [];
    });
    return {
      score: attainmentScore(judged.map(({ key, judgement }) => ({ key, attainment: judgement.evaluation.shownAttainment }))),
      short: judged.filter(({ judgement }) => judgement.status === "red" || judgement.status === "amber").map(({ name }) => name),
    };
  };

  const valueAt = (unitId: number, at: Month): number | null => {
    if (!indicator) return scoreAt(unitId, at).score.score;
    return grouped.get(unitId)?.get(indicator.key)?.get(at)?.value ?? null;
  };
  const values = new Map(units.map((unit) => [unit.id, valueAt(unit.id, month)]));
  // the change since last month compares places among the units of this month's table; with no
  // figure at all last month there is nothing to compare
  const lastMonth = new Map(units.map((unit) => [unit.id, valueAt(unit.id, previousMonth)]));
  const previous = [...lastMonth.values()].some((value) => value !== null) ? lastMonth : null;
  const judgements = new Map<number, Judgement>();
  const scores = new Map<number, UnitScore>();
  for (const unit of units) {
    if (level !== "towns") continue;
    if (indicator) {
      const judgement = judgeAt(unit.id, indicator.key, month);
      if (judgement) judgements.set(unit.id, judgement);
    } else {
      scores.set(unit.id, scoreAt(unit.id, month));
    }
  }
  const stated = new Map<number, { rank: number; rankedUnits: number | null }>();
  for (const unit of units) {
    const rankKey = rankKeys[0];
    const figure = rankKey ? grouped.get(unit.id)?.get(rankKey)?.get(month) : undefined;
    if (figure) stated.set(unit.id, { rank: figure.value, rankedUnits: figure.rankedUnits });
  }
  const notes =
    level === "towns"
      ? checkRollUp(
          (indicator ? [indicator] : available).map(toDefinition),
          figuresAt(grouped, home.id, month),
          units.map((unit) => ({ name: unit.name, figures: figuresAt(grouped, unit.id, month) })),
        ).map((warning) => `一致性提醒：${warning.message}`)
      : [];

  const report = buildLeagueReport({
    level,
    month,
    today: request.now,
    homeShortName: home.shortName,
    indicator: indicator ? toDefinition(indicator) : null,
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
    values,
    previous,
    judgements,
    scores,
    stated,
    highlight: level === "peers" ? home.id : null,
    notes,
  });
  return { report, indicators: available, units };
}

/**
 * The roll-up check for one month of the home unit: each flow the towns report, the towns' sum
 * against the district's own figure (lib/roll-up.ts). Empty for a town, and without towns.
 */
export function rollUpWarnings(db: Queryable, unit: Pick<Organization, "id" | "kind">, month: Month): Warning[] {
  if (unit.kind !== "home") return [];
  const towns = leagueUnits(db, "towns", month);
  if (towns.length === 0) return [];
  const indicators = leagueIndicators(db, "towns", month).filter((indicator) => indicator.kind === "flow");
  const grouped = group(listUnitFigures(db, [unit.id, ...towns.map((town) => town.id)], indicators.map((indicator) => indicator.key), month, month));
  return checkRollUp(
    indicators.map(toDefinition),
    figuresAt(grouped, unit.id, month),
    towns.map((town) => ({ name: town.name, figures: figuresAt(grouped, town.id, month) })),
  );
}
