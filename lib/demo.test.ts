import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { checkConsistency } from "./consistency";
import { DEMO_POPULATION, generateDemoMonths, generateDemoYear, type DemoStart } from "./demo";
import { roundTo } from "./numbers";

const start: DemoStart = {
  users_total: 14312, supply_total: 8810, deal_amount_total: 13900, nanny_done_total: 3702,
  nanny_following: 5153, studio_total: 1525, studio_premium: 1, popsci_posts_total: 553,
  popsci_volume: 878.44, popsci_coverage_people: 6299,
};

describe("demo months", () => {
  const year = generateDemoYear(2024, start);
  const value = (month: number, key: string) => year[month]?.figures.get(key)?.value ?? NaN;

  it("are the same every time for the same seed", () => {
    expect(generateDemoYear(2024, start)).toEqual(year);
  });

  it("can run across a year boundary, for the twelve months before any current month", () => {
    const months = generateDemoMonths("2025-11", 12, start);
    expect(months.map((m) => m.month)).toEqual([
      "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
      "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]);
    for (const month of months) expect(checkConsistency(CATALOG, month.figures)).toEqual([]);
  });

  it("fill every indicator of every month of the year", () => {
    expect(year.map((m) => m.month)).toHaveLength(12);
    for (const month of year) expect(month.figures.size).toBe(26);
  });

  it("obey the document's identities", () => {
    let previous = { users: start.users_total, supply: start.supply_total, studio: start.studio_total };
    for (let m = 0; m < 12; m += 1) {
      expect(value(m, "users_new")).toBe(value(m, "users_new_individual") + value(m, "users_new_org"));
      expect(value(m, "users_new_scitech")).toBeLessThanOrEqual(value(m, "users_new_individual"));
      expect(value(m, "nanny_total")).toBe(value(m, "nanny_done_total") + value(m, "nanny_following"));
      expect(value(m, "users_total") - previous.users).toBe(value(m, "users_new"));
      expect(value(m, "supply_total") - previous.supply).toBe(value(m, "supply_new"));
      expect(value(m, "studio_total") - previous.studio).toBe(value(m, "studio_new"));
      expect(value(m, "popsci_per_capita")).toBe(roundTo((value(m, "popsci_volume") * 10000) / DEMO_POPULATION, 2));
      expect(value(m, "popsci_coverage_rate")).toBe(
        roundTo((value(m, "popsci_coverage_people") / DEMO_POPULATION) * 100, 2),
      );
      previous = { users: value(m, "users_total"), supply: value(m, "supply_total"), studio: value(m, "studio_total") };
    }
  });

  it("miss the 34-a-month nanny target in some months and meet it in others", () => {
    const nanny = year.map((_, m) => value(m, "nanny_new"));
    expect(nanny.some((n) => n < 34)).toBe(true);
    expect(nanny.some((n) => n >= 34)).toBe(true);
  });
});

describe("demo months and the consistency checks", () => {
  it("raise no warning, month after month", () => {
    const months = generateDemoYear(2024, start);
    let previous = new Map(Object.entries(start).map(([key, value]) => [key, { value }]));
    for (const { month, figures } of months) {
      expect({ month, warnings: checkConsistency(CATALOG, figures, previous) }).toEqual({ month, warnings: [] });
      previous = new Map([...figures].map(([key, figure]) => [key, { value: figure.value }]));
    }
  });
});
