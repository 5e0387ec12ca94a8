import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import {
  attainmentScore,
  ATTAINMENT_SCORE,
  formatRankChange,
  leagueTable,
  rankChange,
  shortfall,
  shortfallLines,
  type LeagueUnit,
} from "./league";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(key);
  return found;
};
const nanny = indicator("nanny_new");

type Judgement = { status: "green" | "amber" | "red" | "none"; attainment: number | null };
const town = (unit: string, value: number | null, extra: Partial<LeagueUnit<string, Judgement>> = {}): LeagueUnit<string, Judgement> => ({
  unit,
  name: unit,
  value,
  ...extra,
});

describe("a league table", () => {
  it("ranks towns by their figure with ties sharing a place (1, 2, 2, 4)", () => {
    const table = leagueTable({
      indicator: nanny,
      units: [town("格里坪镇", 5), town("清香坪街道", 9), town("陶家渡街道", 7), town("玉泉街道", 7)],
    });
    expect(table.rows.map((row) => [row.name, row.rank, row.tied])).toEqual([
      ["清香坪街道", 1, false],
      ["陶家渡街道", 2, true],
      ["玉泉街道", 2, true],
      ["格里坪镇", 4, false],
    ]);
    expect(table.rankedCount).toBe(4);
  });

  it("lists a unit without a figure last as not reported, and ranks the others without it", () => {
    const table = leagueTable({
      indicator: nanny,
      units: [town("格里坪镇", null), town("清香坪街道", 3), town("陶家渡街道", 0)],
    });
    expect(table.rows.map((row) => [row.name, row.rank])).toEqual([
      ["清香坪街道", 1],
      ["陶家渡街道", 2],
      ["格里坪镇", null],
    ]);
    expect(table.rankedCount).toBe(2);
    expect(table.unreportedCount).toBe(1);
    expect(table.rows[2]?.change).toBeNull();
    expect(table.rows[2]?.gap).toBeNull();
  });

  it("puts the smallest first on a rank indicator (a rank's own value: lower is better)", () => {
    const table = leagueTable({
      indicator: indicator("popsci_volume_rank"),
      units: [town("攀枝花市东区", 40), town("攀枝花市西区", 12), town("攀枝花市仁和区", 12), town("米易县", 3)],
    });
    expect(table.rows.map((row) => [row.name, row.rank])).toEqual([
      ["米易县", 1],
      ["攀枝花市西区", 2],
      ["攀枝花市仁和区", 2],
      ["攀枝花市东区", 4],
    ]);
    // places are not a quantity to add: no gap on a rank indicator
    expect(table.rows.every((row) => row.gap === null)).toBe(true);
  });

  it("keeps the order given among tied units and among units without a figure", () => {
    const table = leagueTable({ indicator: nanny, units: [town("b", 1), town("a", 1), town("z", null), town("y", null)] });
    expect(table.rows.map((row) => row.name)).toEqual(["b", "a", "z", "y"]);
  });

  it("highlights the unit asked for", () => {
    const table = leagueTable({ indicator: nanny, units: [town("a", 1), town("b", 2)], highlight: "a" });
    expect(table.rows.map((row) => [row.name, row.highlighted])).toEqual([["b", false], ["a", true]]);
  });

  it("carries each unit's target and judgement as given, deciding nothing itself", () => {
    const judgement: Judgement = { status: "amber", attainment: 0.94 };
    const table = leagueTable({ indicator: nanny, units: [town("a", 32, { target: 34, judgement }), town("b", 1)] });
    expect(table.rows[0]).toMatchObject({ target: 34, judgement });
    expect(table.rows[1]).toMatchObject({ target: null, judgement: null });
  });
});

describe("the change since last month", () => {
  const units = [town("a", 10), town("b", 8), town("c", 8), town("d", 5), town("e", 1)];

  it("compares places with 1 = best: ▲ when the number fell, ▼ when it rose", () => {
    const previous = new Map<string, number | null>([["a", 1], ["b", 9], ["c", 3], ["d", 5], ["e", 4]]);
    // last month: b 1, d 2, e 3, c 4, a 5; this month: a 1, b 2, c 2, d 4, e 5
    const rows = leagueTable({ indicator: nanny, units, previous }).rows;
    expect(rows.map((row) => [row.name, row.previousRank, formatRankChange(row.change)])).toEqual([
      ["a", 5, "▲4"],
      ["b", 1, "▼1"],
      ["c", 4, "▲2"],
      ["d", 2, "▼2"],
      ["e", 3, "▼2"],
    ]);
  });

  it("calls a unit unchanged when its place is the same, and new when it was not ranked last month", () => {
    const previous = new Map<string, number | null>([["a", 99], ["b", 50], ["c", null], ["d", 40]]);
    const rows = leagueTable({ indicator: nanny, units, previous }).rows;
    expect(rows.map((row) => [row.name, formatRankChange(row.change)])).toEqual([
      ["a", "持平"],
      ["b", "持平"],
      ["c", "新上榜"],
      ["d", "▼1"],
      ["e", "新上榜"],
    ]);
  });

  it("makes no comparison without last month, rather than calling everyone new", () => {
    const rows = leagueTable({ indicator: nanny, units }).rows;
    expect(rows.every((row) => row.change === null && row.previousRank === null)).toBe(true);
  });

  it("ranks last month on its own figures with ties (a tie last month shares the place)", () => {
    const previous = new Map<string, number | null>([["x", 7], ["y", 7], ["z", 9]]);
    const rows = leagueTable({ indicator: nanny, units: [town("x", 3), town("y", 1), town("z", 2)], previous }).rows;
    expect(rows.map((row) => [row.name, row.previousRank, row.change])).toEqual([
      ["x", 2, { direction: "up", places: 1 }],
      ["z", 1, { direction: "down", places: 1 }],
      ["y", 2, { direction: "down", places: 1 }],
    ]);
  });

  it("reads each direction", () => {
    expect(rankChange(3, 5)).toEqual({ direction: "up", places: 2 });
    expect(rankChange(5, 3)).toEqual({ direction: "down", places: 2 });
    expect(rankChange(3, 3)).toEqual({ direction: "same" });
    expect(rankChange(3, null)).toEqual({ direction: "new" });
    expect(formatRankChange(null)).toBe("—");
  });
});

describe("the gap to the next place", () => {
  it("is what passes the units just above, and names the place it reaches", () => {
    const rows = leagueTable({ indicator: nanny, units: [town("a", 40), town("b", 34), town("c", 34), town("d", 20)] }).rows;
    expect(rows.map((row) => [row.name, row.gap])).toEqual([
      ["a", null],
      // tied at 2: the next place up is 1 (a's 40): 7 more makes 41
      ["b", { amount: 7, toRank: 1, aboveValue: 40 }],
      ["c", { amount: 7, toRank: 1, aboveValue: 40 }],
      // 4th: passing the two tied at 34 takes 15 (35), and reaches place 2
      ["d", { amount: 15, toRank: 2, aboveValue: 34 }],
    ]);
  });

  it("steps by the indicator's last decimal", () => {
    const rows = leagueTable({
      indicator: indicator("popsci_coverage_rate"),
      units: [town("a", 5.2), town("b", 4.87)],
    }).rows;
    expect(rows[1]?.gap).toEqual({ amount: 0.34, toRank: 1, aboveValue: 5.2 });
  });

  it("is none for every unit when all tie for first", () => {
    const rows = leagueTable({ indicator: nanny, units: [town("a", 3), town("b", 3)] }).rows;
    expect(rows.map((row) => [row.rank, row.gap])).toEqual([[1, null], [1, null]]);
  });
});

describe("who falls short", () => {
  const fallsShort = (judgement: Judgement) => judgement.status === "red";
  const table = leagueTable({
    indicator: nanny,
    units: [
      town("格里坪镇", 3, { target: 6, judgement: { status: "red", attainment: 0.5 } }),
      town("清香坪街道", 6, { target: 6, judgement: { status: "green", attainment: 1 } }),
      town("陶家渡街道", 5, { target: 6, judgement: { status: "amber", attainment: 0.92 } }),
      town("玉泉街道", null, { target: 6, judgement: { status: "none", attainment: null } }),
      town("河门口街道", 1, { target: 6, judgement: { status: "red", attainment: 0.17 } }),
      town("大宝鼎街道", 2),
    ],
  });

  it("names the units the judgement says fall short, in league order, and the unreported apart", () => {
    const list = shortfall(table.rows, fallsShort);
    expect(list).toEqual({ short: ["格里坪镇", "河门口街道"], unreported: ["玉泉街道"] });
    expect(shortfallLines(list)).toEqual(["未达标：格里坪镇、河门口街道", "未填报：玉泉街道"]);
  });

  it("does not list a unit without a target as short, and prints nothing when all are fine", () => {
    expect(shortfall(table.rows, fallsShort).short).not.toContain("大宝鼎街道");
    expect(shortfallLines({ short: [], unreported: [] })).toEqual([]);
  });
});

describe("an attainment score across indicators", () => {
  it("is the mean of attainments capped at 100%", () => {
    expect(attainmentScore([{ key: "nanny_new", attainment: 0.8 }, { key: "users_new", attainment: 1.6 }])).toEqual({
      score: 0.9,
      counted: 2,
      missing: [],
    });
  });

  it("counts an indicator with a target but no figure as 0 and flags it", () => {
    expect(attainmentScore([{ key: "nanny_new", attainment: 1 }, { key: "users_new", attainment: null }])).toEqual({
      score: 0.5,
      counted: 2,
      missing: ["users_new"],
    });
  });

  it("is none without any indicator with a target", () => {
    expect(attainmentScore([])).toEqual({ score: null, counted: 0, missing: [] });
  });

  it("rounds to 0.01% and ranks like any figure", () => {
    const third = attainmentScore([{ key: "a", attainment: 1 }, { key: "b", attainment: 0 }, { key: "c", attainment: 0 }]);
    expect(third.score).toBe(0.3333);
    const table = leagueTable({
      indicator: ATTAINMENT_SCORE,
      units: [town("a", third.score), town("b", 0.33334), town("c", 0.9)],
    });
    expect(table.rows.map((row) => [row.name, row.rank])).toEqual([["c", 1], ["a", 2], ["b", 2]]);
  });
});
