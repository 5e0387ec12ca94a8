import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import { listUnitIndicators, setSubUnitIndicators } from "./catalog";
import type { Db } from "./client";
import { listMissingIndicators } from "./month-review";
import {
  addAlias,
  addUnit,
  getHomeOrganization,
  getUserUnitId,
  listBulletinUnits,
  listUnits,
  renameUnit,
  setUnitRetired,
  setUserUnit,
  unitNameClash,
} from "./organizations";
import { organizations } from "./schema";

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  ({ db, cleanup } = seededDatabase());
});
afterEach(() => cleanup());

describe("units", () => {
  it("have one explicit home unit: the seeded district association, and never a second one", () => {
    const home = getHomeOrganization(db);
    expect(home).toMatchObject({ kind: "home", name: "攀枝花市西区科学技术协会", shortName: "西区", parentId: null });
    expect(() => db.insert(organizations).values({ code: "other", name: "另一个本单位", shortName: "另", kind: "home" }).run()).toThrow(/UNIQUE/);
  });

  it("list the home unit, then towns in the order added (each under the home unit), then peers by name", () => {
    const home = getHomeOrganization(db);
    const east = addUnit(db, { name: "攀枝花市东区", shortName: "东区", kind: "peer" });
    const first = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    const second = addUnit(db, { name: "清香坪街道", shortName: "清香坪", kind: "sub" });
    expect(listUnits(db).map((unit) => unit.id)).toEqual([home.id, first.id, second.id, east.id]);
    expect(first.parentId).toBe(home.id);
    expect(east.parentId).toBeNull();
    expect(second.sortOrder).toBeGreaterThan(first.sortOrder);
  });

  it("rename and retire towns and peers, never the home unit", () => {
    const home = getHomeOrganization(db);
    const town = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    expect(renameUnit(db, home.id, { name: "改名", shortName: "改" })).toBe(false);
    expect(setUnitRetired(db, home.id, "2026-10")).toBe(false);
    expect(renameUnit(db, town.id, { name: "格里坪镇人民政府", shortName: "格里坪" })).toBe(true);
    expect(setUnitRetired(db, town.id, "2026-10")).toBe(true);
    expect(listUnits(db, ["sub"])[0]).toMatchObject({ name: "格里坪镇人民政府", retiredFrom: "2026-10" });
  });

  it("are known to a bulletin by their names and aliases; towns never appear in one", () => {
    const home = getHomeOrganization(db);
    addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    const east = addUnit(db, { name: "攀枝花市东区", shortName: "东区", kind: "peer" });
    expect(addAlias(db, { organizationId: home.id, alias: "攀枝花市西区", createdBy: null })).toBe(true);
    expect(addAlias(db, { organizationId: home.id, alias: "攀枝花市西区", createdBy: null })).toBe(false);
    expect(listBulletinUnits(db)).toEqual([
      { unit: home.id, names: ["攀枝花市西区科学技术协会", "西区", "攀枝花市西区"] },
      { unit: east.id, names: ["攀枝花市东区", "东区"] },
    ]);
  });

  it("refuse a name that would make a bulletin's rows match two units, or a town named like another town", () => {
    const home = getHomeOrganization(db);
    const east = addUnit(db, { name: "攀枝花市东区", shortName: "东区", kind: "peer" });
    expect(unitNameClash(db, "peer", ["攀枝花市西区科协", "西区"], null)).toBe("“攀枝花市西区”已是“攀枝花市西区科学技术协会”的名称或别名：通报中将无法区分两个单位");
    expect(unitNameClash(db, "peer", ["东区"], home.id)).toBe("“东区”已是“攀枝花市东区”的名称或别名：通报中将无法区分两个单位");
    expect(unitNameClash(db, "peer", ["攀枝花市东区", "东区"], east.id)).toBeNull();
    addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    expect(unitNameClash(db, "sub", ["格里坪 镇", "格"], null)).toBe("已有镇街“格里坪镇”使用这个名称");
  });

  it("limit an account to one town, and lift the limit", () => {
    insertUsers(db, [{ id: "u1", name: "小李", username: "xiaoli", role: "staff" }]);
    const town = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    expect(getUserUnitId(db, "u1")).toBeNull();
    expect(setUserUnit(db, { userId: "u1", organizationId: town.id, assignedBy: "admin" })).toBe(true);
    expect(setUserUnit(db, { userId: "u1", organizationId: town.id, assignedBy: "admin" })).toBe(false);
    expect(getUserUnitId(db, "u1")).toBe(town.id);
    expect(setUserUnit(db, { userId: "u1", organizationId: null, assignedBy: "admin" })).toBe(true);
    expect(getUserUnitId(db, "u1")).toBeNull();
  });

  it("report, as a town, only the indicators chosen for towns, never a rank; a town's missing list is its own", () => {
    const town = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
    expect(listUnitIndicators(db, town)).toEqual([]);
    expect(setSubUnitIndicators(db, new Set(["nanny_new", "users_new", "popsci_volume_rank"]))).toEqual({ added: ["users_new", "nanny_new"], removed: [] });
    expect(listUnitIndicators(db, town).map((indicator) => indicator.key)).toEqual(["users_new", "nanny_new"]);
    expect(listUnitIndicators(db, getHomeOrganization(db)).length).toBeGreaterThan(20);
    expect(listMissingIndicators(db, town.id, "2026-10").map((indicator) => indicator.key)).toEqual(["users_new", "nanny_new"]);
    expect(setSubUnitIndicators(db, new Set(["nanny_new"]))).toEqual({ added: [], removed: ["users_new"] });
  });
});
