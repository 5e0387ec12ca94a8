import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getStatusBands, setStatusBands } from "./settings";
import { listTargets, listTargetsByKey, retireTarget, setTarget } from "./targets";

let db: Db;
let cleanup: () => void;
let organizationId: number;
let nannyId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  nannyId = getIndicatorByKey(db, "nanny_new")!.id;
});
afterEach(() => cleanup());

const target = (fromYear: number, value: number, untilYear: number | null = null) => ({
  fromYear,
  untilYear,
  rule: "monthly_avg" as const,
  comparator: "at_least" as const,
  value,
  source: "省科协要求",
});
const inForce = (year: number) => listTargetsByKey(db, organizationId, year).get("nanny_new")?.map((t) => t.value) ?? [];
const seededId = () => listTargets(db, organizationId).find((t) => t.key === "nanny_new")!.id;

describe("standing targets", () => {
  it("the seeded province requirement applies to 2024 and every year after", () => {
    for (const year of [2024, 2025, 2026, 2027, 2035]) expect(inForce(year)).toEqual([34]);
    expect(inForce(2023)).toEqual([]);
  });

  it("a target set from a later year replaces the old one from that year on; earlier years keep theirs", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2026, 36), userId: "u1" });
    expect(inForce(2025)).toEqual([34]);
    expect(inForce(2026)).toEqual([36]);
    expect(inForce(2030)).toEqual([36]);
    expect(listTargets(db, organizationId).filter((t) => t.key === "nanny_new").map((t) => [t.fromYear, t.untilYear, t.withdrawn])).toEqual([
      [2024, null, false],
      [2026, null, false],
    ]);
  });

  it("set again for the same first year, withdraws the one it replaces and keeps it in the history", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2024, 35), userId: "u1" });
    expect(inForce(2026)).toEqual([35]);
    expect(listTargets(db, organizationId).filter((t) => t.key === "nanny_new").map((t) => [t.value, t.withdrawn])).toEqual([
      [34, true],
      [35, false],
    ]);
  });

  it("a target for one year only applies to that year, the standing one before and after", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2025, 30, 2025), userId: "u1" });
    expect([inForce(2024), inForce(2025), inForce(2026)]).toEqual([[34], [30], [34]]);
  });

  it("a target for one year set over the standing one's first year overrides that year only", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2024, 36, 2024), userId: "u1" });
    expect([inForce(2024), inForce(2025)]).toEqual([[36], [34]]);
    expect(listTargets(db, organizationId).filter((t) => t.key === "nanny_new").every((t) => !t.withdrawn)).toBe(true);
  });

  it("retired from a year, stops from that year on and stays for the years before", () => {
    expect(retireTarget(db, { organizationId, targetId: seededId(), fromYear: 2026 })).toBe(true);
    expect(inForce(2025)).toEqual([34]);
    expect(inForce(2026)).toEqual([]);
    expect(inForce(2030)).toEqual([]);
  });

  it("retired from its first year, is withdrawn; retiring it again changes nothing", () => {
    expect(retireTarget(db, { organizationId, targetId: seededId(), fromYear: 2024 })).toBe(true);
    expect(inForce(2024)).toEqual([]);
    expect(retireTarget(db, { organizationId, targetId: seededId(), fromYear: 2024 })).toBe(false);
  });

  it("retiring ends a later replacement as well, so no older target comes back", () => {
    setTarget(db, { organizationId, indicatorId: nannyId, target: target(2026, 36), userId: "u1" });
    const raised = listTargets(db, organizationId).find((t) => t.key === "nanny_new" && t.value === 36)!;
    retireTarget(db, { organizationId, targetId: raised.id, fromYear: 2027 });
    expect([inForce(2025), inForce(2026), inForce(2027)]).toEqual([[34], [36], []]);
  });
});

describe("status bands", () => {
  it("default to 100 % and 90 %, and keep what an administrator sets", () => {
    expect(getStatusBands(db)).toEqual({ green: 1, amber: 0.9 });
    setStatusBands(db, { green: 0.95, amber: 0.8 });
    expect(getStatusBands(db)).toEqual({ green: 0.95, amber: 0.8 });
  });
});
