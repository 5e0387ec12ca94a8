import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededDatabase } from "@/tests/support/database";
import type { Db } from "./client";
import { listKnownBefore } from "./observations";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
});
afterEach(() => cleanup());

function save(period: string, figures: Record<string, number>) {
  saveFigures(db, {
    organizationId,
    period,
    figures: new Map(Object.entries(figures).map(([key, value]) => [key, { value }])),
    source: "form",
    changedBy: null,
    now: new Date("2026-02-03T04:05:06Z"),
  });
}

describe("what a unit knew of each indicator before a month", () => {
  it("is the 2023 baseline for a January long after it: the year-end level and the flows' whole-year totals", () => {
    const known = listKnownBefore(db, organizationId, "2026-01");
    expect(known.monthly.get("users_total")).toMatchObject({ period: "2023-12", value: 14312 });
    expect(known.monthly.get("popsci_volume_rank")).toMatchObject({ period: "2023-12", value: 12 });
    expect(known.monthly.has("users_new")).toBe(false);
    expect(known.yearTotals.get("users_new")).toMatchObject({ period: "2023", value: 3918 });
  });

  it("is the latest month before, never the month itself or later, nor its own year's total", () => {
    save("2025-11", { users_total: 15000, users_new: 80 });
    save("2026-01", { users_total: 15100 });
    save("2025", { supply_new: 900 });
    const known = listKnownBefore(db, organizationId, "2026-01");
    expect(known.monthly.get("users_total")).toMatchObject({ period: "2025-11", value: 15000 });
    expect(known.monthly.get("users_new")).toMatchObject({ period: "2025-11", value: 80 });
    expect(known.yearTotals.get("supply_new")).toMatchObject({ period: "2025", value: 900 });
    expect(listKnownBefore(db, organizationId, "2025-06").yearTotals.get("supply_new")).toMatchObject({ period: "2023" });
  });
});
