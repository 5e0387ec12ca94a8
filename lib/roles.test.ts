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

  it("let staff and admins import the provincial bulletin", () => {
    expect(can("staff", "bulletin:import")).toBe(true);
    expect(can("admin", "bulletin:import")).toBe(true);
    expect(can("viewer", "bulletin:import")).toBe(false);
  });

  it("let staff and admins submit a month for review", () => {
    expect(can("staff", "months:submit")).toBe(true);
    expect(can("admin", "months:submit")).toBe(true);
    expect(can("viewer", "months:submit")).toBe(false);
  });

  it("keep accounts, targets, catalog, reviews, reminders, the audit, demo data, baseline corrections, API tokens, backups, settings and units to admins", () => {
    for (const permission of ["users:manage", "targets:manage", "catalog:manage", "months:review", "workflow:manage", "audit:view", "demo:clear", "baseline:correct", "tokens:manage", "database:backup", "settings:manage", "units:manage"] as const) {
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

  it("let an account holding the reviewer grant review months, and nothing more", () => {
    for (const role of ["viewer", "staff"] as const) {
      const reviewer = { role, grants: ["reviewer"] as const };
      expect(can(reviewer, "months:review")).toBe(true);
      for (const permission of PERMISSIONS.filter((p) => p !== "months:review")) {
        expect(can(reviewer, permission)).toBe(can(role, permission));
      }
    }
    expect(can({ role: "viewer", grants: [] }, "months:review")).toBe(false);
    expect(can({ role: "admin" }, "months:review")).toBe(true);
  });

  it("recognise only the three roles", () => {
    expect(isRole("staff")).toBe(true);
    expect(isRole("user")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
