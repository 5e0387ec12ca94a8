import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditFilter } from "@/lib/audit";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import { listAuditEntries, recordAudit } from "./audit";
import type { Db } from "./client";
import { saveComments } from "./comments";
import { approveMonth, submitMonth } from "./month-review";
import { setPeriodLock } from "./period-locks";
import { saveFigures } from "./save-figures";
import { listIndicators } from "./catalog";

let db: Db;
let cleanup: () => void;
let organizationId: number;
const all: AuditFilter = { area: null, userId: null, from: null, to: null, month: null };
const at = (text: string) => new Date(`${text}+08:00`);

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [
    { id: "u-staff", name: "张三", username: "zhangsan", role: "staff" },
    { id: "u-admin", name: "王管理", username: "admin", role: "admin" },
  ]);
  saveFigures(db, { organizationId, period: "2026-10", figures: new Map([["nanny_new", { value: 36 }]]), source: "form", changedBy: "u-staff", now: at("2026-11-02T09:00:00") });
  saveFigures(db, { organizationId, period: "2026-10", figures: new Map([["nanny_new", { value: 38 }]]), source: "form", changedBy: "u-staff", now: at("2026-11-03T09:00:00") });
  saveComments(db, { organizationId, period: "2026-Q4", entries: [{ indicatorKey: "", topic: "overall", body: "=HYPERLINK(\"x\")总体平稳" }], userId: "u-staff", now: at("2026-11-03T10:00:00") });
  const keys = listIndicators(db).map((indicator) => indicator.key);
  submitMonth(db, { organizationId, month: "2026-10", userId: "u-staff", confirmedMissing: keys, now: at("2026-11-04T09:00:00") });
  approveMonth(db, { organizationId, month: "2026-10", userId: "u-admin", now: at("2026-11-05T09:00:00") });
  setPeriodLock(db, { organizationId, month: "2025-06", locked: true, userId: "u-admin", now: at("2026-11-05T10:00:00") });
  recordAudit(db, { action: "account.role", subject: "张三（zhangsan）", detail: "角色：只读 → 工作人员", userId: "u-admin", now: at("2026-11-06T09:00:00") });
  recordAudit(db, { action: "target.set", subject: "2026年“促成“保姆式”服务单数”目标", detail: "月均不少于 34单（省科协要求）", userId: "u-admin", organizationId, now: at("2026-11-06T10:00:00") });
});
afterEach(() => cleanup());

const list = (filter: Partial<AuditFilter> = {}, limit = 50, offset = 0) =>
  listAuditEntries(db, { organizationId, filter: { ...all, ...filter }, limit, offset });

describe("the audit list", () => {
  it("holds every kind of change in one list, newest first, in Chinese", () => {
    // the seed (the baseline, written by nobody) is left aside
    const recent = list({}, 200).entries.filter((entry) => entry.who !== null);
    expect(recent.map((entry) => [entry.area, entry.action, entry.who])).toEqual([
      ["targets", "设定目标", "王管理"],
      ["accounts", "修改角色", "王管理"],
      ["locks", "锁定", "王管理"],
      ["reviews", "审核通过（锁定）", "王管理"],
      ["reviews", "提交审核", "张三"],
      ["comments", "填写说明", "张三"],
      ["figures", "修改数值", "张三"],
      ["figures", "填报数值", "张三"],
    ]);
    expect(recent.find((entry) => entry.action === "修改数值")).toMatchObject({ subject: "促成“保姆式”服务单数", period: "2026年10月", detail: "36单 → 38单（月度填报）" });
  });

  it("includes the seed's baseline as changes made by the system", () => {
    const seeded = list({ area: "figures" }, 1000).entries.filter((entry) => entry.period === "2023年12月");
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((entry) => entry.who === null)).toBe(true);
  });

  it("filters by kind, person, Beijing days and month", () => {
    expect(list({ area: "reviews" }).entries.map((entry) => entry.action)).toEqual(["审核通过（锁定）", "提交审核"]);
    expect(list({ userId: "u-staff" }).entries.every((entry) => entry.who === "张三")).toBe(true);
    expect(list({ from: "2026-11-05", to: "2026-11-05" }).entries.map((entry) => entry.action)).toEqual(["锁定", "审核通过（锁定）"]);
    const october = list({ month: "2026-10" }).entries.map((entry) => entry.area);
    expect(new Set(october)).toEqual(new Set(["figures", "reviews", "comments"]));
  });

  it("pages through the list without losing or repeating an entry", () => {
    const whole = list({}, 1000).entries.map((entry) => entry.id);
    const pages = [0, 1, 2, 3].flatMap((page) => list({}, 3, page * 3).entries.map((entry) => entry.id));
    expect(pages).toEqual(whole.slice(0, 12));
    expect(list({}, 3).more).toBe(true);
  });

  it("cannot be rewritten: the database refuses to change or delete an audit record", () => {
    expect(() => db.$client.prepare("UPDATE audit_events SET detail = ''").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
  });
});
