import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { currentTime } from "@/lib/clock";
import { addMonths, monthOfDate, monthParts, type Month } from "@/lib/periods";
import { addAccount, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { fingerprint, form, loadEntryForm, typedInto } from "@/tests/support/forms";
import { getDb } from "@/db/client";
import { addIndicator, getIndicatorByKey, setIndicatorActive } from "@/db/catalog";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { setPeriodLock } from "@/db/period-locks";
import { listRevisions } from "@/db/revisions";
import type { EntryState } from "./entry-state";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonth } = await import("./actions");

/** Months of the real year (no demo here), counted back from the current month so they are over on any day. */
const CURRENT = monthOfDate(currentTime());
const SHARED_MONTHS: Month[] = [1, 2, 3, 4, 5].map((back) => addMonths(CURRENT, -back));
const RANKED_MONTH = addMonths(CURRENT, -6);
const NOTED_MONTH = addMonths(CURRENT, -7);

const idle: EntryState = { status: "idle", message: "", values: {}, bases: {}, fieldErrors: {}, conflicts: [] };
let cleanup: () => void;
let staffId: string;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  staffId = (await addAccount("zhangsan", "staff", "张三")).id;
  await addAccount("boss", "admin");
  await addAccount("wangfang", "staff", "王芳");
  await addAccount("liuyang", "staff", "刘洋");
  await signInAs("zhangsan");
});
afterAll(() => cleanup());

/** Open the month's form as the page would, type over some fields, and save it. */
const enter = (month: string, typed: Record<string, string>) => saveMonth(idle, typedInto(loadEntryForm(month), typed));

const organizationId = () => getHomeOrganization(getDb()).id;

describe("the monthly save action", () => {
  it("refuses an invalid submission with every field's Chinese message, keeps the input and leaves the file byte-for-byte unchanged", async () => {
    const before = fingerprint();
    const typed = { nanny_new: "abc", users_new: "-3", popsci_coverage_rate: "120", supply_new: "70" };
    const loaded = loadEntryForm("2024-03");
    const state = await saveMonth(idle, typedInto(loaded, typed));
    expect(state.status).toBe("invalid");
    expect(state.message).toContain("本次未保存任何数据");
    expect(state.fieldErrors).toEqual({
      nanny_new: ["请输入数字，例如 12"],
      users_new: ["不能为负数"],
      popsci_coverage_rate: ["百分比应在 0 到 100 之间"],
    });
    expect(state.values).toMatchObject(typed);
    // what the form showed when it loaded travels back unchanged, so the retry still knows it
    expect(state.bases.nanny_new).toBe(loaded.nanny_new);
    expect(fingerprint()).toBe(before);
  });

  it("refuses a month in the future and writes nothing", async () => {
    const before = fingerprint();
    const state = await saveMonth(idle, form({ month: addMonths(CURRENT, 1), nanny_new: "34" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("不能填报未来月份") });
    expect(fingerprint()).toBe(before);
  });

  it("refuses a malformed month and writes nothing", async () => {
    const before = fingerprint();
    expect((await saveMonth(idle, form({ month: "2024-13", nanny_new: "34" }))).status).toBe("refused");
    expect(fingerprint()).toBe(before);
  });

  it("records the signed-in user on each revision it writes", async () => {
    const state = await enter("2025-01", { nanny_new: "29", users_total: "18,559" });
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
    const state = await enter("2025-01", { nanny_new: "35" });
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("已锁定"), values: { nanny_new: "35" } });
    expect(fingerprint()).toBe(before);

    setPeriodLock(db, { organizationId: organizationId(), month: "2025-01", locked: false, userId: boss.id });
    expect((await enter("2025-01", { nanny_new: "35" })).status).toBe("saved");
    expect(getPeriodFigures(db, organizationId(), "2025-01").get("nanny_new")?.value).toBe(35);
  });
});

const figure = (month: string, key: string) => getPeriodFigures(getDb(), organizationId(), month).get(key);
const history = (month: string, key: string) => listRevisions(getDb(), organizationId(), getIndicatorByKey(getDb(), key)!.id, month);

/** Save as `username`, from a form loaded earlier. */
async function saveAs(username: string, loaded: Record<string, string>, typed: Record<string, string>) {
  await signInAs(username);
  return saveMonth(idle, typedInto(loaded, typed));
}

describe("two people saving the same month (a month of the real year)", () => {
  // each test works on a month of its own, set up as 王芳 and 刘洋 find it: 新增达成交易 2, 新增发布科技所需 150
  const months = [...SHARED_MONTHS];
  let month: Month;
  beforeEach(async () => {
    const next = months.shift();
    if (!next) throw new Error("more tests than months set aside for them");
    month = next;
    await saveAs("zhangsan", loadEntryForm(month), { deals_new: "2", demand_new: "150" });
  });

  it("stores both when 刘洋 changes 新增达成交易 and 王芳 then changes only 新增发布科技所需, and shows her his figure", async () => {
    const hers = loadEntryForm(month);
    expect((await saveAs("liuyang", loadEntryForm(month), { deals_new: "4" })).status).toBe("saved");
    const state = await saveAs("wangfang", hers, { demand_new: "160" });

    expect(state.status).toBe("saved");
    expect(state.message).toContain("更新 1 项指标");
    expect(state.message).toContain("另有 1 项在您打开本页后已被他人更新，表中已显示最新值：新增达成交易");
    expect(state.values.deals_new).toBe("4");
    expect(state.bases.deals_new).toBe("4");
    expect(figure(month, "deals_new")?.value).toBe(4);
    expect(figure(month, "demand_new")?.value).toBe(160);
    expect(history(month, "deals_new").map((r) => [r.oldValue, r.newValue, r.changedByName])).toEqual([
      [2, 4, "刘洋"],
      [null, 2, "张三"],
    ]);
  });

  it("never deletes a figure that was blank when her form loaded and that he filled since", async () => {
    const hers = loadEntryForm(month);
    await saveAs("liuyang", loadEntryForm(month), { nanny_new: "31" });
    expect((await saveAs("wangfang", hers, { demand_new: "160" })).status).toBe("saved");
    expect(figure(month, "nanny_new")?.value).toBe(31);
  });

  it("refuses her change to the figure he changed first: nothing written, his name, time and value shown, her input kept", async () => {
    const hers = loadEntryForm(month);
    await saveAs("liuyang", loadEntryForm(month), { deals_new: "4" });
    await signInAs("wangfang");
    const before = fingerprint();

    const state = await saveMonth(idle, typedInto(hers, { deals_new: "5", demand_new: "160" }));

    expect(state.status).toBe("conflict");
    expect(state.conflicts).toEqual([
      { field: "deals_new", label: "新增达成交易", mine: "5", theirs: "4", message: expect.stringMatching(/^已被 刘洋 于 \d\d:\d\d 修改为 4$/) },
    ]);
    expect(state.values).toMatchObject({ deals_new: "5", demand_new: "160" });
    expect(state.bases.deals_new).toBe("2");
    expect(fingerprint()).toBe(before);

    // 保留我的值: the same form again, with his value as what she saw
    const kept = await saveAs("wangfang", { ...hers, base__deals_new: "4" }, { deals_new: "5", demand_new: "160" });
    expect(kept.status).toBe("saved");
    expect(figure(month, "deals_new")?.value).toBe(5);
    expect(figure(month, "demand_new")?.value).toBe(160);
  });

  it("reverts nothing when a form captured before others saved is posted again", async () => {
    const captured = loadEntryForm(month);
    await saveAs("liuyang", loadEntryForm(month), { deals_new: "4", demand_new: "170", nanny_new: "33" });
    await signInAs("wangfang");
    const before = fingerprint();
    const state = await saveMonth(idle, typedInto(captured, {}));
    expect(state.message).toContain("没有改动");
    expect(fingerprint()).toBe(before);
  });

  it("refuses a post that does not say what its form showed (a page from before this check), changing nothing", async () => {
    await saveAs("liuyang", loadEntryForm(month), { deals_new: "4" });
    await signInAs("wangfang");
    const before = fingerprint();
    const state = await saveMonth(idle, form({ month, deals_new: "2", demand_new: "150" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("刷新页面") });
    expect(fingerprint()).toBe(before);
  });
});

describe("a rank and its N on the form", () => {
  it("refuses a rank above the N already stored when N is not in the submission", async () => {
    await signInAs("zhangsan");
    await enter(RANKED_MONTH, { supply_total_rank: "2", supply_total_rank__of: "183" });
    const loaded = loadEntryForm(RANKED_MONTH);
    delete loaded.supply_total_rank__of;
    delete loaded.base__supply_total_rank__of;
    const before = fingerprint();
    const state = await saveMonth(idle, typedInto(loaded, { supply_total_rank: "500" }));
    expect(state).toMatchObject({ status: "invalid", fieldErrors: { supply_total_rank: ["排名不能大于参与排名的单位数（183）"] } });
    expect(fingerprint()).toBe(before);
  });

  it("refuses a rank above the N typed beside it, named together with every other field's error", async () => {
    const state = await enter(RANKED_MONTH, { supply_total_rank: "200", supply_total_rank__of: "183" });
    expect(state.fieldErrors.supply_total_rank).toEqual(["排名不能大于参与排名的单位数（183）"]);
    const both = await enter(RANKED_MONTH, { nanny_new: "abc", supply_total_rank: "200", supply_total_rank__of: "183" });
    expect(both.fieldErrors).toEqual({ nanny_new: ["请输入数字，例如 12"], supply_total_rank: ["排名不能大于参与排名的单位数（183）"] });
  });
});

describe("the 2023 baseline on the monthly form", () => {
  it("is refused for staff and for an administrator alike, changing nothing", async () => {
    for (const username of ["zhangsan", "boss"]) {
      await signInAs(username);
      const before = fingerprint();
      const state = await saveMonth(idle, typedInto(loadEntryForm("2023-12"), { users_total: "14313" }));
      expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("2023年基线数据，只读") });
      expect(figure("2023-12", "users_total")?.value).toBe(14312);
      expect(fingerprint()).toBe(before);
    }
    await signInAs("zhangsan");
  });
});

describe("a 更正说明 with the save", () => {
  it("is kept on the revisions and shown in the history; one too long is refused with the rest kept", async () => {
    await signInAs("zhangsan");
    const note = `按省平台${monthParts(NOTED_MONTH).month}月通报更正`;
    await enter(NOTED_MONTH, { nanny_new: "30" });
    expect((await enter(NOTED_MONTH, { nanny_new: "32", revision__note: note })).status).toBe("saved");
    expect(history(NOTED_MONTH, "nanny_new")[0]).toMatchObject({ oldValue: 30, newValue: 32, reason: note });

    const state = await enter(NOTED_MONTH, { nanny_new: "33", revision__note: "长".repeat(201) });
    expect(state).toMatchObject({ status: "invalid", fieldErrors: { revision__note: ["说明不超过 200 字"] }, values: { nanny_new: "33" } });
    expect(figure(NOTED_MONTH, "nanny_new")?.value).toBe(32);
  });
});

describe("the monthly form as of its month", () => {
  it("takes an indicator retired later on the months before, and ignores one added later on the months before it", async () => {
    await signInAs("zhangsan");
    const db = getDb();
    const base = { name: "", unit: "个", category: "科普", kind: "stock" as const, decimals: 0, parentKey: null, parentRelation: null, accumulatesKey: null, ranksKey: null, description: "", sortOrder: 999 };
    addIndicator(db, { ...base, key: "popsci_old_total", name: "旧指标", inForceFrom: "2024-01" });
    setIndicatorActive(db, "popsci_old_total", false, "2025-06");
    addIndicator(db, { ...base, key: "popsci_new_total", name: "新指标", inForceFrom: "2025-06" });

    const before = loadEntryForm("2025-05");
    expect(Object.keys(before)).toContain("popsci_old_total");
    expect(Object.keys(before)).not.toContain("popsci_new_total");
    const state = await saveMonth(idle, typedInto(before, { popsci_old_total: "7", popsci_new_total: "9", base__popsci_new_total: "" }));
    expect(state).toMatchObject({ status: "saved", message: expect.stringContaining("更新 1 项指标") });
    expect(figure("2025-05", "popsci_old_total")?.value).toBe(7);
    expect(figure("2025-05", "popsci_new_total")).toBeUndefined();

    const after = loadEntryForm("2025-06");
    expect(Object.keys(after)).not.toContain("popsci_old_total");
    expect(Object.keys(after)).toContain("popsci_new_total");
    expect((await saveMonth(idle, typedInto(after, { popsci_new_total: "9" }))).status).toBe("saved");
    expect(figure("2025-06", "popsci_new_total")?.value).toBe(9);
  });
});

describe("a value far outside its history on the form", () => {
  const FLAGGED_MONTH = addMonths(CURRENT, -8);
  const HISTORY_MONTHS = [14, 13, 12, 11, 10, 9].map((back) => addMonths(CURRENT, -back));

  it("is refused until its tick is given, with the flag beside the field and everything typed kept; then saved with the flag on its revision", async () => {
    await signInAs("zhangsan");
    for (const [index, month] of HISTORY_MONTHS.entries()) expect((await enter(month, { deals_new: String(2 + (index % 2)) })).status).toBe("saved");

    const before = fingerprint();
    const typed = { deals_new: "12000", nanny_new: "35" };
    const refused = await enter(FLAGGED_MONTH, typed);
    expect(refused).toMatchObject({ status: "invalid", message: expect.stringContaining("本次未保存任何数据"), values: typed, fieldErrors: {} });
    expect(refused.flags?.deals_new).toEqual({ value: "12000", text: expect.stringContaining("近6个月中位数 2.5个，本次 12000个（约4800倍）") });
    expect(Object.keys(refused.flags ?? {})).toEqual(["deals_new"]);
    // one save is all or nothing: 促成“保姆式”服务单数 waits with it
    expect(fingerprint()).toBe(before);

    // a tick for another figure than the one typed confirms nothing
    expect((await enter(FLAGGED_MONTH, { ...typed, plausible__deals_new: "1200" })).status).toBe("invalid");
    expect(fingerprint()).toBe(before);

    const saved = await enter(FLAGGED_MONTH, { ...typed, plausible__deals_new: "12000" });
    expect(saved).toMatchObject({ status: "saved", message: expect.stringContaining("更新 2 项指标") });
    expect(figure(FLAGGED_MONTH, "deals_new")?.value).toBe(12000);
    expect(history(FLAGGED_MONTH, "deals_new")[0]?.plausibilityNote).toMatch(/^异常值已核对：近6个月中位数 2\.5个，本次 12000个/);
    expect(history(FLAGGED_MONTH, "nanny_new")[0]?.plausibilityNote).toBeNull();
  });
});
