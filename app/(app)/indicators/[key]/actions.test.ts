import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentTime } from "@/lib/clock";
import { FIGURE_PARTS } from "@/lib/figure-parts";
import { seenField } from "@/lib/form-base";
import { addMonths, monthOfDate } from "@/lib/periods";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { fingerprint, form, loadEntryForm, typedInto } from "@/tests/support/forms";
import { getIndicatorByKey } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getPeriodFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { listRevisions } from "@/db/revisions";
import type { EntryState } from "@/app/(app)/entry/[month]/entry-state";
import type { BaselineState, RevertState } from "./actions";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { correctBaseline, revertFigure } = await import("./actions");
const { saveMonth } = await import("@/app/(app)/entry/[month]/actions");

const idleEntry: EntryState = { status: "idle", message: "", values: {}, bases: {}, fieldErrors: {}, conflicts: [] };
const idleRevert: RevertState = { status: "idle", message: "" };
const idleBaseline: BaselineState = { status: "idle", message: "", fieldErrors: {}, values: {} };
/** Months of the real year (no demo here) that are over on any day: one reverted, one for the forged post. */
const REVERTED_MONTH = addMonths(monthOfDate(currentTime()), -2);
const FORGED_MONTH = addMonths(monthOfDate(currentTime()), -1);
let cleanup: () => void;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("wangfang", "staff", "王芳");
  await addAccount("liuyang", "staff", "刘洋");
  await addAccount("boss", "admin", "王主任");
});
afterAll(() => cleanup());

const organizationId = () => getHomeOrganization(getDb()).id;
const figure = (period: string, key: string) => getPeriodFigures(getDb(), organizationId(), period).get(key);
const history = (period: string, key: string) => listRevisions(getDb(), organizationId(), getIndicatorByKey(getDb(), key)!.id, period);

/** The figure of `period` as the indicator page shows it now: what its revert buttons carry. */
function seen(period: string, key: string): Record<string, string> {
  const stored = figure(period, key);
  return Object.fromEntries(FIGURE_PARTS.map((part) => [seenField(part), stored?.[part] == null ? "" : String(stored[part])]));
}

async function enter(username: string, month: string, typed: Record<string, string>) {
  await signInAs(username);
  const state = await saveMonth(idleEntry, typedInto(loadEntryForm(month), typed));
  expect(state.status).toBe("saved");
}

describe("恢复为此值", () => {
  it("is refused when the figure changed since the page showed it, naming who changed it, and writes nothing", async () => {
    await enter("wangfang", REVERTED_MONTH, { nanny_new: "29" });
    await enter("wangfang", REVERTED_MONTH, { nanny_new: "31" });
    const first = history(REVERTED_MONTH, "nanny_new").at(-1)!;
    const page = seen(REVERTED_MONTH, "nanny_new");
    await enter("liuyang", REVERTED_MONTH, { nanny_new: "40" });

    await signInAs("wangfang");
    const before = fingerprint();
    const state = await revertFigure(idleRevert, form({ revisionId: String(first.id), ...page }));
    expect(state.status).toBe("conflict");
    expect(state.message).toMatch(/^未恢复：该数值在您打开本页后已被 刘洋 于 \d\d:\d\d 修改为 40。/);
    expect(fingerprint()).toBe(before);

    // 仍要恢复: the same revert over what is stored now, with an optional 更正说明
    const again = await revertFigure(idleRevert, form({ revisionId: String(first.id), ...state.seen, reason: "40 为重复统计" }));
    expect(again.status).toBe("done");
    expect(figure(REVERTED_MONTH, "nanny_new")?.value).toBe(29);
    expect(history(REVERTED_MONTH, "nanny_new")[0]).toMatchObject({ oldValue: 40, newValue: 29, source: "revert", reason: "40 为重复统计", changedByName: "王芳" });
  });

  it("is refused without the figure the page showed (a forged or old post), changing nothing", async () => {
    await enter("wangfang", FORGED_MONTH, { nanny_new: "29" });
    await enter("wangfang", FORGED_MONTH, { nanny_new: "31" });
    await signInAs("wangfang");
    const before = fingerprint();
    const state = await revertFigure(idleRevert, form({ revisionId: String(history(FORGED_MONTH, "nanny_new").at(-1)!.id) }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("刷新页面") });
    expect(fingerprint()).toBe(before);
  });
});

describe("更正基线", () => {
  const correction = (fields: Record<string, string>) => correctBaseline(idleBaseline, form({ key: "users_total", period: "2023-12", seen__value: "14312", ...fields }));

  it("is refused to staff, changing nothing", async () => {
    await signInAs("wangfang");
    const before = fingerprint();
    expect((await correction({ value: "14313", reason: "复核" })).status).toBe("refused");
    expect(fingerprint()).toBe(before);
  });

  it("requires a reason and a value, and keeps the reason on the revision", async () => {
    await signInAs("boss");
    const before = fingerprint();
    const missing = await correction({ value: "", reason: " " });
    expect(missing).toMatchObject({ status: "invalid", fieldErrors: { value: [expect.stringContaining("请填写")], reason: ["请填写更正理由"] } });
    expect(fingerprint()).toBe(before);

    expect((await correction({ value: "14313", reason: "经核对文件原件" })).status).toBe("done");
    expect(figure("2023-12", "users_total")?.value).toBe(14313);
    expect(history("2023-12", "users_total")[0]).toMatchObject({ source: "baseline_correction", oldValue: 14312, newValue: 14313, reason: "经核对文件原件", changedByName: "王主任" });

    // 恢复为此值 cannot put the document's figure back either: only 更正基线 changes the baseline
    const seed = history("2023-12", "users_total").at(-1)!;
    const revert = await revertFigure(idleRevert, form({ revisionId: String(seed.id), ...seen("2023-12", "users_total") }));
    expect(revert).toMatchObject({ status: "refused", message: expect.stringContaining("基线数据不能恢复历史值") });
    expect(figure("2023-12", "users_total")?.value).toBe(14313);

    // a page that still shows 14312 cannot correct it again unseen
    const stale = await correction({ value: "14400", reason: "再次更正" });
    expect(stale).toMatchObject({ status: "conflict", message: expect.stringContaining("已被 王主任") });
    expect(figure("2023-12", "users_total")?.value).toBe(14313);
  });

  it("is refused for a figure that is not the baseline", async () => {
    await signInAs("boss");
    const state = await correctBaseline(idleBaseline, form({ key: "nanny_new", period: REVERTED_MONTH, seen__value: "29", value: "1", reason: "x" }));
    expect(state.status).toBe("refused");
  });
});
