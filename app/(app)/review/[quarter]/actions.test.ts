import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { fingerprint, form } from "@/tests/support/forms";
import { getDb } from "@/db/client";
import { listComments } from "@/db/comments";
import { getHomeOrganization } from "@/db/organizations";
import type { CommentaryState } from "./actions";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveCommentary } = await import("./actions");

const idle: CommentaryState = { status: "idle", message: "", fieldErrors: {}, values: {}, bases: {}, conflicts: [] };
const FIELDS = ["overall", "cause__nanny_new", "next_step__nanny_new"];
let cleanup: () => void;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("wangfang", "staff", "王芳");
  await addAccount("liuyang", "staff", "刘洋");
});
afterAll(() => cleanup());

/** The commentary form of a quarter as the page renders it now: every note, and each as its base. */
function load(quarter: string): Record<string, string> {
  const stored = listComments(getDb(), getHomeOrganization(getDb()).id, quarter);
  const fields: Record<string, string> = { quarter };
  for (const name of FIELDS) {
    const [topic, key = ""] = name.split("__");
    const body = stored.find((comment) => comment.topic === topic && comment.indicatorKey === key)?.body ?? "";
    fields[name] = body;
    fields[`base__${name}`] = body;
  }
  return fields;
}

async function saveAs(username: string, loaded: Record<string, string>, typed: Record<string, string>) {
  await signInAs(username);
  return saveCommentary(idle, form({ ...loaded, ...typed }));
}

const notes = (quarter: string) => Object.fromEntries(listComments(getDb(), getHomeOrganization(getDb()).id, quarter).map((c) => [`${c.topic}__${c.indicatorKey}`, c.body]));

describe("two people writing the review commentary", () => {
  it("keeps both when they write different notes, and never removes a note blank when her page loaded", async () => {
    const hers = load("2026-Q1");
    expect((await saveAs("liuyang", load("2026-Q1"), { cause__nanny_new: "春节假期停工", overall: "总体平稳" })).status).toBe("saved");
    const state = await saveAs("wangfang", hers, { next_step__nanny_new: "三月加派人手" });
    expect(state.status).toBe("saved");
    expect(notes("2026-Q1")).toEqual({ "cause__nanny_new": "春节假期停工", "overall__": "总体平稳", "next_step__nanny_new": "三月加派人手" });
    // her form now shows his notes too
    expect(state.values.cause__nanny_new).toBe("春节假期停工");
    expect(state.bases.overall).toBe("总体平稳");
  });

  it("refuses her edit of the 原因 he changed first, saving none of her notes, and keeps what she wrote", async () => {
    await saveAs("wangfang", load("2026-Q2"), { cause__nanny_new: "春节" });
    const hers = load("2026-Q2");
    await saveAs("liuyang", load("2026-Q2"), { cause__nanny_new: "春节假期停工" });
    await signInAs("wangfang");
    const before = fingerprint();

    const state = await saveCommentary(idle, form({ ...hers, cause__nanny_new: "春节，订单少", overall: "平稳" }));

    expect(state.status).toBe("conflict");
    expect(state.conflicts).toEqual([
      {
        field: "cause__nanny_new",
        label: "促成“保姆式”服务单数的原因",
        mine: "春节，订单少",
        theirs: "春节假期停工",
        message: expect.stringMatching(/^已被 刘洋 于 \d\d:\d\d 修改为 “春节假期停工”$/),
      },
    ]);
    expect(state.values).toMatchObject({ cause__nanny_new: "春节，订单少", overall: "平稳" });
    expect(fingerprint()).toBe(before);

    // 保留我的内容: posted again with his text as what she saw
    const kept = await saveCommentary(idle, form({ ...hers, base__cause__nanny_new: "春节假期停工", cause__nanny_new: "春节，订单少", overall: "平稳" }));
    expect(kept.status).toBe("saved");
    expect(notes("2026-Q2")).toMatchObject({ "cause__nanny_new": "春节，订单少", "overall__": "平稳" });
  });

  it("refuses a post that does not say what its form showed, changing nothing", async () => {
    await signInAs("wangfang");
    const before = fingerprint();
    const state = await saveCommentary(idle, form({ quarter: "2026-Q2", overall: "" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("刷新页面") });
    expect(fingerprint()).toBe(before);
  });
});
