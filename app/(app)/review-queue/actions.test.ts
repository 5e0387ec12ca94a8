import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentTime } from "@/lib/clock";
import { addMonths, monthOfDate } from "@/lib/periods";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { fileFingerprint } from "@/tests/support/database";
import { loadEntryForm, typedInto } from "@/tests/support/forms";
import { getDb } from "@/db/client";
import { getMonthStatus, listMissingIndicators, listMonthHistory } from "@/db/month-review";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { isPeriodLocked } from "@/db/period-locks";
import { setUserGrant } from "@/db/user-grants";
import type { EntryState } from "@/app/(app)/entry/[month]/entry-state";
import type { MonthStepState } from "./actions";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { submitMonthForReview, returnMonthForCorrection, approveMonthReview, unlockApprovedMonth } = await import("./actions");
const { saveMonth } = await import("@/app/(app)/entry/[month]/actions");

// the real year: the month being reported is the one before today's (whatever day KEPU_TODAY names)
const MONTH = addMonths(monthOfDate(currentTime()), -1);
const idle: MonthStepState = { status: "idle", message: "", reason: "" };
const entryIdle: EntryState = { status: "idle", message: "", values: {}, bases: {}, fieldErrors: {}, conflicts: [] };
let cleanup: () => void;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("zhangsan", "staff", "张三");
  const leader = await addAccount("leader", "viewer", "李主任");
  setUserGrant(getDb(), { userId: leader.id, grant: "reviewer", held: true, grantedBy: leader.id });
});
afterAll(() => cleanup());

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}
const organizationId = () => getHomeOrganization(getDb()).id;
function fingerprint(): string {
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  return fileFingerprint(process.env.DATABASE_PATH ?? "");
}
const missingKeys = () => listMissingIndicators(getDb(), organizationId(), MONTH).map((item) => item.key);

describe("a month's review through the actions", () => {
  it("lets staff submit only with every blank indicator confirmed", async () => {
    await signInAs("zhangsan");
    expect((await saveMonth(entryIdle, typedInto(loadEntryForm(MONTH), { nanny_new: "36", users_new: "120" }))).status).toBe("saved");
    const partly = await submitMonthForReview(idle, form({ month: MONTH, confirmMissing: missingKeys().slice(1) }));
    expect(partly.status).toBe("invalid");
    expect(partly.message).toContain("请逐项确认");
    const submitted = await submitMonthForReview(idle, form({ month: MONTH, confirmMissing: missingKeys() }));
    expect(submitted).toMatchObject({ status: "done", message: expect.stringContaining("等待审核") });
    expect(getMonthStatus(getDb(), organizationId(), MONTH)).toBe("submitted");
  });

  it("refuses the staff's edits while the month is submitted, keeping what they typed", async () => {
    const before = fingerprint();
    const state = await saveMonth(entryIdle, typedInto(loadEntryForm(MONTH), { nanny_new: "40" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("已提交审核"), values: { nanny_new: "40" } });
    expect(fingerprint()).toBe(before);
  });

  it("does not let staff approve their own month", async () => {
    expect((await approveMonthReview(idle, form({ month: MONTH }))).status).toBe("refused");
  });

  it("lets the reviewer return it only with a reason, and staff can then correct it", async () => {
    await signInAs("leader");
    const blank = await returnMonthForCorrection(idle, form({ month: MONTH, reason: "   " }));
    expect(blank.status).toBe("invalid");
    expect(getMonthStatus(getDb(), organizationId(), MONTH)).toBe("submitted");
    expect((await returnMonthForCorrection(idle, form({ month: MONTH, reason: "保姆式服务单数与台账不符" }))).status).toBe("done");

    await signInAs("zhangsan");
    expect((await saveMonth(entryIdle, typedInto(loadEntryForm(MONTH), { nanny_new: "38", users_new: "120" }))).status).toBe("saved");
    expect((await submitMonthForReview(idle, form({ month: MONTH, confirmMissing: missingKeys() }))).status).toBe("done");
  });

  it("locks the month when the reviewer approves it; an unlock needs a reason and is recorded", async () => {
    await signInAs("leader");
    expect((await approveMonthReview(idle, form({ month: MONTH }))).status).toBe("done");
    expect(isPeriodLocked(getDb(), organizationId(), MONTH)).toBe(true);

    await signInAs("zhangsan");
    const locked = await saveMonth(entryIdle, typedInto(loadEntryForm(MONTH), { nanny_new: "41" }));
    expect(locked).toMatchObject({ status: "refused", message: expect.stringContaining("已锁定") });
    expect((await unlockApprovedMonth(idle, form({ month: MONTH, reason: "想改" }))).status).toBe("refused");

    await signInAs("leader");
    const noReason = await unlockApprovedMonth(idle, form({ month: MONTH, reason: "" }));
    expect(noReason).toMatchObject({ status: "invalid", message: expect.stringContaining("原因") });
    expect(isPeriodLocked(getDb(), organizationId(), MONTH)).toBe(true);
    expect((await unlockApprovedMonth(idle, form({ month: MONTH, reason: "省平台更正了排名" }))).status).toBe("done");
    expect(isPeriodLocked(getDb(), organizationId(), MONTH)).toBe(false);

    expect(listMonthHistory(getDb(), organizationId(), MONTH).map((entry) => [entry.action, entry.by, entry.reason])).toEqual([
      ["unlock", "李主任", "省平台更正了排名"],
      ["approve", "李主任", null],
      ["submit", "张三", null],
      ["return", "李主任", "保姆式服务单数与台账不符"],
      ["submit", "张三", null],
    ]);
    expect(getPeriodFigures(getDb(), organizationId(), MONTH).get("nanny_new")?.value).toBe(38);
  });

  it("answers a malformed month with a Chinese message and changes nothing", async () => {
    const before = fingerprint();
    expect(await approveMonthReview(idle, form({ month: "2026-13" }))).toMatchObject({ status: "invalid", message: expect.stringContaining("月份无效") });
    expect(fingerprint()).toBe(before);
  });
});
