import { describe, expect, it } from "vitest";
import type { Series } from "./aggregate";
import { CATALOG } from "./catalog";
import {
  fillNote,
  annualPace,
  buildCard,
  chartLabel,
  monthBars,
  leaderMonth,
  leaderMonthNote,
  qualityLine,
  rankChartRows,
  rankedUnitsOver,
  reportedKeyIndicators,
  reportingGaps,
  trendMonths,
  trendOf,
  type MonthKeys,
} from "./dashboard";
import type { TargetSpec } from "./targets";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found;
};
const series = (entries: Record<string, number>): Series => new Map(Object.entries(entries));
const nannyTarget: TargetSpec = { rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求" };
/** Cards of 2024 looked at long after: every month has ended. */
const today = "2026-11";

describe("dashboard cards", () => {
  it("show the month's value and its change on the previous month, across the year boundary", () => {
    const card = buildCard({ indicator: indicator("users_total"), series: series({ "2023-12": 14312, "2024-01": 14637 }), month: "2024-01", today, targets: [] });
    expect(card).toMatchObject({ valueText: "14637人", changeText: "+325人", trend: "better" });
  });

  it("make no comparison when last month is missing, never a made-up zero", () => {
    const card = buildCard({ indicator: indicator("nanny_new"), series: series({ "2024-03": 30 }), month: "2024-03", today, targets: [] });
    expect(card.changeText).toBeNull();
    expect(card.trend).toBeNull();
  });

  it("say 未填报 for a month without a figure", () => {
    expect(buildCard({ indicator: indicator("nanny_new"), series: series({}), month: "2024-03", today, targets: [] }).valueText).toBe("未填报");
  });

  it("give a flow's year to date, noting unreported months", () => {
    const card = buildCard({ indicator: indicator("nanny_new"), series: series({ "2024-01": 30, "2024-03": 40 }), month: "2024-03", today, targets: [] });
    expect(card.yearToDateText).toBe("本年累计 70单（已报2/3个月）");
  });

  it("show the 2023 whole-year total for a flow in December 2023, labelled as such", () => {
    const card = buildCard({ indicator: indicator("users_new"), series: series({ "2023": 3918 }), month: "2023-12", today, targets: [] });
    expect(card.valueText).toBe("未填报");
    expect(card.yearToDateText).toBe("2023年全年 3918户（年度数据）");
  });

  it("flag a month below 34 while the year's average still meets it", () => {
    const card = buildCard({ indicator: indicator("nanny_new"), series: series({ "2024-01": 40, "2024-02": 31 }), month: "2024-02", today, targets: [nannyTarget] });
    expect(card.belowTargetThisMonth).toBe(true);
    expect(card.shownMonth).toBe("2024-02");
    expect(card.status).toBe("green");
    expect(card.judgements[0]).toMatchObject({ status: "green", label: "月均不少于 34单", summary: "本年月均 35.5单，达成 104.4%" });
    expect(card.judgements[0]?.catchUpText).toBe("其余 10 个月每月需 ≥ 34单");
  });

  it("never say 达标 above 未填报: a month without its own figure reads 未填报, with the latest figure and its month", () => {
    const card = buildCard({ indicator: indicator("nanny_new"), series: series({ "2026-09": 40, "2026-10": 40 }), month: "2026-11", today: "2026-11", targets: [nannyTarget] });
    expect(card.valueText).toBe("未填报");
    expect(card.latestText).toBe("最近：2026年10月 40单");
    // the figure shown is October's: its approval is October's
    expect(card.shownMonth).toBe("2026-10");
    expect(card.status).toBe("none");
    // the running month is not yet due: the year so far is judged up to October
    expect(card.judgements[0]).toMatchObject({ status: "pending", summary: "本年月均 40.0单，达成 117.6%（截至10月；缺1月、2月、3月、4月、5月、6月、7月、8月）" });
  });

  it("show the province's rank beside the indicator it ranks, a falling number reading as progress", () => {
    const rank = { indicator: indicator("supply_total_rank"), series: series({ "2024-01": 3, "2024-02": 1 }), rankedUnits: 183, targets: [] };
    const card = buildCard({ indicator: indicator("supply_total"), series: series({ "2024-02": 9000 }), month: "2024-02", today, targets: [], rank });
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

describe("annual pace", () => {
  const target: TargetSpec = { rule: "annual_total", comparator: "at_least", value: 1200, fromYear: 2024, untilYear: null, source: "示例" };

  it("runs the year-to-date sum against X·m/12 for every month", () => {
    const points = annualPace(series({ "2024-01": 90, "2024-02": 120, "2024-03": 100 }), target, "2024-03", 0);
    expect(points).toHaveLength(12);
    expect(points.slice(0, 4)).toEqual([
      { label: "1月", actual: 90, expected: 100 },
      { label: "2月", actual: 210, expected: 200 },
      { label: "3月", actual: 310, expected: 300 },
      { label: "4月", actual: null, expected: 400 },
    ]);
    expect(points[11]).toEqual({ label: "12月", actual: null, expected: 1200 });
  });

  it("leaves a gap for a month not reported", () => {
    const points = annualPace(series({ "2024-01": 90, "2024-03": 100 }), target, "2024-03", 0);
    expect(points.map((p) => p.actual).slice(0, 3)).toEqual([90, null, 190]);
  });
});

describe("a rank target on a card", () => {
  const topTen: TargetSpec = { rule: "rank_at_most", comparator: "at_most", value: 10, fromYear: 2024, untilYear: null, source: "示例" };

  it("is judged beside the indicator it ranks, in places", () => {
    const rank = { indicator: indicator("popsci_coverage_rate_rank"), series: series({ "2024-06": 13 }), rankedUnits: 183, targets: [topTen] };
    const card = buildCard({ indicator: indicator("popsci_coverage_rate"), series: series({ "2024-06": 5 }), month: "2024-06", today, targets: [], rank });
    expect(card.judgements.map((judgement) => judgement.summary)).toEqual(["当前第13名，差 3 名"]);
  });
});

describe("what a leader sees first", () => {
  const keys = (entries: Record<string, string[]>): MonthKeys => new Map(Object.entries(entries).map(([month, list]) => [month, new Set(list)]));
  const reported = keys({
    "2026-08": ["nanny_new", "users_total", "users_new"],
    "2026-09": ["nanny_new", "users_total", "users_new"],
    "2026-10": ["nanny_new"],
  });

  it("takes the key indicators the organization actually reports", () => {
    expect(reportedKeyIndicators(reported, ["nanny_new", "users_total", "users_new", "deals_new"], "2026-11")).toEqual(["nanny_new", "users_total", "users_new"]);
    expect(reportedKeyIndicators(new Map(), ["nanny_new", "deals_new"], "2026-11")).toEqual(["nanny_new", "deals_new"]);
  });

  it("opens the leader's pages on the latest month that is over and holds figures, even partly filled (its newer ranks are known)", () => {
    // September complete, October only partly entered: October, as /rankings and the dashboard both open
    expect(leaderMonth(["2026-08", "2026-09", "2026-10"], "2026-12")).toEqual({ month: "2026-10", reason: "latest-over", runningWithFigures: null });
  });

  it("never opens on the running month while an earlier month has figures, but offers it", () => {
    expect(leaderMonth(["2026-10", "2026-12"], "2026-12")).toEqual({ month: "2026-10", reason: "latest-over", runningWithFigures: "2026-12" });
  });

  it("falls back to the running month, with figures or without any", () => {
    expect(leaderMonth(["2026-12"], "2026-12")).toEqual({ month: "2026-12", reason: "running", runningWithFigures: null });
    expect(leaderMonth([], "2026-12")).toEqual({ month: "2026-12", reason: "empty", runningWithFigures: null });
  });

  it("says on the page which month it shows and why, with links to the default and the running month", () => {
    const leader = leaderMonth(["2026-10", "2026-12"], "2026-12");
    expect(leaderMonthNote(leader, "2026-10")).toEqual({
      text: "显示2026年10月（最近有数据的已结束月份）。2026年12月本月进行中，已有部分数据。",
      links: [{ month: "2026-12", label: "查看2026年12月（进行中）" }],
    });
    expect(leaderMonthNote(leader, "2026-09").text).toBe("显示所选的2026年9月；默认显示2026年10月（最近有数据的已结束月份）。2026年12月本月进行中，已有部分数据。");
    expect(leaderMonthNote(leader, "2026-09").links[0]).toEqual({ month: "2026-10", label: "回到2026年10月" });
  });

  it("names the months not yet reported and those only partly filled", () => {
    const gaps = reportingGaps(reported, ["nanny_new", "users_total", "users_new"], "2026-09", "2026-11");
    expect(gaps.unreported).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    expect(gaps.partial).toEqual(["2026-10"]);
    expect(gaps.text).toBe("2026年：1月、2月、3月、4月、5月、6月、7月尚未填报；10月只填了部分重点指标");
  });

  it("never lists the running month as unreported (November on 7 November is 本月进行中)", () => {
    const gaps = reportingGaps(reported, ["nanny_new", "users_total", "users_new"], "2026-09", "2026-11", "2026-08");
    expect(gaps.unreported).toEqual([]);
    expect(gaps.text).toBe("2026年：10月只填了部分重点指标");
    // a month truly missing still is: August on 7 December, with December running
    const december = reportingGaps(new Map([["2026-09", new Set(["nanny_new"])], ["2026-12", new Set(["nanny_new"])]]), ["nanny_new"], "2026-12", "2026-12", "2026-07");
    expect(december.unreported).toEqual(["2026-07", "2026-08", "2026-10", "2026-11"]);
    expect(december.text).not.toContain("12月");
  });

  it("does not call the document's baseline month partly filled", () => {
    const baseline = new Map([["2023-12", new Set(["users_total"])]]);
    expect(reportingGaps(baseline, ["nanny_new", "users_total"], "2023-12", "2026-12", "2023-12", "2023-12").text).toBeNull();
    expect(reportingGaps(baseline, ["nanny_new", "users_total"], "2023-12", "2026-12", "2023-12").partial).toEqual(["2023-12"]);
  });

  it("notes a partly filled month on its cards, but not the baseline, and the running month as running", () => {
    const fill = { filled: 17, total: 26 };
    expect(fillNote(fill, { kind: "in_progress", label: "填报中" })).toBe("本月只填了 17/26 项");
    expect(fillNote(fill, { kind: "baseline", label: "2023年基线（来自部门预算编制说明）" })).toBeNull();
    expect(fillNote(fill, { kind: "running", label: "本月进行中" })).toBe("本月进行中，已填 17/26 项");
    expect(qualityLine(fill, 0, { kind: "baseline", label: "2023年基线（来自部门预算编制说明）" }).text).toBe(
      "数据质量：2023年基线（来自部门预算编制说明）列出 17 项，其余项文件未列",
    );
  });

  it("never calls a mostly empty month consistent", () => {
    expect(qualityLine({ filled: 1, total: 26 }, 0)).toEqual({ tone: "partial", text: "数据质量：本月只填了 1/26 项，尚不能全面核对" });
    expect(qualityLine({ filled: 20, total: 26 }, 0)).toEqual({ tone: "partial", text: "数据质量：已填的 20 项之间没有矛盾（另有 6 项未填报）" });
    expect(qualityLine({ filled: 0, total: 26 }, 0).tone).toBe("partial");
    expect(qualityLine({ filled: 26, total: 26 }, 0)).toEqual({ tone: "ok", text: "✓ 数据质量：本月未发现不一致" });
    expect(qualityLine({ filled: 3, total: 26 }, 2).tone).toBe("warn");
  });
});

describe("chart data", () => {
  it("marks the months below the target value and leaves an unreported month as a gap", () => {
    const bars = monthBars(series({ "2024-01": 40, "2024-02": 31 }), ["2024-01", "2024-02", "2024-03"], 34);
    expect(bars).toEqual([
      { label: "1月", value: 40, below: false, demo: false },
      { label: "2月", value: 31, below: true, demo: false },
      { label: "3月", value: null, below: false, demo: false },
    ]);
  });

  it("puts each rank indicator in a column of its own, month by month", () => {
    const rows = rankChartRows(["a_rank", "b_rank"], new Map([["a_rank", series({ "2023-12": 3, "2024-01": 2 })]]), ["2023-12", "2024-01"]);
    expect(rows).toEqual([
      { label: "2023年12月", a_rank: 3, b_rank: null },
      { label: "2024年1月", a_rank: 2, b_rank: null },
    ]);
  });
});

describe("the units ranked, for a rank chart", () => {
  const byKey = new Map([
    ["a", [{ period: "2024-06", rankedUnits: 184 }, { period: "2026-10", rankedUnits: 183 }, { period: "2026-11", rankedUnits: null }]],
    ["b", [{ period: "2026-11", rankedUnits: 182 }]],
  ]);

  it("come from the chart's own months only", () => {
    expect(rankedUnitsOver(byKey, ["a", "b"], ["2026-10", "2026-11"])).toBe(183);
    expect(rankedUnitsOver(byKey, ["b"], ["2026-10", "2026-11"])).toBe(182);
    expect(rankedUnitsOver(byKey, ["a"], ["2024-06"])).toBe(184);
  });

  it("are unknown when no bulletin of those months says", () => {
    expect(rankedUnitsOver(byKey, ["a"], ["2026-11"])).toBeNull();
    expect(rankedUnitsOver(byKey, ["c"], ["2026-11"])).toBeNull();
  });
});
