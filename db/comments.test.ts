import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dumpTables, insertUsers, seededDatabase } from "@/tests/support/database";
import type { Db } from "./client";
import { CommentConflictError, listCommentRevisions, listComments, saveComments, type CommentInput } from "./comments";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [
    { id: "u1", name: "张三", username: "zhangsan", role: "staff" },
    { id: "u-wang", name: "王芳", username: "wangfang", role: "staff" },
    { id: "u-liu", name: "刘洋", username: "liuyang", role: "staff" },
  ]);
});
afterEach(() => cleanup());

const save = (entries: Parameters<typeof saveComments>[1]["entries"]) => saveComments(db, { organizationId, period: "2024-Q1", entries, userId: "u1" });

describe("review commentary", () => {
  it("is saved with a revision per change, carrying its author", () => {
    expect(save([{ indicatorKey: "nanny_new", topic: "cause", body: "春节假期" }])).toBe(1);
    expect(save([{ indicatorKey: "nanny_new", topic: "cause", body: "春节假期，二月停工" }])).toBe(1);
    expect(listComments(db, organizationId, "2024-Q1")).toEqual([
      expect.objectContaining({ indicatorKey: "nanny_new", topic: "cause", body: "春节假期，二月停工", updatedByName: "张三" }),
    ]);
    expect(listCommentRevisions(db, organizationId, "2024-Q1").map((r) => [r.oldBody, r.newBody, r.changedByName])).toEqual([
      ["春节假期", "春节假期，二月停工", "张三"],
      [null, "春节假期", "张三"],
    ]);
  });

  it("writes nothing when nothing changed, and removes a note cleared to blank (with a revision)", () => {
    save([{ indicatorKey: "", topic: "overall", body: "平稳" }]);
    expect(save([{ indicatorKey: "", topic: "overall", body: "  平稳 " }])).toBe(0);
    expect(save([{ indicatorKey: "", topic: "overall", body: "" }])).toBe(1);
    expect(listComments(db, organizationId, "2024-Q1")).toEqual([]);
    expect(listCommentRevisions(db, organizationId, "2024-Q1")[0]).toMatchObject({ oldBody: "平稳", newBody: null });
  });
});

describe("two people editing the commentary", () => {
  const FIELDS = [
    { indicatorKey: "", topic: "overall" },
    { indicatorKey: "nanny_new", topic: "cause" },
    { indicatorKey: "nanny_new", topic: "next_step" },
  ] as const;

  /** Every note as a form shows it when it loads: the text stored, or blank. */
  function load(): Map<string, string> {
    const stored = listComments(db, organizationId, "2024-Q1");
    return new Map(FIELDS.map((f) => [`${f.indicatorKey}|${f.topic}`, stored.find((c) => c.indicatorKey === f.indicatorKey && c.topic === f.topic)?.body ?? ""]));
  }

  /** The whole form submitted by `userId`: every note as typed (or as loaded), with what it showed. */
  function submit(userId: string, loaded: Map<string, string>, typed: Record<string, string>, at = "2024-04-10T02:42:00Z") {
    const entries: CommentInput[] = FIELDS.map((f) => {
      const id = `${f.indicatorKey}|${f.topic}`;
      const seen = loaded.get(id) ?? "";
      return { ...f, body: typed[id] ?? seen, expected: seen };
    });
    return saveComments(db, { organizationId, period: "2024-Q1", entries, userId, now: new Date(at) });
  }

  function refusal(write: () => unknown): unknown {
    try {
      write();
    } catch (error) {
      return error;
    }
    throw new Error("the save was not refused");
  }

  it("keeps both when they edit different notes, and never writes back a note left alone", () => {
    submit("u1", load(), { "|overall": "平稳", "nanny_new|cause": "春节" }, "2024-04-09T00:00:00Z");
    const hers = load();
    submit("u-liu", load(), { "nanny_new|cause": "春节假期停工" });
    expect(submit("u-wang", hers, { "nanny_new|next_step": "三月加派人手" })).toBe(1);
    const notes = Object.fromEntries(listComments(db, organizationId, "2024-Q1").map((c) => [`${c.indicatorKey}|${c.topic}`, c.body]));
    expect(notes).toEqual({ "|overall": "平稳", "nanny_new|cause": "春节假期停工", "nanny_new|next_step": "三月加派人手" });
  });

  it("never removes a note that was blank when her form loaded and that he wrote since", () => {
    const hers = load();
    submit("u-liu", load(), { "|overall": "总体平稳" });
    submit("u-wang", hers, { "nanny_new|cause": "春节" });
    expect(listComments(db, organizationId, "2024-Q1").find((c) => c.topic === "overall")?.body).toBe("总体平稳");
  });

  it("refuses her edit of the note he changed first, saving none of her notes, and says who and when", () => {
    submit("u1", load(), { "nanny_new|cause": "春节" }, "2024-04-09T00:00:00Z");
    const hers = load();
    submit("u-liu", load(), { "nanny_new|cause": "春节假期停工" });
    const before = dumpTables(db);
    const error = refusal(() => submit("u-wang", hers, { "nanny_new|cause": "春节，订单少", "|overall": "平稳" }));
    expect(error instanceof CommentConflictError && error.conflicts).toEqual([
      { indicatorKey: "nanny_new", topic: "cause", mine: "春节，订单少", theirs: "春节假期停工", changedByName: "刘洋", changedAt: new Date("2024-04-10T02:42:00Z") },
    ]);
    expect(dumpTables(db)).toEqual(before);
  });
});
