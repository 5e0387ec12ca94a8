import { describe, expect, it } from "vitest";
import { competitionRanks, isBetter } from "./competition-ranking";

describe("standard competition ranking", () => {
  it("shares a place on a tie and skips the places after it (1, 2, 2, 4)", () => {
    expect(competitionRanks([90, 80, 80, 70], "up", 0)).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80], "up", 0)).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([5, 5, 5], "up", 0)).toEqual([1, 1, 1]);
    expect(competitionRanks([9, 8, 8, 8, 1], "up", 0)).toEqual([1, 2, 2, 2, 5]);
  });

  it("ranks the smallest first when lower is better", () => {
    expect(competitionRanks([12, 3, 3, 40], "down", 0)).toEqual([3, 1, 1, 4]);
  });

  it("leaves a missing value unranked and counts it against no one", () => {
    expect(competitionRanks([null, 5, undefined, 7], "up", 0)).toEqual([null, 2, null, 1]);
    expect(competitionRanks([null, null], "up", 0)).toEqual([null, null]);
    expect(competitionRanks([], "up", 0)).toEqual([]);
  });

  it("counts 0 as a figure, not as missing", () => {
    expect(competitionRanks([0, null, 3], "up", 0)).toEqual([2, null, 1]);
  });

  it("compares at the indicator's decimals, so floating-point noise does not break a tie", () => {
    expect(competitionRanks([0.1 + 0.2, 0.3, 0.29], "up", 2)).toEqual([1, 1, 3]);
    expect(competitionRanks([4.871, 4.874], "up", 2)).toEqual([1, 1]);
    expect(competitionRanks([4.87, 4.88], "up", 2)).toEqual([2, 1]);
  });

  it("tells strictly better at the shown decimals", () => {
    expect(isBetter(5, 4, "up", 0)).toBe(true);
    expect(isBetter(4, 5, "down", 0)).toBe(true);
    expect(isBetter(0.1 + 0.2, 0.3, "up", 2)).toBe(false);
  });
});
