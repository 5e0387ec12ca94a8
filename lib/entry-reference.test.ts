import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { knownPeriodLabel, referenceText } from "./entry-reference";

const indicator = (key: string) => {
  const found = CATALOG.find((entry) => entry.key === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
};
const users = indicator("users_total");
const usersNew = indicator("users_new");
const rank = indicator("popsci_volume_rank");
const coverage = indicator("popsci_coverage_rate");

describe("the figure the monthly form compares with", () => {
  it("is last month's figure when last month has one", () => {
    expect(referenceText(users, "2026-02", { period: "2026-01", value: 15018, rankedUnits: null }, undefined)).toBe("上月：15018人");
    expect(referenceText(rank, "2026-02", { period: "2026-01", value: 12, rankedUnits: 183 }, undefined)).toBe("上月：第12名（共183）");
  });

  it("is the 2023 year-end baseline, with its date, for January when last December is empty", () => {
    expect(referenceText(users, "2026-01", { period: "2023-12", value: 14312, rankedUnits: null }, undefined)).toBe("2023年末：14312人");
    expect(referenceText(coverage, "2026-01", { period: "2023-12", value: 4.87, rankedUnits: null }, undefined)).toBe("2023年末：4.87%");
    expect(referenceText(rank, "2026-01", { period: "2023-12", value: 12, rankedUnits: null }, undefined)).toBe("2023年末：第12名");
  });

  it("says last month for January when last December is known", () => {
    expect(referenceText(users, "2026-01", { period: "2025-12", value: 15500, rankedUnits: null }, undefined)).toBe("上月：15500人");
  });

  it("dates a level from an earlier month at that month's end, a flow by its month", () => {
    expect(referenceText(users, "2026-08", { period: "2026-06", value: 15018, rankedUnits: null }, undefined)).toBe("2026年6月末：15018人");
    expect(referenceText(usersNew, "2026-08", { period: "2026-06", value: 80, rankedUnits: null }, undefined)).toBe("2026年6月：80户");
    expect(knownPeriodLabel("2025-12", usersNew)).toBe("2025年12月");
  });

  it("gives a flow's previous whole-year total as that year's total, never as last month", () => {
    expect(referenceText(usersNew, "2024-01", undefined, { period: "2023", value: 3918, rankedUnits: null })).toBe("2023年全年合计：3918户");
    // a month of a later year is the more recent figure
    expect(referenceText(usersNew, "2026-01", { period: "2025-03", value: 80, rankedUnits: null }, { period: "2023", value: 3918, rankedUnits: null })).toBe("2025年3月：80户");
    // a total of a year after the last month known is the more recent
    expect(referenceText(usersNew, "2026-01", { period: "2024-05", value: 80, rankedUnits: null }, { period: "2025", value: 900, rankedUnits: null })).toBe("2025年全年合计：900户");
    // a level has no whole-year total to show
    expect(referenceText(users, "2026-01", undefined, { period: "2025", value: 900, rankedUnits: null })).toBe("上月：未填报");
  });

  it("never takes a figure of the month itself or later, nor a total of its own year", () => {
    expect(referenceText(users, "2026-03", { period: "2026-03", value: 1, rankedUnits: null }, undefined)).toBe("上月：未填报");
    expect(referenceText(usersNew, "2026-03", undefined, { period: "2026", value: 1, rankedUnits: null })).toBe("上月：未填报");
  });

  it("says 未填报 when nothing is known before the month", () => {
    expect(referenceText(users, "2026-01", undefined, undefined)).toBe("上月：未填报");
  });
});
