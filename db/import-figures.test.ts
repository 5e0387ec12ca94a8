import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareMonth } from "@/lib/compare";
import { readCommitPayload, commitPayload } from "@/lib/sheet/commit-payload";
import { planImport } from "@/lib/sheet/plan";
import { previewImport, type ImportPreview } from "@/lib/sheet/preview";
import { readPaste } from "@/lib/sheet/read-file";
import { TODAY } from "@/lib/sheet/test-support";
import { dumpTables, insertUsers, seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey, listIndicators, toDefinition } from "./catalog";
import type { Db } from "./client";
import { ImportConflictError, saveImportedFigures, storedLookup } from "./import-figures";
import { listFigures, getPeriodFigures } from "./observations";
import { listMissingIndicators, submitMonth } from "./month-review";
import { PeriodLockedError, setPeriodLock } from "./period-locks";
import { listRevisions } from "./revisions";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [{ id: "u-staff", name: "张三", username: "zhangsan", role: "staff" }]);
  // 2026 as it stands: January to October reported by the form, except March
  for (let m = 1; m <= 10; m += 1) {
    if (m === 3) continue;
    save(`2026-${String(m).padStart(2, "0")}`, { nanny_new: 30 + m, users_total: 16000 + m * 100 });
  }
});
afterEach(() => cleanup());

function save(period: string, figures: Record<string, number>) {
  saveFigures(db, {
    organizationId,
    period,
    figures: new Map(Object.entries(figures).map(([key, value]) => [key, { value }])),
    source: "form",
    changedBy: "u-staff",
  });
}

function catalog() {
  return listIndicators(db).map(toDefinition);
}

function preview(text: string): ImportPreview {
  const read = readPaste(text);
  if (!read.ok) throw new Error(read.message);
  const planned = planImport(read.sheets, catalog(), TODAY);
  if (!planned.ok) throw new Error(planned.message);
  return previewImport(planned.plan, catalog(), storedLookup(db, organizationId));
}

function commit(shown: ImportPreview, fileName = "2026年数据.xlsx") {
  const read = readCommitPayload(commitPayload(shown, fileName, catalog()), catalog(), TODAY);
  if (!read.ok) throw new Error(read.message);
  return saveImportedFigures(db, { organizationId, batches: read.batches, fileName: read.fileName, changedBy: "u-staff" });
}

function revisionsOf(key: string, period: string) {
  const indicator = getIndicatorByKey(db, key);
  if (!indicator) throw new Error(key);
  return listRevisions(db, organizationId, indicator.id, period);
}

const SHEET = "指标\t2026-02\t2026-03\t2026-04\nnanny_new\t32\t34\t44\nusers_total\t16200\t16300\t16400\n";

describe("committing an import", () => {
  it("writes the new and changed figures, one revision each, from the import with its file name", () => {
    const shown = preview(SHEET);
    expect(shown.counts).toEqual({ new: 2, changed: 1, unchanged: 3, submitted: 0, locked: 0 });
    const changed = commit(shown);
    expect(changed).toHaveLength(3);
    expect(getPeriodFigures(db, organizationId, "2026-03").get("nanny_new")?.value).toBe(34);
    expect(getPeriodFigures(db, organizationId, "2026-04").get("nanny_new")?.value).toBe(44);
    expect(revisionsOf("nanny_new", "2026-04")[0]).toMatchObject({
      oldValue: 34,
      newValue: 44,
      source: "import",
      changedBy: "u-staff",
      note: "导入文件：2026年数据.xlsx",
    });
    expect(revisionsOf("nanny_new", "2026-02")).toHaveLength(1); // unchanged: no revision added
  });

  it("re-importing the same file changes nothing", () => {
    commit(preview(SHEET));
    const before = dumpTables(db);
    const again = preview(SHEET);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 6, submitted: 0, locked: 0 });
    expect(again.canCommit).toBe(false);
    expect(dumpTables(db)).toEqual(before);
  });

  it("is all or nothing: a locked month refuses the whole import", () => {
    const shown = preview(SHEET);
    setPeriodLock(db, { organizationId, month: "2026-04", locked: true, userId: "u-staff" });
    const before = dumpTables(db);
    expect(() => commit(shown)).toThrow(PeriodLockedError);
    expect(dumpTables(db)).toEqual(before);
    // and the preview made now marks the locked month's change and leaves it out of what it would write
    const now = preview(SHEET);
    expect(now.items.find((item) => item.period === "2026-04" && item.key === "nanny_new")?.status).toBe("locked");
    expect(now.canCommit).toBe(true);
    expect(JSON.parse(commitPayload(now, "a.xlsx", catalog())).items.map((item: { period: string }) => item.period)).not.toContain("2026-04");
  });

  it("leaves a month submitted for review out of the preview's writes and imports the rest", () => {
    const confirmedMissing = listMissingIndicators(db, organizationId, "2026-04").map((indicator) => indicator.key);
    expect(submitMonth(db, { organizationId, month: "2026-04", userId: "u-staff", confirmedMissing }).ok).toBe(true);
    const shown = preview(SHEET);
    expect(shown.items.filter((item) => item.period === "2026-04").map((item) => [item.key, item.status])).toEqual(expect.arrayContaining([["nanny_new", "submitted"], ["users_total", "unchanged"]]));
    expect(shown.counts).toMatchObject({ new: 2, changed: 0, submitted: 1, locked: 0 });
    const changed = commit(shown);
    expect(changed.map((figure) => figure.key).sort()).toEqual(["nanny_new", "users_total"]);
    expect(getPeriodFigures(db, organizationId, "2026-03").get("nanny_new")?.value).toBe(34);
    expect(getPeriodFigures(db, organizationId, "2026-04").get("nanny_new")?.value).toBe(34);
  });

  it("catches a figure changed by someone else between the preview and the commit, and writes nothing", () => {
    const shown = preview(SHEET);
    save("2026-04", { nanny_new: 50 });
    const before = dumpTables(db);
    let caught: unknown;
    try {
      commit(shown);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportConflictError);
    expect(caught instanceof ImportConflictError ? caught.conflicts : []).toEqual([
      { period: "2026-04", key: "nanny_new", expected: { value: 34, rankedUnits: null, valueAbove: null, valueBelow: null }, actual: { value: 50, rankedUnits: null, valueAbove: null, valueBelow: null } },
    ]);
    expect(dumpTables(db)).toEqual(before);
  });

  it("catches a figure someone else entered first where the preview showed none", () => {
    const shown = preview(SHEET);
    save("2026-03", { nanny_new: 33 });
    expect(() => commit(shown)).toThrow(ImportConflictError);
    expect(getPeriodFigures(db, organizationId, "2026-03").get("nanny_new")?.value).toBe(33);
  });

  it("refuses a commit whose payload was tampered with, before anything is written", () => {
    const payload = JSON.parse(commitPayload(preview(SHEET), "a.xlsx", catalog()));
    const first = payload.items[0];
    first.fields[first.key] = "3.5";
    expect(readCommitPayload(JSON.stringify(payload), catalog(), TODAY)).toMatchObject({ ok: false });
    first.fields[first.key] = "35";
    first.period = "2026-12";
    expect(readCommitPayload(JSON.stringify(payload), catalog(), TODAY)).toEqual({ ok: false, message: "2026年12月尚未到来，不能导入未来月份的数据。本次未写入任何数据。" });
    expect(readCommitPayload("not json", catalog(), TODAY)).toMatchObject({ ok: false });
  });
});

describe("back-filling earlier years", () => {
  it("stores 2025's months and whole-year flows as they are, so 同比 works for 2026", () => {
    const shown = preview(["指标\t2025年9月\t2025年10月\t2025年全年", "nanny_new\t28\t30\t360", "users_total\t15000\t15100\t"].join("\n"));
    expect(shown.problems).toEqual([]);
    commit(shown);
    expect(getPeriodFigures(db, organizationId, "2025").get("nanny_new")?.value).toBe(360);
    // the whole-year figure is never spread over months
    expect(listFigures(db, organizationId, "2025-01", "2025-08")).toEqual([]);
    const series = new Map(listFigures(db, organizationId, "2025", "2026-12").filter((f) => f.key === "nanny_new").map((f) => [f.period, f.value]));
    const october = compareMonth({ kind: "flow", decimals: 0 }, series, "2026-10");
    expect(october.yearOnYear).toMatchObject({ delta: 10, reason: null });
  });
});
