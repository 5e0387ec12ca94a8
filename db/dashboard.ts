import "server-only";
import type { Series } from "@/lib/aggregate";
import type { RankPoint } from "@/lib/rankings";
import { monthParts, type Month } from "@/lib/periods";
import type { Queryable } from "./client";
import { listFigures, type StoredFigure } from "./observations";

export type FigureWindow = {
  seriesByKey: Map<string, Series>;
  /** "key|period" of every demo figure in the window. */
  demo: Set<string>;
  figures: StoredFigure[];
};

/** Every figure from January two years before `month` up to `month`, as series by indicator key. */
export function loadFigureWindow(db: Queryable, organizationId: number, month: Month, yearsBack = 2): FigureWindow {
  const first = String(monthParts(month).year - yearsBack);
  const figures = listFigures(db, organizationId, first, month);
  const seriesByKey = new Map<string, Map<string, number>>();
  const demo = new Set<string>();
  for (const figure of figures) {
    const series = seriesByKey.get(figure.key) ?? new Map<string, number>();
    series.set(figure.period, figure.value);
    seriesByKey.set(figure.key, series);
    if (figure.isDemo) demo.add(`${figure.key}|${figure.period}`);
  }
  return { seriesByKey, demo, figures };
}

/** The window's figures of one period, as the consistency checks take them. */
export function periodFigures(window: FigureWindow, period: string): Map<string, { value: number; rankedUnits: number | null }> {
  return new Map(
    window.figures.filter((figure) => figure.period === period).map((figure) => [figure.key, { value: figure.value, rankedUnits: figure.rankedUnits }]),
  );
}

/** One rank indicator's months in the window: the place, N and the neighbours' figures. */
export function rankPoints(window: FigureWindow, key: string): Map<string, RankPoint> {
  return new Map(
    window.figures
      .filter((figure) => figure.key === key)
      .map((figure) => [
        figure.period,
        { rank: figure.value, rankedUnits: figure.rankedUnits, valueAbove: figure.valueAbove, valueBelow: figure.valueBelow },
      ]),
  );
}
