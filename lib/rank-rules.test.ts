import { describe, expect, it } from "vitest";
import { rankAboveUnits, ranksAboveUnits } from "./rank-rules";

describe("a rank and the number of units ranked", () => {
  it("is an error only when the rank is above N", () => {
    expect(rankAboveUnits(184, 183)).toBe("排名不能大于参与排名的单位数（183）");
    expect(rankAboveUnits(183, 183)).toBeNull();
    expect(rankAboveUnits(1, 183)).toBeNull();
  });

  it("cannot be judged without both", () => {
    expect(rankAboveUnits(500, null)).toBeNull();
    expect(rankAboveUnits(null, 183)).toBeNull();
  });
});

describe("the ranks of a month", () => {
  it("name each rank above its N, and only those", () => {
    const catalog = [
      { key: "a_rank", kind: "rank" },
      { key: "b_rank", kind: "rank" },
      { key: "a", kind: "stock" },
    ];
    const figures = new Map([
      ["a_rank", { value: 300, rankedUnits: 183 }],
      ["b_rank", { value: 3, rankedUnits: 183 }],
      ["a", { value: 900, rankedUnits: null }],
    ]);
    expect(ranksAboveUnits(catalog, figures)).toEqual({ a_rank: "排名不能大于参与排名的单位数（183）" });
  });
});
