import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FigureValues } from "@/lib/figure-parts";
import { dumpTables, insertUsers, seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getPeriodFigures } from "./observations";
import { isPeriodLocked, listLockEvents, PeriodLockedError, setPeriodLock } from "./period-locks";
import { correctBaselineFigure, listRevisions, NotBaselineError, revertToRevision } from "./revisions";
import { BaselineProtectedError, FigureConflictError, saveFigures } from "./save-figures";

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
/** The figure as the indicator page shows it now, which its revert buttons carry. */
function shown(period: string, key = "nanny_new"): FigureValues {
  const figure = getPeriodFigures(db, organizationId, period).get(key);
  return { value: figure?.value ?? null, rankedUnits: figure?.rankedUnits ?? null, valueAbove: figure?.valueAbove ?? null, valueBelow: figure?.valueBelow ?? null };
}

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
    const changed = revertToRevision(db, { organizationId, revisionId: first.id, userId: "u-staff", expected: shown("2025-01") });
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
    revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff", expected: shown("2025-01") });
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(29);
    expect(blank.oldValue).toBeNull();
  });

  it("changes nothing when the value is already the one stored", () => {
    save("2025-01", 29);
    expect(revertToRevision(db, { organizationId, revisionId: history("2025-01")[0]!.id, userId: "u-staff", expected: shown("2025-01") })).toEqual([]);
    expect(history("2025-01")).toHaveLength(1);
  });
});

describe("reverting after someone else changed the figure", () => {
  it("is refused when the figure changed since the page showed it, writing nothing", () => {
    save("2025-01", 29);
    save("2025-01", 31);
    const page = shown("2025-01");
    save("2025-01", 40, "u-admin");
    const before = dumpTables(db);
    expect(() => revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff", expected: page })).toThrow(
      FigureConflictError,
    );
    expect(dumpTables(db)).toEqual(before);
  });

  it("is refused even when only the rank's N changed since, though the revert restores the place", () => {
    saveFigures(db, { organizationId, period: "2025-01", figures: new Map([["supply_total_rank", { value: 3, rankedUnits: 183 }]]), source: "form", changedBy: "u-staff" });
    saveFigures(db, { organizationId, period: "2025-01", figures: new Map([["supply_total_rank", { value: 2 }]]), source: "form", changedBy: "u-staff" });
    const page = shown("2025-01", "supply_total_rank");
    saveFigures(db, { organizationId, period: "2025-01", figures: new Map([["supply_total_rank", { value: 2, rankedUnits: 184 }]]), source: "form", changedBy: "u-admin" });
    const first = listRevisions(db, organizationId, getIndicatorByKey(db, "supply_total_rank")!.id, "2025-01").at(-1)!;
    let error: unknown;
    try {
      revertToRevision(db, { organizationId, revisionId: first.id, userId: "u-staff", expected: page });
    } catch (caught) {
      error = caught;
    }
    expect(error instanceof FigureConflictError && error.conflicts).toEqual([
      expect.objectContaining({ key: "supply_total_rank", part: "rankedUnits", theirs: 184, changedByName: "王主任" }),
    ]);
  });

  it("goes ahead when the figure is as the page showed it, keeping the 更正说明", () => {
    save("2025-01", 29);
    save("2025-01", 31);
    revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff", expected: shown("2025-01"), reason: "31 为误填" });
    expect(history("2025-01")[0]).toMatchObject({ oldValue: 31, newValue: 29, source: "revert", reason: "31 为误填" });
  });

  it("is refused for a figure of the 2023 baseline", () => {
    const seed = listRevisions(db, organizationId, getIndicatorByKey(db, "users_total")!.id, "2023-12")[0]!;
    correctBaselineFigure(db, { organizationId, key: "users_total", period: "2023-12", value: 14313, expected: 14312, reason: "复核", userId: "u-admin" });
    expect(() => revertToRevision(db, { organizationId, revisionId: seed.id, userId: "u-admin", expected: shown("2023-12", "users_total") })).toThrow(
      BaselineProtectedError,
    );
  });
});

describe("更正基线", () => {
  it("corrects one baseline figure with its reason, refusing a figure that is not baseline or changed since", () => {
    correctBaselineFigure(db, { organizationId, key: "users_new", period: "2023", value: 3919, expected: 3918, reason: "文件笔误", userId: "u-admin" });
    expect(getPeriodFigures(db, organizationId, "2023").get("users_new")?.value).toBe(3919);
    expect(() =>
      correctBaselineFigure(db, { organizationId, key: "users_new", period: "2023", value: 3920, expected: 3918, reason: "再改", userId: "u-admin" }),
    ).toThrow(FigureConflictError);
    expect(() =>
      correctBaselineFigure(db, { organizationId, key: "nanny_new", period: "2025-01", value: 1, expected: null, reason: "x", userId: "u-admin" }),
    ).toThrow(NotBaselineError);
  });
});

describe("period locks", () => {
  it("refuse saving and reverting in a locked month, leaving figures and history as they were", () => {
    save("2025-01", 29);
    save("2025-01", 31);
    setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-admin" });
    expect(() => save("2025-01", 40)).toThrow(PeriodLockedError);
    expect(() => revertToRevision(db, { organizationId, revisionId: history("2025-01").at(-1)!.id, userId: "u-staff", expected: shown("2025-01") })).toThrow(
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
