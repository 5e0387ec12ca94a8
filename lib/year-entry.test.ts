import { describe, expect, it } from "vitest";
import { CATALOG, type CatalogEntry } from "./catalog";
import { monthsOfYearTotal, yearTotalCatalog, yearTotalRefusal } from "./year-entry";

const entries: CatalogEntry[] = CATALOG.map((indicator) => ({ ...indicator, active: true, inForceFrom: null, retiredFrom: null }));
const flows = CATALOG.filter((indicator) => indicator.kind === "flow").map((indicator) => indicator.key);

describe("whole-year figures", () => {
  it("are taken only for a year that is over, in Beijing time", () => {
    expect(yearTotalRefusal(2025, new Date("2026-11-27T02:00:00Z"))).toBeNull();
    expect(yearTotalRefusal(2026, new Date("2026-11-27T02:00:00Z"))).toBe("2026年尚未结束，不能填全年合计；请按月填写");
    expect(yearTotalRefusal(2030, new Date("2026-11-27T02:00:00Z"))).not.toBeNull();
    // 31 December 2025, 17:00 UTC is already 1 January 2026 in Beijing: 2025 is over
    expect(yearTotalRefusal(2025, new Date("2025-12-31T17:00:00Z"))).toBeNull();
    expect(yearTotalRefusal(2025, new Date("2025-12-31T15:59:00Z"))).not.toBeNull();
  });

  it("are asked for the flows only: a level's year-end figure is December's", () => {
    expect(yearTotalCatalog(entries, 2025, () => false).map((indicator) => indicator.key)).toEqual(flows);
  });

  it("leave out a flow added after the year or retired before it, unless it holds a figure for the year", () => {
    const added = { ...entries[0]!, key: "later_new", inForceFrom: "2026-03" };
    const retired = { ...entries[0]!, key: "gone_new", active: false, retiredFrom: "2025-01" };
    const retiredInYear = { ...entries[0]!, key: "went_new", active: false, retiredFrom: "2025-07" };
    const catalog = [...entries, added, retired, retiredInYear];
    const keys = (hasFigure: (key: string) => boolean) => yearTotalCatalog(catalog, 2025, hasFigure).map((indicator) => indicator.key);
    expect(keys(() => false)).toEqual([...flows, "went_new"]);
    expect(keys((key) => key === "gone_new")).toEqual([...flows, "gone_new", "went_new"]);
    expect(yearTotalCatalog(catalog, 2026, () => false).map((indicator) => indicator.key)).toEqual([...flows, "later_new"]);
  });

  it("set beside the months added up, never merged with them", () => {
    const series = new Map([["2025", 400], ["2025-01", 30.1], ["2025-02", 40.2], ["2024-12", 99], ["2026-01", 5]]);
    expect(monthsOfYearTotal(series, 2025, 1)).toEqual({ value: 70.3, reportedMonths: 2 });
    expect(monthsOfYearTotal(new Map([["2025", 400]]), 2025, 0)).toEqual({ value: null, reportedMonths: 0 });
  });
});
