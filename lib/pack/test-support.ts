/**
 * Figure sets for the tests of the pack, the drafted text and the documents: made up for the tests
 * (never shown as real), each built to hold one situation a brief must word right.
 */
import type { Series } from "../aggregate";
import { CATALOG, type CatalogEntry } from "../catalog";
import type { Figures } from "../consistency";
import { makeMonth, type Month, type Quarter } from "../periods";
import type { ReviewComment } from "../review";
import type { TimedTarget } from "../targets";
import { buildPack, type Pack } from "./model";
import type { MonthBriefInput } from "./month-brief";

export const catalogInUse: CatalogEntry[] = CATALOG.map((indicator) => ({ ...indicator, active: true, inForceFrom: null, retiredFrom: null }));

export const nannyTarget: TimedTarget = {
  id: 1, key: "nanny_new", withdrawn: false, rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求",
};

/** Months of a year from January: [30, 28] → { "2025-01": 30, "2025-02": 28 }. */
export function monthly(year: number, values: readonly (number | null)[]): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === null ? [] : [[makeMonth(year, index + 1), value]])));
}

export type FigureSet = { series: Record<string, Record<string, number>>; rankedUnits?: Record<string, number> };

export function seriesByKeyOf(set: FigureSet): Map<string, Series> {
  return new Map(Object.entries(set.series).map(([key, values]) => [key, new Map(Object.entries(values))]));
}

export function figuresOf(set: FigureSet): (month: string) => Figures {
  return (month) =>
    new Map(
      Object.entries(set.series).flatMap(([key, values]) =>
        values[month] === undefined ? [] : [[key, { value: values[month] ?? 0, rankedUnits: set.rankedUnits?.[key] ?? null }]],
      ),
    );
}

/**
 * 2025, through October: 保姆式 orders averaging 31.2 a month against 34 (missed), a 科普服务量 rank
 * that rose from 12 to 10 and meets a 前10名 target, a coverage rank that fell from 14 to 15, the
 * 累计发布科技所能 rank holding at 1 of 183; 2024 figures for 同比 of new users.
 */
export const TEN_MONTHS: FigureSet = {
  series: {
    nanny_new: monthly(2025, [30, 28, 33, 35, 29, 31, 30, 34, 32, 30]),
    users_new: { ...monthly(2025, [80, 75, 90, 70, 85, 60, 95, 81, 70, 95]), ...monthly(2024, [70, 70, 70, 70, 70, 70, 70, 70, 70, 70]) },
    users_new_individual: { "2025-10": 90 },
    users_new_org: { "2025-10": 5 },
    users_total: { "2024-12": 14312, "2025-09": 15018, "2025-10": 15113 },
    supply_total: { "2024-12": 8810, "2025-09": 8900, "2025-10": 8930 },
    supply_total_rank: { "2025-09": 1, "2025-10": 1 },
    popsci_volume: { "2025-09": 900.5, "2025-10": 912.35 },
    popsci_volume_rank: { "2025-09": 12, "2025-10": 10 },
    popsci_coverage_rate: { "2024-12": 4.87, "2025-10": 5.12 },
    popsci_coverage_rate_rank: { "2025-09": 14, "2025-10": 15 },
    deal_amount_total: { "2024-12": 13900, "2025-10": 14350.5 },
  },
  rankedUnits: { supply_total_rank: 183 },
};

export const TEN_MONTHS_TARGETS: TimedTarget[] = [
  nannyTarget,
  { id: 2, key: "popsci_volume_rank", withdrawn: false, rule: "rank_at_most", comparator: "at_most", value: 10, fromYear: 2025, untilYear: null, source: "市科协要求" },
  { id: 3, key: "deals_new", withdrawn: false, rule: "annual_total", comparator: "at_least", value: 24, fromYear: 2025, untilYear: null, source: "区委考核要求" },
];

export function monthBriefInput(set: FigureSet, month: Month, today: Month, targets: TimedTarget[] = TEN_MONTHS_TARGETS): MonthBriefInput {
  return {
    month,
    today,
    shortName: "西区",
    catalog: catalogInUse,
    seriesByKey: seriesByKeyOf(set),
    rankedUnitsOf: (key) => set.rankedUnits?.[key] ?? null,
    targets,
  };
}

/** A pack of `set` for `quarter`, as generated on `today` (its first day, 10:00 Beijing time). */
export function packOf(
  set: FigureSet,
  quarter: Quarter,
  today: Month,
  options: { targets?: TimedTarget[]; comments?: ReviewComment[]; demo?: boolean } = {},
): Pack {
  return buildPack({
    quarter,
    catalog: catalogInUse,
    seriesByKey: seriesByKeyOf(set),
    figuresOf: figuresOf(set),
    targets: options.targets ?? TEN_MONTHS_TARGETS,
    today,
    organization: { name: "攀枝花市西区科学技术协会", shortName: "西区" },
    comments: options.comments ?? [],
    monthStanding: () => ({ kind: "in_progress", label: "填报中" }),
    signatories: { preparedBy: ["张三"], reviewedBy: [] },
    isDemo: () => options.demo ?? false,
    generatedAt: new Date(`${today}-01T02:00:00Z`),
  });
}
