import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import { averageText, inForceText, judge, judgedAtText, monthFallsShort, monthlyThreshold, quarterJudgedAt } from "./judgement";
import type { TargetSpec } from "./targets";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found;
};
const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const province: TargetSpec = { rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求" };

describe("the month a judgement is asked at", () => {
  it("is a quarter's last month once over; for a quarter running, its last month that is over; for one not begun, its first", () => {
    expect(quarterJudgedAt("2026-Q3", "2026-12")).toBe("2026-09");
    expect(quarterJudgedAt("2026-Q4", "2026-12")).toBe("2026-11");
    expect(quarterJudgedAt("2026-Q4", "2026-10")).toBe("2026-10");
    expect(quarterJudgedAt("2027-Q1", "2026-12")).toBe("2027-01");
  });

  it("is said in words with the year's months", () => {
    expect(judgedAtText("2026-09")).toBe("目标按全年要求评估（2026年1—9月）");
    expect(judgedAtText("2026-01")).toBe("目标按全年要求评估（2026年1月）");
  });

  it("judges a town's share on its year, not on the one month of a league table", () => {
    const share: TargetSpec = { ...province, value: 17, source: "按区目标分配（平均分配）" };
    // September 30 and October 15: the year averages 22.5 against 17
    const judgement = judge({ target: share, indicator: indicator("nanny_new"), series: series({ "2026-09": 30, "2026-10": 15 }), asOf: "2026-10", today: "2026-11" });
    expect(judgement).toMatchObject({ resultText: "达成 132.4%" });
    expect(judgement.summary).toMatch(/^本年月均 22\.5单，达成 132\.4%（缺1月、/);
  });
});

describe("an average as shown", () => {
  const at34 = { value: 34, comparator: "at_least" } as const;
  const orders = { decimals: 0, unit: "单" };

  it("has one decimal more than the figures", () => {
    expect(averageText(271 / 8, at34, orders)).toBe("33.9单");
    expect(averageText(34.04, at34, orders)).toBe("34.0单");
  });

  it("never rounds across the target: 33.96 reads 33.96, not 34.0", () => {
    expect(averageText(33.96, at34, orders)).toBe("33.96单");
    expect(averageText(33.94, at34, orders)).toBe("33.9单");
    // closer than two extra decimals can tell: the one-decimal figure, as its 100.0 % is shown
    expect(averageText(33.9996, at34, orders)).toBe("34.0单");
  });
});

describe("a judgement in words", () => {
  const nanny = indicator("nanny_new");

  it("says the average, the attainment and the catch-up for two real months, one below 34", () => {
    const judgement = judge({ target: province, indicator: nanny, series: series({ "2026-01": 36, "2026-02": 20 }), asOf: "2026-02", today: "2026-11" });
    expect(judgement).toMatchObject({
      label: "月均不少于 34单",
      inForceText: "自2024年起",
      status: "red",
      statusLabel: "未达标",
      resultText: "达成 82.4%",
      summary: "本年月均 28.0单，达成 82.4%",
      // 408 − 56 = 352 over the 10 months left: 35.2, so 36 a month
      catchUpText: "其余 10 个月每月需 ≥ 36单",
    });
  });

  it("at a month missing, names the month and counts it among those to catch up", () => {
    const judgement = judge({ target: province, indicator: nanny, series: series({ "2026-01": 36, "2026-02": 20 }), asOf: "2026-03", today: "2026-11" });
    expect(judgement.summary).toBe("本年月均 28.0单，达成 82.4%（缺3月）");
    expect(judgement.catchUpText).toBe("其余 10 个月（含 1 个未填报月份）每月需 ≥ 36单");
    expect(judgement.status).toBe("red");
  });

  it("asked at a month to come counts only what has happened, and says up to when", () => {
    const judgement = judge({ target: province, indicator: nanny, series: series({ "2026-01": 40, "2026-02": 40 }), asOf: "2026-12", today: "2026-03" });
    expect(judgement.summary).toBe("本年月均 40.0单，达成 117.6%（截至2月）");
    expect(judgement.status).toBe("green");
  });

  it("over a quarter whose own average meets 34 still says the year's shortfall (issue 22)", () => {
    // Jan–Sep with August missing: 271 in 8 months; July + September = 69, 34.5 a month
    const year = series({ "2026-01": 30, "2026-02": 32, "2026-03": 35, "2026-04": 33, "2026-05": 36, "2026-06": 36, "2026-07": 34, "2026-09": 35 });
    const judgement = judge({ target: province, indicator: nanny, series: year, asOf: quarterJudgedAt("2026-Q3", "2026-12"), today: "2026-12" });
    expect(judgement).toMatchObject({
      status: "amber",
      shownAttainment: 0.996,
      resultText: "达成 99.6%",
      summary: "本年月均 33.9单，达成 99.6%（缺8月）",
      catchUpText: "其余 4 个月（含 1 个未填报月份）每月需 ≥ 35单",
    });
  });

  it("is 未填报 when nothing counted has a figure", () => {
    const judgement = judge({ target: province, indicator: nanny, series: series({}), asOf: "2026-02", today: "2026-11" });
    expect(judgement).toMatchObject({ status: "none", statusLabel: "未填报", resultText: null, summary: "本年未填报（缺1月、2月）" });
  });

  it("speaks of a monthly minimum month by month", () => {
    const everyMonth: TargetSpec = { ...province, rule: "monthly_min" };
    const judgement = judge({ target: everyMonth, indicator: nanny, series: series({ "2026-01": 10, "2026-02": 10, "2026-03": 40 }), asOf: "2026-03", today: "2026-11" });
    expect(judgement.summary).toBe("本年 1/3 个月达到，1月、2月未达到");
    expect(judgement.status).toBe("red");
  });

  it("gives a rank target in places to climb, never as a percentage", () => {
    const rank = indicator("popsci_coverage_rate_rank");
    const topTen: TargetSpec = { rule: "rank_at_most", comparator: "at_most", value: 10, fromYear: 2026, untilYear: null, source: "示例" };
    const behind = judge({ target: topTen, indicator: rank, series: series({ "2026-06": 13 }), asOf: "2026-06", today: "2026-11" });
    expect(behind).toMatchObject({ summary: "当前第13名，差 3 名", resultText: "差 3 名", shownAttainment: null, status: "red" });
    const reached = judge({ target: topTen, indicator: rank, series: series({ "2026-06": 10 }), asOf: "2026-06", today: "2026-11" });
    expect(reached).toMatchObject({ summary: "当前第10名，已达到", status: "green" });
  });

  it("gives a rank judged on an earlier month with that month, as the pack's rank column does", () => {
    const rank = indicator("popsci_volume_rank");
    const topTen: TargetSpec = { rule: "rank_at_most", comparator: "at_most", value: 10, fromYear: 2026, untilYear: null, source: "示例" };
    const judgement = judge({ target: topTen, indicator: rank, series: series({ "2026-02": 5 }), asOf: "2026-03", today: "2026-11" });
    expect(judgement).toMatchObject({ summary: "当前第5名（2月），已达到", status: "pending" });
  });

  it("speaks of a rate in per cent in 个百分点", () => {
    const rate = indicator("popsci_coverage_rate");
    const level: TargetSpec = { rule: "year_end_level", comparator: "at_least", value: 5.5, fromYear: 2026, untilYear: null, source: "示例" };
    const judgement = judge({ target: level, indicator: rate, series: series({ "2026-03": 4.87 }), asOf: "2026-03", today: "2026-11" });
    expect(judgement).toMatchObject({
      summary: "当前 4.87%，差 0.63 个百分点",
      resultText: "差 0.63 个百分点",
      shownAttainment: null,
      // 0.63 over the 9 months left is 0.07 a month
      catchUpText: "其余 9 个月每月需提高 0.07 个百分点",
    });
  });

  it("speaks of a level in its own unit, with what is still short", () => {
    const users = indicator("users_total");
    const level: TargetSpec = { rule: "year_end_level", comparator: "at_least", value: 20000, fromYear: 2026, untilYear: null, source: "示例" };
    const judgement = judge({ target: level, indicator: users, series: series({ "2026-06": 17000 }), asOf: "2026-06", today: "2026-11" });
    expect(judgement).toMatchObject({ summary: "当前 17000人，达成 85.0%，还差 3000人", catchUpText: "其余 6 个月每月需增加 500人" });
  });

  it("labels a target's years", () => {
    expect(inForceText({ fromYear: 2024, untilYear: null })).toBe("自2024年起");
    expect(inForceText({ fromYear: 2025, untilYear: 2025 })).toBe("仅2025年");
    expect(inForceText({ fromYear: 2024, untilYear: 2025 })).toBe("2024—2025年");
  });

  it("holds a month's own figure to the monthly value", () => {
    expect(monthlyThreshold([province])).toBe(34);
    expect(monthFallsShort([province], 33)).toBe(true);
    expect(monthFallsShort([province], 34)).toBe(false);
    expect(monthFallsShort([province], null)).toBe(false);
  });
});
