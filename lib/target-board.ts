/**
 * The targets page's judgements: every target in force in a year, judged by `./judgement` at one
 * month — the month the dashboard shows for that year — so the page says what the dashboard says.
 */
import type { Series } from "./aggregate";
import type { IndicatorDefinition } from "./catalog";
import { judge, judgedAtText, type Judgement } from "./judgement";
import { makeMonth, monthParts, type Month } from "./periods";
import type { StatusBands, TargetSpec } from "./targets";

/**
 * The month a year's targets are judged at: a month asked for (of that year); else, for the
 * current year, the leader's current month when it is of that year (the running month otherwise);
 * for a past year, its December; null for a year not begun.
 */
export function targetsJudgedAt(input: { year: number; today: Month; leaderMonth: Month; requested?: Month | null }): Month | null {
  const { year, today, leaderMonth, requested } = input;
  if (requested && monthParts(requested).year === year && requested <= today) return requested;
  const thisYear = monthParts(today).year;
  if (year > thisYear) return null;
  if (year < thisYear) return makeMonth(year, 12);
  return monthParts(leaderMonth).year === year ? leaderMonth : today;
}

type Judged = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals">;

export type TargetBoardRow<T> = { target: T; judgement: Judgement | null };

export type TargetBoard<T> = {
  /** The month judged at; null for a year not begun. */
  asOf: Month | null;
  /** "目标按全年要求评估（2026年1—9月）", or why there is none. */
  asOfText: string;
  rows: TargetBoardRow<T>[];
};

export function buildTargetBoard<T extends TargetSpec & { key: string }>(input: {
  year: number;
  targets: readonly T[];
  indicatorOf: (key: string) => Judged | undefined;
  seriesOf: (key: string) => Series;
  asOf: Month | null;
  today: Month;
  bands?: StatusBands;
}): TargetBoard<T> {
  const { asOf } = input;
  const rows = input.targets.map((target): TargetBoardRow<T> => {
    const indicator = input.indicatorOf(target.key);
    if (!indicator || asOf === null) return { target, judgement: null };
    return { target, judgement: judge({ target, indicator, series: input.seriesOf(target.key), asOf, today: input.today, bands: input.bands }) };
  });
  return { asOf, asOfText: asOf === null ? `${input.year}年尚未开始` : judgedAtText(asOf), rows };
}
