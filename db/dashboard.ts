import "server-only";
import type { Series } from "@/lib/aggregate";
import type { IndicatorDefinition } from "@/lib/catalog";
import type { Figures } from "@/lib/consistency";
import { leaderMonth, seriesOf, type LeaderMonth } from "@/lib/dashboard";
import { rankingRow, type RankingRow, type RankPoint } from "@/lib/rankings";
import { isMonth, monthParts, type Month } from "@/lib/periods";
import type { Queryable } from "./client";
import { listPeriodKeys, listReportedMonths, listWindowFigures, type WindowFigure } from "./observations";

export type FigureWindow = {
  seriesByKey: Map<string, Series>;
  /** "key|period" of every demo figure in the window. */
  demo: Set<string>;
  figures: WindowFigure[];
  /** The same figures grouped once, by period and by indicator key. */
  byPeriod: Map<string, WindowFigure[]>;
  byKey: Map<string, WindowFigure[]>;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every figure from January two years before `month` up to `month`, read once and grouped for the page. */
export function loadFigureWindow(db: Queryable, organizationId: number, month: Month, yearsBack = 2): FigureWindow {
  const first = String(monthParts(month).year - yearsBack);
  const figures = listWindowFigures(db, organizationId, first, month);
  const seriesByKey = new Map<string, Map<string, number>>();
  const demo = new Set<string>();
  const byPeriod = new Map<string, WindowFigure[]>();
  const byKey = new Map<string, WindowFigure[]>();
  for (const figure of figures) {
    const series = seriesByKey.get(figure.key) ?? new Map<string, number>();
    series.set(figure.period, figure.value);
    seriesByKey.set(figure.key, series);
    if (figure.isDemo) demo.add(`${figure.key}|${figure.period}`);
    push(byPeriod, figure.period, figure);
    push(byKey, figure.key, figure);
  }
  return { seriesByKey, demo, figures, byPeriod, byKey };
}

/** The window's figures of one period, as the consistency checks take them. */
export function periodFigures(window: FigureWindow, period: string): Figures {
  return new Map(
    (window.byPeriod.get(period) ?? []).map((figure) => [
      figure.key,
      { value: figure.value, rankedUnits: figure.rankedUnits, valueAbove: figure.valueAbove, valueBelow: figure.valueBelow },
    ]),
  );
}

/** One rank indicator's months in the window: the place, N and the neighbours' figures. */
export function rankPoints(window: FigureWindow, key: string): Map<string, RankPoint> {
  return new Map(
    (window.byKey.get(key) ?? []).map((figure) => [
      figure.period,
      { rank: figure.value, rankedUnits: figure.rankedUnits, valueAbove: figure.valueAbove, valueBelow: figure.valueBelow },
    ]),
  );
}

/** A ranking row for every rank indicator of the catalog whose ranked indicator is still there. */
export function rankingRows(window: FigureWindow, catalog: readonly IndicatorDefinition[], month: Month): RankingRow[] {
  return catalog.flatMap((rankIndicator) => {
    const ranked = rankIndicator.kind === "rank" ? catalog.find((candidate) => candidate.key === rankIndicator.ranksKey) : undefined;
    if (!ranked) return [];
    const ranks = rankPoints(window, rankIndicator.key);
    return [rankingRow({ rankIndicator, ranked, ranks, rankedSeries: seriesOf(window.seriesByKey, ranked.key), month })];
  });
}

/** Which indicators hold a figure in each month from `first` to `last`: what the dashboard opens on. */
export function listMonthKeys(db: Queryable, organizationId: number, first: Month, last: Month): Map<string, Set<string>> {
  const byMonth = new Map<string, Set<string>>();
  for (const figure of listPeriodKeys(db, organizationId, first, last)) {
    if (!isMonth(figure.period)) continue;
    const keys = byMonth.get(figure.period) ?? new Set<string>();
    keys.add(figure.key);
    byMonth.set(figure.period, keys);
  }
  return byMonth;
}

/** The month the leader's pages open on for a unit (lib/dashboard.ts `leaderMonth`), as its figures stand. */
export function getLeaderMonth(db: Queryable, organizationId: number, today: Month): LeaderMonth {
  return leaderMonth(listReportedMonths(db, organizationId).map((row) => row.month).filter((month) => month <= today), today);
}
