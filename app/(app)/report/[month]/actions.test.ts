import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { fingerprint, form } from "@/tests/support/forms";
import { getDb } from "@/db/client";
import { listCommentRevisions, listComments } from "@/db/comments";
import { getHomeOrganization } from "@/db/organizations";
import { loadMonthReport } from "@/db/pack";
import type { BriefState } from "./actions";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonthBrief } = await import("./actions");

const idle: BriefState = { status: "idle", message: "", fieldErrors: {}, values: {}, bases: {}, conflicts: [] };
let cleanup: () => void;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("wangfang", "staff", "王芳");
  await addAccount("liuyang", "staff", "刘洋");
});
afterAll(() => cleanup());

const organizationId = () => getHomeOrganization(getDb()).id;
const saved = (month: string) => listComments(getDb(), organizationId(), month).find((comment) => comment.topic === "overall")?.body ?? null;

/** The brief's form as the page renders it: the saved text as its base. */
function load(month: string): Record<string, string> {
  const text = saved(month) ?? "";
  return { month, brief: text, base__brief: text };
}

describe("saving a month's brief", () => {
  it("keeps the edited text with a revision, and the Word document then uses it", async () => {
    await signInAs("wangfang");
    const state = await saveMonthBrief(idle, form({ ...load("2026-03"), brief: "截至3月底，我区……（已核对）" }));
    expect(state).toMatchObject({ status: "saved", message: "已保存2026年3月的简报，已记录修订。" });
    expect(saved("2026-03")).toBe("截至3月底，我区……（已核对）");
    expect(listCommentRevisions(getDb(), organizationId(), "2026-03")).toHaveLength(1);
    const report = loadMonthReport(getDb(), { organizationId: organizationId(), month: "2026-03", now: new Date("2026-11-27T02:00:00Z") });
    expect(report).toMatchObject({ saved: "截至3月底，我区……（已核对）", text: "截至3月底，我区……（已核对）" });
    expect(report.drafted.startsWith("截至3月底，我区")).toBe(true);
  });

  it("refuses an edit of a brief someone else saved since the page loaded, changing nothing and keeping the text", async () => {
    await signInAs("wangfang");
    const hers = load("2026-04");
    await signInAs("liuyang");
    expect((await saveMonthBrief(idle, form({ ...load("2026-04"), brief: "刘洋的简报" }))).status).toBe("saved");
    await signInAs("wangfang");
    const before = fingerprint();
    const state = await saveMonthBrief(idle, form({ ...hers, brief: "王芳的简报" }));
    expect(state.status).toBe("conflict");
    expect(state.conflicts[0]).toMatchObject({ field: "brief", mine: "王芳的简报", theirs: "刘洋的简报", message: expect.stringMatching(/^已被 刘洋 于 \d\d:\d\d 修改为 “刘洋的简报”$/) });
    expect(state.values.brief).toBe("王芳的简报");
    expect(fingerprint()).toBe(before);
  });

  it("clears the saved text when the box is emptied, and documents return to the draft", async () => {
    await signInAs("wangfang");
    await saveMonthBrief(idle, form({ ...load("2026-05"), brief: "五月简报" }));
    const state = await saveMonthBrief(idle, form({ ...load("2026-05"), brief: "" }));
    expect(state).toMatchObject({ status: "saved", message: "已清空2026年5月的简报，文档改用系统草拟的文字。" });
    expect(saved("2026-05")).toBeNull();
  });

  it("refuses a month to come, a text too long and a post without its base, changing nothing", async () => {
    await signInAs("wangfang");
    const before = fingerprint();
    expect((await saveMonthBrief(idle, form({ month: "2099-01", brief: "未来", base__brief: "" }))).status).toBe("invalid");
    const long = await saveMonthBrief(idle, form({ month: "2026-06", brief: "长".repeat(5001), base__brief: "" }));
    expect(long).toMatchObject({ status: "invalid", fieldErrors: { brief: ["简报不超过 5000 字"] } });
    expect((await saveMonthBrief(idle, form({ month: "2026-06", brief: "没有打开时的文字" }))).status).toBe("refused");
    expect(fingerprint()).toBe(before);
  });
});
