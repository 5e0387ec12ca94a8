import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { anonymousRequest } from "@/tests/support/next-request";
import { dumpTables } from "@/tests/support/database";
import { form, loadEntryForm, typedInto } from "@/tests/support/forms";
import { databasePath, getDb } from "@/db/client";
import { currentTime } from "@/lib/clock";
import { addMonths, monthOfDate, monthParts } from "@/lib/periods";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonth } = await import("@/app/(app)/entry/[month]/actions");
const { saveTarget } = await import("@/app/(app)/targets/actions");
const { setUp } = await import("@/app/setup/actions");
const { GET: health } = await import("@/app/api/health/route");

/**
 * Faults a server meets in real life — a write that throws, a database another process keeps busy,
 * a full disk, a database file deleted under the running app — must each end in a Chinese message
 * with the user's typed values, nothing written, and a health check that says "failing".
 */

const typed = { nanny_new: "41", users_new: "1,204", popsci_coverage_rate: "5.1" };
const idle = { status: "idle" as const, message: "", values: {}, bases: {}, fieldErrors: {}, conflicts: [] };
/** Months that are over on any day, so that only the fault can stop their save. */
const CURRENT = monthOfDate(currentTime());
const SAVED_MONTH = addMonths(CURRENT, -1);
const BUSY_MONTH = addMonths(CURRENT, -2);
const DELETED_MONTH = addMonths(CURRENT, -3);
// the form as the page showed it, with the clerk's figures typed over it
const saveLastMonth = () => saveMonth(idle, typedInto(loadEntryForm(SAVED_MONTH), typed));

let cleanup: () => void;
let logged: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("wangfang", "staff", "王芳");
  await addAccount("boss", "admin", "管理员");
});
afterAll(() => cleanup());
beforeEach(async () => {
  await signInAs("wangfang");
  logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return () => logged.mockRestore();
});

async function healthStatus(): Promise<{ status: number; body: unknown }> {
  const response = health();
  return { status: response.status, body: await response.json() };
}

describe("an action whose database write fails", () => {
  it("answers in Chinese with every typed value and writes nothing, when a write throws midway", async () => {
    const sqlite = getDb().$client;
    // the figures are written, then their revisions: the revisions fail, so the figures must roll back
    sqlite.exec("CREATE TEMP TRIGGER fail_revisions BEFORE INSERT ON revisions BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
    try {
      const before = dumpTables(getDb());
      const state = await saveLastMonth();
      expect(state.status).toBe("refused");
      expect(state.message).toMatch(/^保存失败，未做任何修改：/);
      expect(state.message).toContain("本页已填写的内容仍保留");
      expect(state.values).toMatchObject(typed);
      expect(dumpTables(getDb())).toEqual(before);
      // the real error is in the server log, not on the page
      expect(state.message).not.toContain("injected fault");
      expect(logged.mock.calls.flat().map(String).join(" ")).toContain("injected fault");
    } finally {
      sqlite.exec("DROP TRIGGER fail_revisions");
    }
    expect((await saveLastMonth()).status).toBe("saved");
  });

  it("says the database is busy when another process holds the write lock (SQLITE_BUSY)", async () => {
    const other = new Database(databasePath());
    const sqlite = getDb().$client;
    sqlite.pragma("busy_timeout = 50");
    other.exec("BEGIN IMMEDIATE");
    try {
      const before = dumpTables(getDb());
      const state = await saveMonth(idle, typedInto(loadEntryForm(BUSY_MONTH), typed));
      expect(state).toMatchObject({ status: "refused", values: typed });
      expect(state.message).toContain("数据库正忙");
      expect(dumpTables(getDb())).toEqual(before);
    } finally {
      other.exec("ROLLBACK");
      other.close();
      sqlite.pragma("busy_timeout = 5000");
    }
  });

  it("keeps an administrator's typed target too (every action passes the same gate)", async () => {
    await signInAs("boss");
    const sqlite = getDb().$client;
    sqlite.exec("CREATE TEMP TRIGGER fail_targets BEFORE INSERT ON targets BEGIN SELECT RAISE(ABORT, 'injected fault'); END");
    try {
      const values = { indicator: "nanny_new", year: String(monthParts(CURRENT).year), rule: "monthly_avg", value: "36", source: "省科协要求" };
      const state = await saveTarget({ ...idle }, form(values));
      expect(state).toMatchObject({ status: "refused", values });
      expect(state.message).toMatch(/^保存失败，未做任何修改/);
    } finally {
      sqlite.exec("DROP TRIGGER fail_targets");
    }
  });
});

describe("a full disk", () => {
  it("refuses the save with the typed values, writes nothing, and health answers 503", async () => {
    const sqlite = getDb().$client;
    expect(await healthStatus()).toEqual({ status: 200, body: { status: "ok" } });
    // pack every page, then forbid the file to grow; keep saving months until one needs a new page
    sqlite.exec("VACUUM");
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma("page_count", { simple: true }))}`);
    try {
      let full = null;
      for (let n = 0; n < 120 && !full; n += 1) {
        const month = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
        const before = dumpTables(getDb());
        const state = await saveMonth(idle, typedInto(loadEntryForm(month), typed));
        if (state.status !== "saved") full = { state, before };
      }
      expect(full).not.toBeNull();
      expect(full?.state).toMatchObject({ status: "refused", values: typed });
      expect(full?.state.message).toContain("磁盘空间已满");
      expect(dumpTables(getDb())).toEqual(full?.before);
      expect(await healthStatus()).toEqual({ status: 503, body: { status: "failing" } });
    } finally {
      sqlite.pragma("max_page_count = 1073741823");
    }
    expect(await healthStatus()).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("a database file deleted while the app runs", () => {
  it("refuses every save instead of writing into the deleted file, health answers 503, and a restart never opens setup", async () => {
    const file = databasePath();
    const before = dumpTables(getDb());
    fs.rmSync(file);
    for (const side of ["-wal", "-shm"]) fs.rmSync(`${file}${side}`, { force: true });

    const state = await saveMonth(idle, typedInto(loadEntryForm(DELETED_MONTH), typed));
    expect(state).toMatchObject({ status: "refused", values: typed });
    expect(state.message).toContain("已被删除或移走");
    expect(dumpTables(getDb())).toEqual(before);
    expect(await healthStatus()).toEqual({ status: 503, body: { status: "failing" } });

    // after a restart the server finds no database: it does not create an empty one for /setup
    getDb().$client.close();
    globalThis.kepuDatabase = undefined;
    globalThis.kepuAuth = undefined;
    anonymousRequest();
    const setup = await setUp(
      { message: "", fieldErrors: {}, values: {} },
      form({ username: "intruder", name: "路人", password: "password-123", confirm: "password-123" }),
    );
    expect(setup.message).toContain("数据库文件不存在");
    expect(setup.values).toEqual({ username: "intruder", name: "路人" });
    expect(fs.existsSync(file)).toBe(false);
    expect(await healthStatus()).toEqual({ status: 503, body: { status: "failing" } });
  });
});
