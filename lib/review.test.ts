import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import type { Figures } from "./consistency";
import { buildReview, isDraft, missingText } from "./review";
import type { CatalogEntry } from "./catalog";
import type { TimedTarget } from "./targets";

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const nannyTarget: TimedTarget = { id: 1, key: "nanny_new", withdrawn: false, rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求" };
const inUse = (overrides: Record<string, Partial<CatalogEntry>> = {}): CatalogEntry[] =>
  CATALOG.map((indicator) => ({ ...indicator, active: true, inForceFrom: null, retiredFrom: null, ...overrides[indicator.key] }));

function review(
  seriesByKey: Record<string, Series>,
  quarter: `${number}-Q${1 | 2 | 3 | 4}` = "2024-Q1",
  today: `${number}-${string}` = "2024-12",
  options: { catalog?: CatalogEntry[]; targets?: TimedTarget[] } = {},
) {
  const figuresOf = (month: string): Figures =>
    new Map(Object.entries(seriesByKey).flatMap(([key, values]) => (values.has(month) ? [[key, { value: values.get(month) ?? 0 }]] : [])));
  return buildReview({
    quarter,
    catalog: options.catalog ?? inUse(),
    seriesByKey: new Map(Object.entries(seriesByKey)),
    figuresOf,
    targets: options.targets ?? [nannyTarget],
    today,
  });
}
const row = (built: ReturnType<typeof review>, key: string) => built.rows.find((r) => r.indicator.key === key)!;

describe("a quarter's figure by kind", () => {
  const built = review({
    nanny_new: series({ "2024-01": 30, "2024-02": 31, "2024-03": 33 }),
    users_total: series({ "2023-12": 14312, "2024-01": 14637, "2024-02": 15000, "2024-03": 15300 }),
    popsci_coverage_rate: series({ "2024-01": 4.9, "2024-03": 5.12 }),
    popsci_volume_rank: series({ "2023-12": 12, "2024-03": 10 }),
  });

  it("sums a flow's three months", () => {
    expect(row(built, "nanny_new").quarter).toMatchObject({ value: 94, complete: true });
  });

  it("takes a stock's and a rate's quarter-end value", () => {
    expect(row(built, "users_total").quarter.value).toBe(15300);
    expect(row(built, "popsci_coverage_rate").quarter.value).toBe(5.12);
  });

  it("puts the provincial rank at the quarter's end beside its indicator, with its change since last quarter's end", () => {
    expect(row(built, "popsci_volume").rank).toMatchObject({ rank: 10, change: { places: 2, direction: "up" } });
  });

  it("never lists a rank as a row of its own (it is never summed)", () => {
    expect(built.rows.some((r) => r.indicator.kind === "rank")).toBe(false);
  });
});

describe("year to date", () => {
  it("runs from January across quarter boundaries", () => {
    const built = review({ nanny_new: series({ "2024-01": 30, "2024-02": 31, "2024-03": 33, "2024-04": 40, "2024-05": 41, "2024-06": 42 }) }, "2024-Q2");
    expect(row(built, "nanny_new").quarter.value).toBe(123);
    expect(row(built, "nanny_new").yearToDate).toMatchObject({ value: 217, reportedMonths: 6, expectedMonths: 6 });
  });
});

describe("comparisons", () => {
  it("has no 同比 for a Q1 flow when the year before is known only as a whole-year total", () => {
    const built = review({ users_new: series({ "2023": 3918, "2024-01": 300, "2024-02": 310, "2024-03": 320 }) });
    expect(row(built, "users_new").yearOnYear).toMatchObject({ delta: null, reason: "无可比数据" });
  });

  it("compares a Q1 stock with the 2023 year-end figure as the previous quarter's end", () => {
    const built = review({ users_total: series({ "2023-12": 14312, "2024-01": 14637, "2024-02": 15000, "2024-03": 15300 }) });
    expect(row(built, "users_total").quarterOnQuarter.delta).toBe(988);
  });
});

describe("red list, missing months and warnings", () => {
  it("puts an indicator behind its target on the red list", () => {
    const built = review({ nanny_new: series({ "2024-01": 20, "2024-02": 25, "2024-03": 30 }) });
    expect(built.red.map((r) => r.indicator.key)).toEqual(["nanny_new"]);
    expect(row(built, "nanny_new").judgements[0]).toMatchObject({ status: "red", catchUpText: "其余 9 个月每月需 ≥ 37单" });
  });

  it("says which months of the quarter are missing, but not the running month or months still to come", () => {
    const built = review({ nanny_new: series({ "2024-01": 40 }), users_total: series({ "2024-01": 1 }) }, "2024-Q1", "2024-03");
    expect(built.counted).toEqual(["2024-01", "2024-02"]);
    expect(row(built, "nanny_new").missingMonths).toEqual(["2024-02"]);
    expect(missingText(row(built, "nanny_new").missingMonths)).toBe("缺2月");
    expect(built.emptyMonths).toEqual(["2024-02"]);
    expect(built.progressText).toBe("本季度尚未结束：季度数值按1月、2月计（3月尚在进行）。");
  });

  it("never says every month was reported above rows that miss one", () => {
    const built = review({ nanny_new: series({ "2026-01": 36, "2026-02": 28 }), users_total: series({ "2026-01": 15000, "2026-02": 15300, "2026-03": 15600 }) }, "2026-Q1", "2026-11");
    expect(row(built, "nanny_new").missingMonths).toEqual(["2026-03"]);
    expect(built.completenessText).toContain("项指标有月份未填报");
    expect(built.completenessText).not.toContain("均已填报");
  });

  it("judges the standing province target in a later year, and lists a quarter below it as red", () => {
    const built = review({ nanny_new: series({ "2026-01": 36, "2026-02": 20 }) }, "2026-Q1", "2026-11");
    expect(row(built, "nanny_new").judgements[0]).toMatchObject({ status: "red", inForceText: "自2024年起", summary: "本年月均 28.0单，达成 82.4%（缺3月）" });
    expect(built.red.map((r) => r.indicator.key)).toEqual(["nanny_new"]);
    expect(built.statusCounts.red).toBe(1);
  });

  it("judges an old quarter by the target in force then, not by today's", () => {
    const raised: TimedTarget = { ...nannyTarget, id: 2, fromYear: 2026, value: 40 };
    const months = { "2025-01": 36, "2025-02": 36, "2025-03": 36 };
    expect(row(review({ nanny_new: series(months) }, "2025-Q1", "2026-11", { targets: [nannyTarget, raised] }), "nanny_new").judgements[0]?.status).toBe("green");
    const later = { "2026-01": 36, "2026-02": 36, "2026-03": 36 };
    expect(row(review({ nanny_new: series(later) }, "2026-Q1", "2026-11", { targets: [nannyTarget, raised] }), "nanny_new").judgements[0]).toMatchObject({
      status: "amber",
      label: "月均不少于 40单",
    });
  });

  it("puts the rank column and the rank target on the same month's rank", () => {
    const topTen: TimedTarget = { id: 3, key: "popsci_volume_rank", withdrawn: false, rule: "rank_at_most", comparator: "at_most", value: 10, fromYear: 2026, untilYear: null, source: "示例" };
    const built = review({ popsci_volume: series({ "2026-02": 900 }), popsci_volume_rank: series({ "2026-01": 9, "2026-02": 8 }) }, "2026-Q1", "2026-11", { targets: [topTen] });
    expect(row(built, "popsci_volume").rank).toMatchObject({ rank: 8, month: "2026-02" });
    expect(row(built, "popsci_volume").judgements[0]?.summary).toBe("当前第8名（2月），已达到");
  });

  it("lists each month's consistency warnings", () => {
    const built = review({ users_new: series({ "2024-02": 10 }), users_new_individual: series({ "2024-02": 5 }), users_new_org: series({ "2024-02": 1 }) });
    expect(built.warnings.map(({ month, warning }) => [month, warning.code])).toEqual([["2024-02", "parts"]]);
  });
});

describe("as of the period", () => {
  const figures = {
    users_new: series({ "2024-01": 10, "2024-02": 10 }),
    users_new_individual: series({ "2024-01": 7, "2024-02": 7 }),
    users_new_org: series({ "2024-01": 3, "2024-02": 3 }),
  };

  it("keeps an indicator retired later in the packs of the quarters it was reported in", () => {
    const retired = inUse({ users_new_org: { active: false, retiredFrom: "2026-11" } });
    expect(review(figures, "2024-Q1", "2026-11", { catalog: retired }).rows.some((r) => r.indicator.key === "users_new_org")).toBe(true);
    expect(review({}, "2027-Q1", "2027-05", { catalog: retired }).rows.some((r) => r.indicator.key === "users_new_org")).toBe(false);
  });

  it("does not fire the parent's sum check in months before a part was retired", () => {
    const retired = inUse({ users_new_org: { active: false, retiredFrom: "2026-11" } });
    expect(review(figures, "2024-Q1", "2026-11", { catalog: retired }).warnings).toEqual([]);
  });

  it("does not list an indicator added later as missing in older quarters", () => {
    const added = inUse({ studio_premium: { inForceFrom: "2026-11" } });
    expect(review({}, "2024-Q1", "2026-11", { catalog: added }).rows.some((r) => r.indicator.key === "studio_premium")).toBe(false);
  });

  it("stays a draft until every red indicator has a cause and a next step", () => {
    const red = [{ indicator: CATALOG.find((i) => i.key === "nanny_new")! }];
    expect(isDraft(red, [])).toBe(true);
    expect(isDraft(red, [{ indicatorKey: "nanny_new", topic: "cause", body: "春节假期" }])).toBe(true);
    expect(isDraft(red, [{ indicatorKey: "nanny_new", topic: "cause", body: "春节假期" }, { indicatorKey: "nanny_new", topic: "next_step", body: "  " }])).toBe(true);
    expect(
      isDraft(red, [
        { indicatorKey: "nanny_new", topic: "cause", body: "春节假期" },
        { indicatorKey: "nanny_new", topic: "next_step", body: "三月起每周对接两次" },
      ]),
    ).toBe(false);
    expect(isDraft([], [])).toBe(false);
  });
});
