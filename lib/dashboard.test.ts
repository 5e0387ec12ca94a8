import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import { buildCard, chartLabel, trendMonths, trendOf } from "./dashboard";
import type { TargetSpec } from "./targets";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found;
};
const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const nannyTarget: TargetSpec = { rule: "monthly_avg", comparator: "at_least", value: 34, year: 2024, source: "省科协要求" };

describe("dashboard cards", () => {
  it("show the month's value and its change on the previous month, across the year boundary", () => {
    const card = buildCard(indicator("users_total"), series({ "2023-12": 14312, "2024-01": 14637 }), "2024-01", []);
    expect(card).toMatchObject({ valueText: "14637人", changeText: "+325人", trend: "better" });
  });

  it("make no comparison when last month is missing, never a made-up zero", () => {
    const card = buildCard(indicator("nanny_new"), series({ "2024-03": 30 }), "2024-03", []);
    expect(card.changeText).toBeNull();
    expect(card.trend).toBeNull();
  });

  it("say 未填报 for a month without a figure", () => {
    expect(buildCard(indicator("nanny_new"), series({}), "2024-03", []).valueText).toBe("未填报");
  });

  it("give a flow's year to date, noting unreported months", () => {
    const card = buildCard(indicator("nanny_new"), series({ "2024-01": 30, "2024-03": 40 }), "2024-03", []);
    expect(card.yearToDateText).toBe("本年累计 70单（已报2/3个月）");
  });

  it("show the 2023 whole-year total for a flow in December 2023, labelled as such", () => {
    const card = buildCard(indicator("users_new"), series({ "2023": 3918 }), "2023-12", []);
    expect(card.valueText).toBe("未填报");
    expect(card.yearToDateText).toBe("2023年全年 3918户（年度数据）");
  });

  it("flag a month below 34 while the year's average still meets it", () => {
    const card = buildCard(indicator("nanny_new"), series({ "2024-01": 40, "2024-02": 31 }), "2024-02", [nannyTarget]);
    expect(card.belowTargetThisMonth).toBe(true);
    expect(card.target).toMatchObject({ status: "green", label: "月均不少于 34单", summary: "本年月均 35.5单，达成 104.4%" });
    expect(card.target?.catchUpText).toBe("其余 10 个月每月需 ≥ 34单");
  });

  it("show the province's rank beside the indicator it ranks, a falling number reading as progress", () => {
    const rank = { indicator: indicator("supply_total_rank"), series: series({ "2024-01": 3, "2024-02": 1 }), rankedUnits: 183 };
    const card = buildCard(indicator("supply_total"), series({ "2024-02": 9000 }), "2024-02", [], rank);
    expect(card.rankText).toBe("全省第1名（共183）");
    expect(card.rankChangeText).toBe("上升2名");
    expect(card.rankTrend).toBe("better");
  });
});

describe("trends", () => {
  it("call a rise better for an up-indicator and a fall better for a rank", () => {
    expect(trendOf(5, "up")).toBe("better");
    expect(trendOf(-1, "down")).toBe("better");
    expect(trendOf(1, "down")).toBe("worse");
    expect(trendOf(0, "up")).toBe("same");
    expect(trendOf(null, "up")).toBeNull();
  });

  it("start a chart where the data starts, at most 24 months back", () => {
    expect(trendMonths([series({ "2023-12": 1, "2024-02": 2 })], "2024-03")).toEqual(["2023-12", "2024-01", "2024-02", "2024-03"]);
    expect(trendMonths([series({})], "2024-03")).toEqual([]);
    expect(trendMonths([series({ "2000-01": 1 })], "2024-03")).toHaveLength(0);
  });

  it("label a chart's first month and each January with the year", () => {
    const months = ["2023-12", "2024-01", "2024-02"] as const;
    expect(months.map((m) => chartLabel(m, months))).toEqual(["2023年12月", "2024年1月", "2月"]);
  });
});
