import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getPeriodFigures } from "./observations";
import { isPeriodLocked, listLockEvents, PeriodLockedError, setPeriodLock } from "./period-locks";
import { listRevisions, revertToRevision } from "./revisions";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [
    { id: "u-staff", name: "张三", username: "zhangsan", role: "staff" },
    { id: "u-admin", name: "王主任", username: "wang", role: "admin" },
  ]);
});
afterEach(() => cleanup());

const save = (period: string, value: number | null, changedBy = "u-staff") =>
  saveFigures(db, { organizationId, period, figures: new Map([["nanny_new", { value }]]), source: "form", changedBy });
const history = (period: string) => listRevisions(db, organizationId, getIndicatorByKey(db, "nanny_new")!.id, period);

describe("revisions", () => {
  it("carry the user who made the change", () => {
    save("2025-01", 29);
    expect(history("2025-01")[0]).toMatchObject({ changedBy: "u-staff", changedByName: "张三", changedByUsername: "zhangsan" });
  });

  it("show the seed's baseline figures as made by nobody (the system)", () => {
    const baseline = listRevisions(db, organizationId, getIndicatorByKey(db, "users_total")!.id, "2023-12");
    expect(baseline).toEqual([expect.objectContaining({ source: "seed", changedBy: null, changedByName: null, newValue: 14312 })]);
  });
});

describe("reverting", () => {
  it("puts back an earlier value and records the revert as a revision of its own", () => {
    save("2025-01", 29);
    save("2025-01", 92, "u-admin");
    const first = history("2025-01").at(-1)!;
    const changed = revertToRevision(db, { organizationId, revisionId: first.id, userId: "u-staff" });
    expect(changed).toEqual([{ key: "nanny_new", oldValue: 92, newValue: 29 }]);
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(29);
    expect(history("2025-01").map((r) => [r.oldValue, r.newValue, r.source])).toEqual([
      [92, 29, "revert"],
      [29, 92, "form"],
      [null, 29, "form"],
    ]);
  });

  it("can put back a blank (not reported)", () => {
    save("2025-01", 29);
    const blank = history("2025-01")[0]!;
    save("2025-01", null);
    save("2025-01", 40);
    revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff" });
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(29);
    expect(blank.oldValue).toBeNull();
  });

  it("changes nothing when the value is already the one stored", () => {
    save("2025-01", 29);
    expect(revertToRevision(db, { organizationId, revisionId: history("2025-01")[0]!.id, userId: "u-staff" })).toEqual([]);
    expect(history("2025-01")).toHaveLength(1);
  });
});

describe("period locks", () => {
  it("refuse saving and reverting in a locked month, leaving figures and history as they were", () => {
    save("2025-01", 29);
    save("2025-01", 31);
    setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-admin" });
    expect(() => save("2025-01", 40)).toThrow(PeriodLockedError);
    expect(() => revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff" })).toThrow(
      PeriodLockedError,
    );
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(31);
    expect(history("2025-01")).toHaveLength(2);
  });

  it("leave other months open", () => {
    setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-admin" });
    expect(save("2025-02", 40)).toHaveLength(1);
  });

  it("lock a year's whole-year figures with its December", () => {
    setPeriodLock(db, { organizationId, month: "2023-12", locked: true, userId: "u-admin" });
    expect(isPeriodLocked(db, organizationId, "2023")).toBe(true);
    expect(() =>
      saveFigures(db, { organizationId, period: "2023", figures: new Map([["users_new", { value: 1 }]]), source: "form", changedBy: "u-admin" }),
    ).toThrow(PeriodLockedError);
  });

  it("record who locked and unlocked, and allow changes again once unlocked", () => {
    setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-admin" });
    expect(setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-admin" })).toBe(false);
    setPeriodLock(db, { organizationId, month: "2025-01", locked: false, userId: "u-admin" });
    expect(listLockEvents(db, organizationId).map((e) => [e.action, e.by, e.month])).toEqual([
      ["unlock", "王主任", "2025-01"],
      ["lock", "王主任", "2025-01"],
    ]);
    expect(save("2025-01", 40)).toHaveLength(1);
  });
});
