import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getStatusBands, setStatusBands } from "./settings";
import { copyTargets, listTargetsByKey, listYearTargets, retireTarget, setTarget } from "./targets";

let db: Db;
let cleanup: () => void;
let organizationId: number;
let nannyId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  nannyId = getIndicatorByKey(db, "nanny_new")!.id;
});
afterEach(() => cleanup());

const target = (year: number, value: number) => ({ year, rule: "monthly_avg" as const, comparator: "at_least" as const, value, source: "省科协要求" });
const inForce = (year: number) => listTargetsByKey(db, organizationId, year).get("nanny_new")?.map((t) => t.value) ?? [];

describe("targets", () => {
  it("change by retiring the old one and adding the new, keeping both in the history", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2024, 36), userId: "u1" });
    expect(inForce(2024)).toEqual([36]);
    const history = listYearTargets(db, organizationId, 2024).filter((row) => row.key === "nanny_new");
    expect(history.map((row) => [row.value, row.retiredAt === null])).toEqual([
      [36, true],
      [34, false],
    ]);
  });

  it("apply to their own year only: a change to 2025 leaves 2024 as it was", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2025, 40), userId: "u1" });
    expect(inForce(2025)).toEqual([40]);
    expect(inForce(2024)).toEqual([34]);
  });

  it("stop counting once retired", () => {
    const [seeded] = listYearTargets(db, organizationId, 2024);
    expect(retireTarget(db, { organizationId, targetId: seeded!.id })).toBe(true);
    expect(retireTarget(db, { organizationId, targetId: seeded!.id })).toBe(false);
    expect(inForce(2024)).toEqual([]);
  });

  it("copy to another year without duplicating what that year already has", () => {
    expect(copyTargets(db, { organizationId, fromYear: 2024, toYear: 2026, userId: "u1" })).toBe(1);
    expect(inForce(2026)).toEqual([34]);
    expect(copyTargets(db, { organizationId, fromYear: 2024, toYear: 2026, userId: "u1" })).toBe(0);
  });
});

describe("status bands", () => {
  it("default to 100 % and 90 %, and keep what an administrator sets", () => {
    expect(getStatusBands(db)).toEqual({ green: 1, amber: 0.9 });
    setStatusBands(db, { green: 0.95, amber: 0.8 });
    expect(getStatusBands(db)).toEqual({ green: 0.95, amber: 0.8 });
  });
});
