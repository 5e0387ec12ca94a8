import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Month } from "@/lib/periods";
import { dumpTables, insertUsers, seededDatabase } from "@/tests/support/database";
import { listIndicators } from "./catalog";
import type { Db } from "./client";
import {
  approveMonth,
  figuresAtRevision,
  getMonthStatus,
  listMissingIndicators,
  listMonthHistory,
  listMonthStandings,
  listMonthStatuses,
  listReturnedMonths,
  listSubmittedMonths,
  returnMonth,
  submitMonth,
  unlockMonth,
} from "./month-review";
import { getPeriodFigures } from "./observations";
import { isPeriodLocked, PeriodLockedError, setPeriodLock } from "./period-locks";
import { listPeriodRevisions, revertToRevision } from "./revisions";
import { saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;
// the real year: today is 27 November 2026 in Beijing, and October's figures are being reported
const now = new Date("2026-11-27T02:00:00Z");
const month: Month = "2026-10";

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [
    { id: "u-staff", name: "张三", username: "zhangsan", role: "staff" },
    { id: "u-leader", name: "李主任", username: "leader", role: "viewer" },
  ]);
});
afterEach(() => cleanup());

const save = (key: string, value: number | null, period: string = month) =>
  saveFigures(db, { organizationId, period, figures: new Map([[key, { value }]]), source: "form", changedBy: "u-staff" });
const allKeys = () => listIndicators(db).map((indicator) => indicator.key);
const submit = (confirmed: string[] = allKeys()) =>
  submitMonth(db, { organizationId, month, userId: "u-staff", confirmedMissing: confirmed, now });
/** The leader, who holds the reviewer grant, acting on October. */
const reviewer = () => ({ organizationId, month, userId: "u-leader", now });

describe("submitting a month", () => {
  it("lists every blank indicator and refuses until each is confirmed", () => {
    save("nanny_new", 36);
    const missing = listMissingIndicators(db, organizationId, month);
    expect(missing.map((item) => item.key)).not.toContain("nanny_new");
    expect(missing).toHaveLength(allKeys().length - 1);

    const refused = submit(missing.slice(1).map((item) => item.key));
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.message).toContain(missing[0]!.name);
    expect(getMonthStatus(db, organizationId, month)).toBe("in_progress");

    expect(submit(missing.map((item) => item.key))).toEqual({ ok: true, status: "submitted" });
    expect(listMonthHistory(db, organizationId, month)[0]).toMatchObject({ action: "submit", by: "张三", missingKeys: missing.map((item) => item.key) });
  });

  it("refuses the current month, which is not over yet", () => {
    const result = submitMonth(db, { organizationId, month: "2026-11", userId: "u-staff", confirmedMissing: allKeys(), now });
    expect(result.ok).toBe(false);
    expect(getMonthStatus(db, organizationId, "2026-11")).toBe("in_progress");
  });
});

describe("a submitted month", () => {
  beforeEach(() => {
    save("nanny_new", 36);
    save("users_new", 120);
    expect(submit().ok).toBe(true);
  });

  it("refuses staff edits and reverts, changing nothing, until it is returned", () => {
    const before = dumpTables(db);
    expect(() => save("nanny_new", 40)).toThrow(PeriodLockedError);
    expect(() => save("nanny_new", 40)).toThrow(expect.objectContaining({ state: "submitted" }));
    const first = listPeriodRevisions(db, organizationId, month).at(-1)!;
    expect(() => revertToRevision(db, { organizationId, revisionId: first.id, userId: "u-staff", expected: { value: 36, rankedUnits: null, valueAbove: null, valueBelow: null } })).toThrow(PeriodLockedError);
    expect(dumpTables(db)).toEqual(before);

    expect(returnMonth(db, { ...reviewer(), reason: "保姆式服务单数与台账不符" })).toEqual({ ok: true, status: "in_progress" });
    expect(save("nanny_new", 40)).toHaveLength(1);
    expect(listMonthHistory(db, organizationId, month)[0]).toMatchObject({ action: "return", reason: "保姆式服务单数与台账不符", by: "李主任" });
  });

  it("cannot be returned without a reason", () => {
    for (const reason of [undefined, "", "  "]) {
      const result = returnMonth(db, { ...reviewer(), reason });
      expect(result.ok).toBe(false);
    }
    expect(getMonthStatus(db, organizationId, month)).toBe("submitted");
  });

  it("leaves other months open", () => {
    expect(save("nanny_new", 30, "2026-09")).toHaveLength(1);
  });

  it("waits in the review queue with its submitter", () => {
    expect(listSubmittedMonths(db, organizationId)).toEqual([
      expect.objectContaining({ month, submittedBy: "张三", lastApproval: null }),
    ]);
  });
});

describe("an approved month", () => {
  beforeEach(() => {
    save("nanny_new", 36);
    expect(submit().ok).toBe(true);
    expect(approveMonth(db, reviewer())).toEqual({ ok: true, status: "approved" });
  });

  it("is locked through the period locks, so every write is refused", () => {
    expect(isPeriodLocked(db, organizationId, month)).toBe(true);
    expect(getMonthStatus(db, organizationId, month)).toBe("approved");
    expect(() => save("nanny_new", 40)).toThrow(expect.objectContaining({ state: "approved" }));
    expect(getPeriodFigures(db, organizationId, month).get("nanny_new")?.value).toBe(36);
    expect(listSubmittedMonths(db, organizationId)).toEqual([]);
  });

  it("cannot be returned or submitted again", () => {
    expect(returnMonth(db, { ...reviewer(), reason: "再看看" }).ok).toBe(false);
    expect(submit().ok).toBe(false);
  });

  it("needs a reason to be unlocked, and records who unlocked it and why", () => {
    expect(unlockMonth(db, { ...reviewer(), reason: " " }).ok).toBe(false);
    expect(isPeriodLocked(db, organizationId, month)).toBe(true);

    expect(unlockMonth(db, { ...reviewer(), reason: "省平台更正了排名" })).toEqual({ ok: true, status: "in_progress" });
    expect(isPeriodLocked(db, organizationId, month)).toBe(false);
    expect(save("nanny_new", 38)).toHaveLength(1);
    expect(listMonthHistory(db, organizationId, month).map((entry) => [entry.action, entry.by, entry.reason])).toEqual([
      ["unlock", "李主任", "省平台更正了排名"],
      ["approve", "李主任", null],
      ["submit", "张三", null],
    ]);
  });

  it("keeps the approved version, so a later resubmission shows what changed since", () => {
    unlockMonth(db, { ...reviewer(), reason: "更正" });
    save("nanny_new", 38);
    expect(submit().ok).toBe(true);
    const [queued] = listSubmittedMonths(db, organizationId);
    expect(queued?.lastApproval).not.toBeNull();
    const approved = figuresAtRevision(db, organizationId, month, queued!.lastApproval!.revisionMark);
    expect(approved.get("nanny_new")).toEqual({ value: 36, rankedUnits: null });
    expect(getPeriodFigures(db, organizationId, month).get("nanny_new")?.value).toBe(38);
  });
});

describe("a returned month", () => {
  beforeEach(() => {
    save("nanny_new", 36);
    save("users_new", 120);
    expect(submit().ok).toBe(true);
    expect(returnMonth(db, { ...reviewer(), reason: "保姆式服务单数与台账不符" }).ok).toBe(true);
  });

  it("is a to-do with the reviewer's reason until it is submitted again", () => {
    expect(listReturnedMonths(db, organizationId, now)).toEqual([expect.objectContaining({ month, reason: "保姆式服务单数与台账不符", by: "李主任" })]);
    expect(listMonthStandings(db, organizationId, "2026-09", "2026-11", now).get(month)).toMatchObject({ kind: "returned", label: "已退回" });
    save("nanny_new", 34);
    expect(submit().ok).toBe(true);
    expect(listReturnedMonths(db, organizationId, now)).toEqual([]);
  });

  it("keeps the figures as returned, so the resubmission shows what changed since the return", () => {
    save("nanny_new", 34);
    expect(submit().ok).toBe(true);
    const [queued] = listSubmittedMonths(db, organizationId);
    expect(queued?.lastApproval).toBeNull();
    expect(queued?.lastReturn).toMatchObject({ reason: "保姆式服务单数与台账不符", by: "李主任" });
    const returned = figuresAtRevision(db, organizationId, month, queued!.lastReturn!.revisionMark);
    expect(returned.get("nanny_new")).toEqual({ value: 36, rankedUnits: null });
    expect(returned.get("users_new")).toEqual({ value: 120, rankedUnits: null });
  });

  it("stands beside the running month and the document's baseline, each named once", () => {
    const standings = listMonthStandings(db, organizationId, "2023-12", "2026-11", now);
    expect(standings.get("2023-12")?.label).toBe("2023年基线（来自部门预算编制说明）");
    expect(standings.get("2026-11")?.label).toBe("本月进行中");
    expect(standings.get("2026-09")?.label).toBe("填报中");
  });
});

describe("month statuses", () => {
  it("count a month locked before the review flow existed as approved, and keep its lock events in the history", () => {
    setPeriodLock(db, { organizationId, month: "2025-01", locked: true, userId: "u-leader" });
    expect(getMonthStatus(db, organizationId, "2025-01")).toBe("approved");
    expect(listMonthStatuses(db, organizationId, "2025-01", "2025-12")).toEqual(new Map([["2025-01", "approved"]]));
    expect(listMonthHistory(db, organizationId, "2025-01")).toEqual([
      expect.objectContaining({ action: "lock", label: "锁定（未经审核流程）", by: "李主任" }),
    ]);
    expect(unlockMonth(db, { organizationId, month: "2025-01", userId: "u-leader", reason: "旧锁定解除", now }).ok).toBe(true);
    expect(getMonthStatus(db, organizationId, "2025-01")).toBe("in_progress");
  });

  it("are append-only in their history: the database refuses to rewrite or delete a step", () => {
    save("nanny_new", 36);
    submit();
    expect(() => db.$client.prepare("UPDATE month_events SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM month_events").run()).toThrow(/append-only/);
  });
});
