import { describe, expect, it } from "vitest";
import { rankAboveUnits } from "./rank-rules";

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
