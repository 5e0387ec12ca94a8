import { describe, expect, it } from "vitest";
import { CATALOG, catalogAsOf, catalogForChecks, inForceIn, type CatalogEntry } from "./catalog";

const entry = (key: string, tenure: Partial<CatalogEntry> = {}): CatalogEntry => {
  const definition = CATALOG.find((indicator) => indicator.key === key);
  if (!definition) throw new Error(key);
  return { ...definition, active: true, inForceFrom: null, retiredFrom: null, ...tenure };
};

describe("the catalog's definitions", () => {
  it("define every one of the 26 indicators", () => {
    expect(CATALOG).toHaveLength(26);
    for (const indicator of CATALOG) expect(indicator.description.length, indicator.key).toBeGreaterThan(30);
  });

  it("give the 2023 figure from the document and say plainly where the document is silent", () => {
    const byKey = new Map(CATALOG.map((indicator) => [indicator.key, indicator.description]));
    expect(byKey.get("users_total")).toContain("14312");
    expect(byKey.get("users_total")).toContain("累计跨年、不按年清零");
    expect(byKey.get("deal_amount_total")).toContain("未说明从何时起算");
    expect(byKey.get("nanny_new")).toContain("自2024年起长期适用");
    expect(byKey.get("supply_total_rank")).toContain("参与排名的单位数");
    for (const indicator of CATALOG) expect(indicator.description, indicator.key).toMatch(/文件/);
  });
});

describe("the catalog as of a period", () => {
  it("keeps a retired indicator for the months before its retirement", () => {
    const retired = entry("users_new_org", { active: false, retiredFrom: "2026-11" });
    expect(inForceIn(retired, "2026-10")).toBe(true);
    expect(inForceIn(retired, "2026-11")).toBe(false);
  });

  it("leaves out an indicator before the month it was added from", () => {
    const added = entry("studio_premium", { inForceFrom: "2026-11" });
    expect(inForceIn(added, "2026-10")).toBe(false);
    expect(inForceIn(added, "2026-11")).toBe(true);
  });

  it("keeps an indicator retired without a month only where it holds figures", () => {
    const legacy = entry("demand_new", { active: false });
    const none = () => false;
    expect(catalogAsOf([legacy], ["2024-03"], none)).toEqual([]);
    expect(catalogAsOf([legacy], ["2024-03"], (key, month) => key === "demand_new" && month === "2024-03")).toEqual([legacy]);
  });

  it("checks a month against every indicator begun by then, retired since or not", () => {
    const catalog = [entry("users_new"), entry("users_new_org", { active: false, retiredFrom: "2026-11" }), entry("studio_premium", { inForceFrom: "2026-11" })];
    expect(catalogForChecks(catalog, "2024-03").map((indicator) => indicator.key)).toEqual(["users_new", "users_new_org"]);
    expect(catalogForChecks(catalog, "2026-12").map((indicator) => indicator.key)).toEqual(["users_new", "users_new_org", "studio_premium"]);
  });
});
