import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { fileFingerprint } from "@/tests/support/database";
import { getDb } from "@/db/client";
import { getIndicatorByKey } from "@/db/catalog";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { setPeriodLock } from "@/db/period-locks";
import { listRevisions } from "@/db/revisions";
import type { EntryState } from "./entry-state";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonth } = await import("./actions");

const idle: EntryState = { status: "idle", message: "", values: {}, fieldErrors: {} };
let cleanup: () => void;
let staffId: string;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: true });
  staffId = (await addAccount("zhangsan", "staff", "张三")).id;
  await addAccount("boss", "admin");
  await signInAs("zhangsan");
});
afterAll(() => cleanup());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** The database file with its write-ahead log folded in, so that unchanged bytes mean unchanged data. */
function fingerprint(): string {
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  return fileFingerprint(process.env.DATABASE_PATH ?? "");
}

const organizationId = () => getHomeOrganization(getDb()).id;

describe("the monthly save action", () => {
  it("refuses an invalid submission with every field's Chinese message, keeps the input and leaves the file byte-for-byte unchanged", async () => {
    const before = fingerprint();
    const typed = { nanny_new: "abc", users_new: "-3", popsci_coverage_rate: "120", supply_new: "70" };
    const state = await saveMonth(idle, form({ month: "2024-03", ...typed }));
    expect(state.status).toBe("invalid");
    expect(state.message).toContain("本次未保存任何数据");
    expect(state.fieldErrors).toEqual({
      nanny_new: ["请输入数字，例如 12"],
      users_new: ["不能为负数"],
      popsci_coverage_rate: ["百分比应在 0 到 100 之间"],
    });
    expect(state.values).toEqual(typed);
    expect(fingerprint()).toBe(before);
  });

  it("refuses a month in the future and writes nothing", async () => {
    const before = fingerprint();
    const state = await saveMonth(idle, form({ month: "2099-01", nanny_new: "34" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("不能填报未来月份") });
    expect(fingerprint()).toBe(before);
  });

  it("refuses a malformed month and writes nothing", async () => {
    const before = fingerprint();
    expect((await saveMonth(idle, form({ month: "2024-13", nanny_new: "34" }))).status).toBe("refused");
    expect(fingerprint()).toBe(before);
  });

  it("records the signed-in user on each revision it writes", async () => {
    const state = await saveMonth(idle, form({ month: "2025-01", nanny_new: "29", users_total: "18,559" }));
    expect(state.status).toBe("saved");
    expect(state.values.users_total).toBe("18559");
    const db = getDb();
    const revisions = listRevisions(db, organizationId(), getIndicatorByKey(db, "nanny_new")!.id, "2025-01");
    expect(revisions).toEqual([expect.objectContaining({ newValue: 29, changedBy: staffId, changedByName: "张三", source: "form" })]);
  });

  it("refuses every change to a locked month, keeping what was typed, until it is unlocked", async () => {
    const db = getDb();
    const boss = db.$client.prepare("SELECT id FROM users WHERE username = 'boss'").get() as { id: string };
    setPeriodLock(db, { organizationId: organizationId(), month: "2025-01", locked: true, userId: boss.id });
    const before = fingerprint();
    const state = await saveMonth(idle, form({ month: "2025-01", nanny_new: "35" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("已锁定"), values: { nanny_new: "35" } });
    expect(fingerprint()).toBe(before);

    setPeriodLock(db, { organizationId: organizationId(), month: "2025-01", locked: false, userId: boss.id });
    expect((await saveMonth(idle, form({ month: "2025-01", nanny_new: "35" }))).status).toBe("saved");
    expect(getPeriodFigures(db, organizationId(), "2025-01").get("nanny_new")?.value).toBe(35);
  });
});
