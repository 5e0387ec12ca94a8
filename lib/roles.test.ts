import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS } from "./roles";

describe("roles", () => {
  it("let staff and admins write figures and commentary", () => {
    for (const permission of ["figures:write", "comments:write"] as const) {
      expect(can("staff", permission)).toBe(true);
      expect(can("admin", permission)).toBe(true);
      expect(can("viewer", permission)).toBe(false);
    }
  });

  it("keep accounts, targets, catalog, locks, demo data, baseline corrections, API tokens and database backups to admins", () => {
    for (const permission of ["users:manage", "targets:manage", "catalog:manage", "periods:lock", "demo:clear", "baseline:correct", "tokens:manage", "database:backup"] as const) {
      expect(can("admin", permission)).toBe(true);
      expect(can("staff", permission)).toBe(false);
      expect(can("viewer", permission)).toBe(false);
    }
  });

  it("give a viewer, or nobody, no permission at all", () => {
    for (const permission of PERMISSIONS) {
      expect(can("viewer", permission)).toBe(false);
      expect(can(null, permission)).toBe(false);
    }
  });

  it("recognise only the three roles", () => {
    expect(isRole("staff")).toBe(true);
    expect(isRole("user")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
