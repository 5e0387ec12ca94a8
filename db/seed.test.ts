import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDatabase, dumpTables } from "@/tests/support/database";
import { listIndicators } from "./catalog";
import type { Db } from "./client";
import { getPeriodFigures, listReportedMonths } from "./observations";
import { getHomeOrganization } from "./organizations";
import { CATALOG } from "@/lib/catalog";
import { clearDemoData, countDemoFigures, demoMonths, seedDatabase } from "./seed";
import { saveFigures } from "./save-figures";
import { listTargetsByKey } from "./targets";

/** Seeded as if on 2026-11-27 in Beijing: the demo months are 2025-11 … 2026-10. */
const NOW = new Date("2026-11-27T04:00:00Z");
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = tempDatabase());
});
afterEach(() => cleanup());

describe("migrations", () => {
  it("create every table of the data model in an empty file", () => {
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(["organizations", "indicators", "observations", "revisions", "targets", "comments"]),
    );
  });

  it("turn on WAL and foreign keys", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("let the database refuse a negative figure or a malformed period", () => {
    seedDatabase(db, { demo: false });
    const insert = db.$client.prepare(
      "INSERT INTO observations (organization_id, indicator_id, period, value) VALUES (1, 1, ?, ?)",
    );
    expect(() => insert.run("2024-05", -1)).toThrow(/CHECK/);
    expect(() => insert.run("2024-5", 1)).toThrow(/CHECK/);
  });
});

describe("seeding", () => {
  it("loads the 26 indicators of the catalog", () => {
    seedDatabase(db, { demo: false });
    expect(listIndicators(db)).toHaveLength(26);
  });

  it("loads the 2023 flows as whole-year totals and never as invented months", () => {
    seedDatabase(db, { demo: false });
    const organization = getHomeOrganization(db);
    const year = getPeriodFigures(db, organization.id, "2023");
    expect(year.get("users_new")?.value).toBe(3918);
    expect(year.get("users_new_individual")?.value).toBe(3891);
    expect(year.get("users_new_scitech")?.value).toBe(114);
    expect(year.get("users_new_org")?.value).toBe(27);
    expect(year.get("supply_new")?.value).toBe(943);
    expect(year.get("demand_new")?.value).toBe(2009);
    expect(year.get("deals_new")?.value).toBe(32);
    expect(year.get("studio_new")?.value).toBe(331);
    expect(listReportedMonths(db, organization.id).map((m) => m.month)).toEqual(["2023-12"]);
  });

  it("loads stocks, rates and ranks as their value at 2023-12-31", () => {
    seedDatabase(db, { demo: false });
    const december = getPeriodFigures(db, getHomeOrganization(db).id, "2023-12");
    const values = Object.fromEntries([...december].map(([key, figure]) => [key, figure.value]));
    expect(values).toMatchObject({
      users_total: 14312,
      supply_total: 8810,
      supply_total_rank: 1,
      deal_amount_total: 13900,
      nanny_done_total: 3702,
      nanny_following: 5153,
      nanny_total: 8855,
      studio_total: 1525,
      studio_premium: 1,
      popsci_posts_total: 553,
      popsci_per_capita: 67.88,
      popsci_per_capita_rank: 3,
      popsci_coverage_rate: 4.87,
      popsci_coverage_rate_rank: 14,
      popsci_volume: 878.44,
      popsci_volume_rank: 12,
      popsci_coverage_people: 6299,
    });
    expect(december.has("users_new")).toBe(false);
    expect(december.get("users_total")?.note).toContain("2024年部门预算编制说明");
  });

  it("seeds the province's 34-a-month average for nanny-style orders, standing from 2024 on", () => {
    seedDatabase(db, { demo: false });
    for (const year of [2024, 2025, 2026]) {
      expect(listTargetsByKey(db, getHomeOrganization(db).id, year).get("nanny_new")).toEqual([
        expect.objectContaining({ rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求", isDemo: false }),
      ]);
    }
  });

  it("defines every indicator, filling in a definition an earlier seed left short but never one an administrator wrote", async () => {
    const { updateIndicator } = await import("./catalog");
    seedDatabase(db, { demo: false });
    db.$client.prepare("UPDATE indicators SET description = ? WHERE key = 'nanny_total'").run("等于已完成与正在服务跟进之和");
    db.$client.prepare("UPDATE indicators SET description = '' WHERE key = 'deals_new'").run();
    updateIndicator(db, "studio_new", { name: "新装修工作室", unit: "个", category: "科创工作室", description: "管理员写的定义", sortOrder: 160 });
    seedDatabase(db, { demo: false });
    const byKey = new Map(listIndicators(db).map((row) => [row.key, row.description]));
    expect(byKey.get("nanny_total")).toBe(CATALOG.find((indicator) => indicator.key === "nanny_total")?.description);
    expect(byKey.get("deals_new")).toContain("2023年全年32个");
    expect(byKey.get("studio_new")).toBe("管理员写的定义");
    expect([...byKey.values()].every((text) => text.length > 0)).toBe(true);
  });

  it("changes nothing when run twice", () => {
    seedDatabase(db, { demo: true });
    const before = dumpTables(db);
    const second = seedDatabase(db, { demo: true });
    expect(second).toEqual({ indicators: 0, baseline: 0, targets: 0, demo: 0 });
    expect(dumpTables(db)).toEqual(before);
  });

  it("never overwrites a baseline figure a person has corrected", () => {
    seedDatabase(db, { demo: false });
    const organizationId = getHomeOrganization(db).id;
    saveFigures(db, {
      organizationId,
      period: "2023-12",
      figures: new Map([["users_total", { value: 14313 }]]),
      source: "baseline_correction",
      reason: "复核更正",
      changedBy: null,
    });
    seedDatabase(db, { demo: false });
    expect(getPeriodFigures(db, organizationId, "2023-12").get("users_total")?.value).toBe(14313);
  });
});

describe("demo data", () => {
  it("fills the twelve months before the current one, marked as demo, with demo targets for their years", () => {
    seedDatabase(db, { demo: true, now: NOW });
    const months = listReportedMonths(db, getHomeOrganization(db).id).filter((m) => m.demo > 0);
    expect(months.map((m) => m.month).sort()).toEqual(demoMonths("2026-11"));
    expect(demoMonths("2026-11")[0]).toBe("2025-11");
    expect(demoMonths("2026-11").at(-1)).toBe("2026-10");
    expect(months.map((m) => m.demo)).toEqual(Array(12).fill(26));
    expect(countDemoFigures(db)).toBe(312);
    const demoTargets = listTargetsByKey(db, getHomeOrganization(db).id, 2026).get("popsci_coverage_rate");
    expect(demoTargets).toEqual([expect.objectContaining({ isDemo: true, fromYear: 2025, untilYear: 2026 })]);
  });

  it("clears completely, leaving the real baseline, and is not re-added by a later seed", () => {
    seedDatabase(db, { demo: false });
    const baseline = dumpTables(db);
    const fresh = tempDatabase();
    try {
      seedDatabase(fresh.db, { demo: true });
      clearDemoData(fresh.db);
      seedDatabase(fresh.db, { demo: true });
      const after = dumpTables(fresh.db);
      const content = (rows: unknown[] | undefined) =>
        (rows ?? []).map((row) => {
          const { id: _id, entered_at: _at, ...rest } = row as Record<string, unknown>;
          return rest;
        });
      expect(content(after.observations)).toEqual(content(baseline.observations));
      expect(after.revisions?.length).toBe(baseline.revisions?.length);
      expect(countDemoFigures(fresh.db)).toBe(0);
    } finally {
      fresh.cleanup();
    }
  });

  it("keeps a demo figure that a person has since corrected", () => {
    seedDatabase(db, { demo: true, now: NOW });
    const organizationId = getHomeOrganization(db).id;
    saveFigures(db, {
      organizationId,
      period: "2026-03",
      figures: new Map([["nanny_new", { value: 40 }]]),
      source: "form",
      changedBy: null,
    });
    clearDemoData(db);
    const march = getPeriodFigures(db, organizationId, "2026-03");
    expect([...march.keys()]).toEqual(["nanny_new"]);
    expect(march.get("nanny_new")).toMatchObject({ value: 40, isDemo: false });
  });
});

describe("the catalog after the province changes it", () => {
  it("keeps a retired indicator's figures and revisions, and reseeding neither revives nor renames it", async () => {
    const { addIndicator, setIndicatorActive, updateIndicator } = await import("./catalog");
    const { listIndicatorFigures } = await import("./observations");
    seedDatabase(db, { demo: false });
    const organizationId = getHomeOrganization(db).id;
    updateIndicator(db, "studio_premium", { name: "精品工作室（省级认定）", unit: "家", category: "科创工作室", description: "", sortOrder: 180 });
    setIndicatorActive(db, "studio_premium", false, "2026-11");
    addIndicator(db, {
      key: "popsci_bases_total", name: "科普基地数量", unit: "个", category: "科普", kind: "stock", decimals: 0, description: "",
      parentKey: null, parentRelation: null, accumulatesKey: null, ranksKey: null, sortOrder: 500, inForceFrom: "2026-11",
    });
    seedDatabase(db, { demo: false });
    const all = listIndicators(db, { includeRetired: true });
    const premium = all.find((row) => row.key === "studio_premium");
    expect(premium).toMatchObject({ name: "精品工作室（省级认定）", active: false, retiredFrom: "2026-11" });
    expect(listIndicators(db).some((row) => row.key === "studio_premium")).toBe(false);
    expect(listIndicators(db).some((row) => row.key === "popsci_bases_total")).toBe(true);
    expect(listIndicatorFigures(db, organizationId, premium!.id).map((figure) => figure.value)).toEqual([1]);
  });
});
