import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { bestAndWorst, formatMovement, gapToNext, gapText, leadOverNext, movement, previousQuarterEnd, rankingRow, sortWorsenedFirst, type RankPoint } from "./rankings";

const indicator = (key: string) => CATALOG.find((entry) => entry.key === key)!;
const point = (rank: number, extra: Partial<RankPoint> = {}): RankPoint => ({ rank, rankedUnits: null, valueAbove: null, valueBelow: null, ...extra });

describe("rank movement", () => {
  it("reads a falling number as moving up", () => {
    expect(movement(12, 14)).toEqual({ places: 2, direction: "up" });
    expect(formatMovement(movement(12, 14))).toBe("上升2名");
    expect(movement(14, 12)).toEqual({ places: 2, direction: "down" });
    expect(formatMovement(movement(3, 3))).toBe("持平");
  });

  it("makes no comparison when a month is missing", () => {
    expect(movement(12, null)).toBeNull();
    expect(formatMovement(movement(null, 3))).toBe("无可比数据");
  });
});

describe("best and worst", () => {
  it("take the smallest and largest rank of the months reported, never an average", () => {
    const ranks = new Map([["2024-01", 14], ["2024-02", 12], ["2024-04", 16]]);
    expect(bestAndWorst(ranks, ["2024-01", "2024-02", "2024-03", "2024-04"])).toEqual({
      best: { rank: 12, month: "2024-02" },
      worst: { rank: 16, month: "2024-04" },
    });
    expect(bestAndWorst(new Map(), ["2024-01"])).toBeNull();
  });
});

describe("gap to the next place", () => {
  it("is what passes the unit above by one unit of the last decimal", () => {
    expect(gapToNext(8810, 8900, indicator("supply_total"))).toBe(91);
    expect(gapToNext(67.88, 70.1, indicator("popsci_per_capita"))).toBe(2.23);
    expect(gapText(91, 2, indicator("supply_total"))).toBe("累计发布科技所能再增加 91条 可升至第1名");
    expect(gapText(0.31, 14, indicator("popsci_coverage_rate"))).toBe("精准科普覆盖率再提高 0.31个百分点 可升至第13名");
  });

  it("is nothing at first place or without the bulletin's figure", () => {
    expect(gapText(5, 1, indicator("supply_total"))).toBeNull();
    expect(gapToNext(8810, null, indicator("supply_total"))).toBeNull();
  });

  it("gives the lead over the unit behind", () => {
    expect(leadOverNext(878.44, 850, indicator("popsci_volume"))).toBe(28.44);
  });
});

describe("a ranking row", () => {
  const ranks = new Map<string, RankPoint>([
    ["2023-05", point(20, { rankedUnits: 180 })],
    ["2024-03", point(16, { rankedUnits: 183 })],
    ["2024-04", point(15, { rankedUnits: 183 })],
    ["2024-05", point(14, { rankedUnits: 184, valueAbove: 5.2, valueBelow: 4.5 })],
  ]);
  const row = rankingRow({
    rankIndicator: indicator("popsci_coverage_rate_rank"),
    ranked: indicator("popsci_coverage_rate"),
    ranks,
    rankedSeries: new Map([["2024-05", 4.89]]),
    month: "2024-05",
  });

  it("compares with last month, the end of last quarter and the same month last year", () => {
    expect(previousQuarterEnd("2024-05")).toBe("2024-03");
    expect(previousQuarterEnd("2024-02")).toBe("2023-12");
    expect(row.sinceLastMonth).toEqual({ places: 1, direction: "up" });
    expect(row.sinceLastQuarter).toEqual({ places: 2, direction: "up" });
    expect(row.sinceLastYear).toEqual({ places: 6, direction: "up" });
  });

  it("uses each month's own number of units ranked (N changes)", () => {
    expect(row.current?.rankedUnits).toBe(184);
    expect(row.topShare).toBeCloseTo(14 / 184);
  });

  it("says what it takes to move up and how close the next unit is", () => {
    expect(row.gapText).toBe("精准科普覆盖率再提高 0.32个百分点 可升至第13名");
    expect(row.leadText).toBe("领先下一名 0.39个百分点");
    expect(row.yearExtremes).toEqual({ best: { rank: 14, month: "2024-05" }, worst: { rank: 16, month: "2024-03" } });
  });

  it("sorts the ones that worsened first", () => {
    const make = (key: string, rank: number | null, earlier: number | null) =>
      rankingRow({
        rankIndicator: { key, name: key },
        ranked: indicator("supply_total"),
        ranks: new Map([
          ...(rank !== null ? ([["2024-05", point(rank)]] as const) : []),
          ...(earlier !== null ? ([["2024-04", point(earlier)]] as const) : []),
        ]),
        rankedSeries: new Map(),
        month: "2024-05",
      });
    const sorted = sortWorsenedFirst([make("improved", 3, 5), make("none", null, 3), make("fell-1", 6, 5), make("same", 4, 4), make("fell-3", 9, 6)]);
    expect(sorted.map((r) => r.key)).toEqual(["fell-3", "fell-1", "same", "improved", "none"]);
  });
});
