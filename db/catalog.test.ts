import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey, listCatalog, setIndicatorActive, updateIndicator } from "./catalog";
import type { Db } from "./client";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
});
afterEach(() => cleanup());

const edit = (unit: string) => ({ name: "累计成交金额", unit, category: "供需对接", description: "", sortOrder: 110 });

describe("the catalog as administrators change it", () => {
  it("refuses a new unit once the indicator holds figures (they would be silently rescaled)", () => {
    expect(updateIndicator(db, "deal_amount_total", edit("亿元"))).toEqual({ ok: false, reason: "unit-has-figures" });
    expect(getIndicatorByKey(db, "deal_amount_total")?.unit).toBe("万元");
  });

  it("allows a new unit while the indicator holds none, and a renamed one with the same unit", () => {
    expect(updateIndicator(db, "nanny_new", { name: "促成“保姆式”服务单数", unit: "件", category: "保姆式服务", description: "", sortOrder: 120 })).toEqual({ ok: true });
    saveFigures(db, { organizationId, period: "2026-01", figures: new Map([["nanny_new", { value: 30 }]]), source: "form", changedBy: null });
    expect(updateIndicator(db, "nanny_new", { name: "促成保姆式服务", unit: "件", category: "保姆式服务", description: "", sortOrder: 120 })).toEqual({ ok: true });
    expect(updateIndicator(db, "missing_key", edit("个"))).toEqual({ ok: false, reason: "not-found" });
  });

  it("retires an indicator from a month, so the months before keep it; bringing it back clears that month", () => {
    setIndicatorActive(db, "studio_premium", false, "2026-11");
    expect(listCatalog(db).find((entry) => entry.key === "studio_premium")).toMatchObject({ active: false, retiredFrom: "2026-11" });
    setIndicatorActive(db, "studio_premium", true, "2026-12");
    expect(listCatalog(db).find((entry) => entry.key === "studio_premium")).toMatchObject({ active: true, retiredFrom: null });
  });
});
