import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import type { Figures } from "./consistency";
import { buildReview, isDraft, missingText } from "./review";
import type { TargetSpec } from "./targets";

const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const nannyTarget: TargetSpec = { rule: "monthly_avg", comparator: "at_least", value: 34, year: 2024, source: "省科协要求" };

function review(seriesByKey: Record<string, Series>, quarter: `${number}-Q${1 | 2 | 3 | 4}` = "2024-Q1", today: `${number}-${string}` = "2024-12") {
  const figuresOf = (month: string): Figures =>
    new Map(Object.entries(seriesByKey).flatMap(([key, values]) => (values.has(month) ? [[key, { value: values.get(month) ?? 0 }]] : [])));
  return buildReview({
    quarter,
    catalog: CATALOG,
    seriesByKey: new Map(Object.entries(seriesByKey)),
    figuresOf,
    targetsByKey: new Map([["nanny_new", [nannyTarget]]]),
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
    expect(row(built, "nanny_new").targets[0]).toMatchObject({ status: "red", catchUpText: "其余 9 个月每月需 ≥ 37单" });
  });

  it("says which months of the quarter are missing, but not months still to come", () => {
    const built = review({ nanny_new: series({ "2024-01": 40 }), users_total: series({ "2024-01": 1 }) }, "2024-Q1", "2024-02");
    expect(row(built, "nanny_new").missingMonths).toEqual(["2024-02"]);
    expect(missingText(row(built, "nanny_new").missingMonths)).toBe("缺2月");
    expect(built.emptyMonths).toEqual(["2024-02"]);
  });

  it("lists each month's consistency warnings", () => {
    const built = review({ users_new: series({ "2024-02": 10 }), users_new_individual: series({ "2024-02": 5 }), users_new_org: series({ "2024-02": 1 }) });
    expect(built.warnings.map(({ month, warning }) => [month, warning.code])).toEqual([["2024-02", "parts"]]);
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
