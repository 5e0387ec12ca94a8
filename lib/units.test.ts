import { describe, expect, it } from "vitest";
import { catalogForUnit, newUnitSchema, unitInUse, unitLabel } from "./units";

const catalog = [
  { key: "nanny_new", kind: "flow" as const, forSubUnits: true },
  { key: "users_total", kind: "stock" as const, forSubUnits: false },
  { key: "popsci_volume_rank", kind: "rank" as const, forSubUnits: true },
];

describe("units", () => {
  it("a town reports the indicators chosen for towns, never a rank; the district and its peers the whole catalog", () => {
    expect(catalogForUnit(catalog, { kind: "sub" }).map((indicator) => indicator.key)).toEqual(["nanny_new"]);
    expect(catalogForUnit(catalog, { kind: "home" })).toHaveLength(3);
    expect(catalogForUnit(catalog, { kind: "peer" })).toHaveLength(3);
  });

  it("a unit retired from a month takes part in the months before it only", () => {
    expect(unitInUse({ retiredFrom: "2026-10" }, "2026-09")).toBe(true);
    expect(unitInUse({ retiredFrom: "2026-10" }, "2026-10")).toBe(false);
    expect(unitInUse({ retiredFrom: null }, "2030-01")).toBe(true);
  });

  it("names a unit with its kind, except the home unit", () => {
    expect(unitLabel({ name: "格里坪镇", kind: "sub" })).toBe("格里坪镇（下属镇街）");
    expect(unitLabel({ name: "攀枝花市西区科学技术协会", kind: "home" })).toBe("攀枝花市西区科学技术协会");
  });

  it("adds towns and peers only, with names free of control characters and short names fit for a file name", () => {
    expect(newUnitSchema.safeParse({ name: "格里坪镇", shortName: "格里坪", kind: "sub" }).success).toBe(true);
    expect(newUnitSchema.safeParse({ name: "格里坪镇", shortName: "格里坪", kind: "home" }).success).toBe(false);
    expect(newUnitSchema.safeParse({ name: "格\n里坪镇", shortName: "格里坪", kind: "sub" }).success).toBe(false);
    expect(newUnitSchema.safeParse({ name: "格里坪镇", shortName: "格/里", kind: "peer" }).success).toBe(false);
  });
});
