import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import type { Db } from "./client";
import { listCommentRevisions, listComments, saveComments } from "./comments";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
  insertUsers(db, [{ id: "u1", name: "张三", username: "zhangsan", role: "staff" }]);
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
