import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getPeriodFigures } from "./observations";
import { listRevisions } from "./revisions";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
});
afterEach(() => cleanup());

function save(period: string, figures: Record<string, number | null>, rankedUnits?: Record<string, number>) {
  return saveFigures(db, {
    organizationId,
    period,
    figures: new Map(
      Object.entries(figures).map(([key, value]) => [key, { value, ...(rankedUnits?.[key] ? { rankedUnits: rankedUnits[key] } : {}) }]),
    ),
    source: "form",
    changedBy: null,
    now: new Date("2025-02-03T04:05:06Z"),
  });
}

function revisionsOf(key: string, period?: string) {
  const indicator = getIndicatorByKey(db, key);
  if (!indicator) throw new Error(key);
  return listRevisions(db, organizationId, indicator.id, period);
}

describe("saving a month", () => {
  it("writes each new figure with one revision from blank to the value", () => {
    const changed = save("2025-01", { nanny_new: 29, users_total: 15000 });
    expect(changed).toHaveLength(2);
    expect(revisionsOf("nanny_new", "2025-01")).toEqual([
      expect.objectContaining({ oldValue: null, newValue: 29, source: "form", period: "2025-01" }),
    ]);
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(29);
  });

  it("writes revisions only for the figures that changed", () => {
    save("2025-01", { nanny_new: 29, users_total: 15000, supply_new: 70 });
    const changed = save("2025-01", { nanny_new: 31, users_total: 15000, supply_new: 70 });
    expect(changed).toEqual([{ key: "nanny_new", oldValue: 29, newValue: 31 }]);
    expect(revisionsOf("users_total", "2025-01")).toHaveLength(1);
    expect(revisionsOf("nanny_new", "2025-01").map((r) => [r.oldValue, r.newValue])).toEqual([
      [29, 31],
      [null, 29],
    ]);
  });

  it("writes nothing at all when nothing changed", () => {
    save("2025-01", { nanny_new: 29 });
    const total = () => db.$client.prepare("SELECT count(*) AS n FROM revisions").get();
    const before = total();
    expect(save("2025-01", { nanny_new: 29 })).toEqual([]);
    expect(total()).toEqual(before);
  });

  it("removes a cleared figure (not reported) and records the removal", () => {
    save("2025-01", { nanny_new: 29 });
    save("2025-01", { nanny_new: null });
    expect(getPeriodFigures(db, organizationId, "2025-01").has("nanny_new")).toBe(false);
    expect(revisionsOf("nanny_new", "2025-01")[0]).toMatchObject({ oldValue: 29, newValue: null });
  });

  it("treats a change in the number of units ranked as a change of the rank", () => {
    save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 183 });
    const changed = save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 184 });
    expect(changed).toHaveLength(1);
    expect(revisionsOf("popsci_volume_rank", "2025-01")[0]).toMatchObject({ oldRankedUnits: 183, newRankedUnits: 184 });
  });

  it("keeps the stored number of units ranked when the input does not carry it", () => {
    save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 183 });
    save("2025-01", { popsci_volume_rank: 11 });
    expect(getPeriodFigures(db, organizationId, "2025-01").get("popsci_volume_rank")).toMatchObject({ value: 11, rankedUnits: 183 });
  });

  it("writes nothing when any key is unknown", () => {
    expect(() => save("2025-01", { nanny_new: 29, no_such_indicator: 1 })).toThrow(/未知指标/);
    expect(getPeriodFigures(db, organizationId, "2025-01").size).toBe(0);
  });
});

describe("a rank's neighbours", () => {
  it("are saved with the rank, revised with it, and kept when the input leaves them out", () => {
    saveFigures(db, {
      organizationId,
      period: "2025-01",
      figures: new Map([["popsci_volume_rank", { value: 12, rankedUnits: 183, valueAbove: 900.5, valueBelow: 850 }]]),
      source: "form",
      changedBy: null,
    });
    const changed = saveFigures(db, {
      organizationId,
      period: "2025-01",
      figures: new Map([["popsci_volume_rank", { value: 12, valueAbove: 905 }]]),
      source: "form",
      changedBy: null,
    });
    expect(changed).toHaveLength(1);
    expect(getPeriodFigures(db, organizationId, "2025-01").get("popsci_volume_rank")).toMatchObject({
      value: 12,
      rankedUnits: 183,
      valueAbove: 905,
      valueBelow: 850,
    });
    expect(revisionsOf("popsci_volume_rank", "2025-01")[0]).toMatchObject({ oldValueAbove: 900.5, newValueAbove: 905, oldValueBelow: 850, newValueBelow: 850 });
  });
});
