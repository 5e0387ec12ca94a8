import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { anonymousRequest } from "@/tests/support/next-request";
import { form } from "@/tests/support/forms";
import { databasePath, getDb } from "@/db/client";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveOrganization } = await import("./settings/actions");
const { saveDueSettings } = await import("./outbox/actions");
const { issueToken } = await import("./tokens/actions");

/**
 * The admin's forms (organization name, due settings, API token) keep what was typed when a save is
 * refused for a reason that is not the input's: an expired session, or a database another process holds.
 */

const idle = { status: "idle" as const, message: "", fieldErrors: {}, values: {} };
const organization = { name: "攀枝花市西区科学技术协会（新）", shortName: "西区科协" };
const due = { dueDay: "12", soonDays: "4", trackFrom: "2026-01" };

let cleanup: () => void;
beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("boss", "admin", "管理员");
});
afterAll(() => cleanup());

describe("a refused admin form hands back what was typed", () => {
  it("when the session has expired", async () => {
    anonymousRequest();
    const named = await saveOrganization(idle, form(organization));
    expect(named).toMatchObject({ status: "refused", values: organization });
    expect(named.message).toContain("登录已过期");
    expect(await saveDueSettings(idle, form(due))).toMatchObject({ status: "refused", values: due });
    expect(await issueToken({ status: "idle", message: "", token: null }, form({ name: "市科协数据平台" }))).toMatchObject({ status: "refused", name: "市科协数据平台", token: null });
  });

  it("when another process keeps the database busy", async () => {
    await signInAs("boss");
    const other = new Database(databasePath());
    const sqlite = getDb().$client;
    sqlite.pragma("busy_timeout = 50");
    other.exec("BEGIN IMMEDIATE");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const named = await saveOrganization(idle, form(organization));
      expect(named).toMatchObject({ status: "refused", values: organization });
      expect(named.message).toContain("数据库正忙");
      expect(await saveDueSettings(idle, form(due))).toMatchObject({ status: "refused", values: due });
    } finally {
      other.exec("ROLLBACK");
      other.close();
      sqlite.pragma("busy_timeout = 5000");
      logged.mockRestore();
    }
    // the same input saves once the database is free: the refusal was not about the input
    expect((await saveOrganization(idle, form(organization))).status).toBe("done");
  });
});
