import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { addAccount, PASSWORD, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { anonymousRequest, redirectTarget, request } from "@/tests/support/next-request";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { sessions, signInAttempts } from "@/db/schema";
import { setDisabled } from "@/db/users";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { signIn, signOut } = await import("./actions");
const { getCurrentUser } = await import("@/app/_auth/session");

const blank = { message: "", username: "" };

function credentials(username: string, password: string, next?: string): FormData {
  const data = new FormData();
  data.set("username", username);
  data.set("password", password);
  if (next) data.set("next", next);
  return data;
}

/** Sign in through the action; a successful sign-in ends in a redirect. */
async function attempt(username: string, password: string, next?: string): Promise<{ message?: string; redirectedTo?: string }> {
  try {
    const state = await signIn(blank, credentials(username, password, next));
    return { message: state.message };
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return { redirectedTo: target };
  }
}

let cleanup: () => void;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("staff", "staff", "张三");
  await addAccount("viewer", "viewer");
  await addAccount("disabled", "staff");
  await addAccount("victim", "staff");
  const disabled = getDb().$client.prepare("SELECT id FROM users WHERE username = 'disabled'").get() as { id: string };
  await setDisabled(getAuth(), disabled.id, true);
});
afterAll(() => cleanup());
beforeEach(() => {
  anonymousRequest();
  getDb().delete(signInAttempts).run();
});

describe("signing in", () => {
  it("with the right password opens a session and returns to the page asked for", async () => {
    // (the cookie itself is set through Next's request scope: the end-to-end tests follow it)
    const staffSessions = () =>
      getDb().$client.prepare("SELECT count(*) AS n FROM sessions JOIN users ON users.id = sessions.user_id WHERE username = 'staff'").get();
    const before = staffSessions() as { n: number };
    expect(await attempt("staff", PASSWORD, "/entry/2024-03")).toEqual({ redirectedTo: "/entry/2024-03" });
    expect(staffSessions()).toEqual({ n: before.n + 1 });
    await signInAs("staff");
    expect(await getCurrentUser()).toMatchObject({ username: "staff", name: "张三", role: "staff" });
  });

  it("ignores the case of the username", async () => {
    expect(await attempt("STAFF", PASSWORD)).toEqual({ redirectedTo: "/" });
  });

  it("never returns to another site", async () => {
    expect(await attempt("staff", PASSWORD, "//evil.example/x")).toEqual({ redirectedTo: "/" });
    anonymousRequest();
    expect(await attempt("staff", PASSWORD, "https://evil.example/")).toEqual({ redirectedTo: "/" });
  });

  it("gives the same message for a wrong password and an unknown user", async () => {
    const wrongPassword = await attempt("staff", "not-the-password");
    const unknownUser = await attempt("nobody-here", "not-the-password");
    expect(wrongPassword).toEqual({ message: "用户名或密码错误。" });
    expect(unknownUser).toEqual(wrongPassword);
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a disabled account", async () => {
    expect(await attempt("disabled", PASSWORD)).toEqual({ message: "该账号已停用，请联系管理员。" });
    expect(await getCurrentUser()).toBeNull();
  });

  it("locks a username after five failures, even for the right password, without locking others", async () => {
    for (let i = 0; i < 5; i += 1) expect((await attempt("victim", `guess-${i}-wrong`)).message).toBe("用户名或密码错误。");
    expect(await attempt("victim", PASSWORD)).toEqual({ message: "登录失败次数过多，请 15 分钟后再试。" });
    expect(await attempt("staff", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 20_000);

  it("locks an unknown username the same way, so a lock does not reveal who exists", async () => {
    for (let i = 0; i < 5; i += 1) await attempt("ghost", `guess-${i}-wrong`);
    expect(await attempt("ghost", "whatever-123")).toEqual({ message: "登录失败次数过多，请 15 分钟后再试。" });
  });

  it("locks a network address after twenty failures across usernames", async () => {
    for (let i = 0; i < 20; i += 1) {
      anonymousRequest("203.0.113.7");
      await attempt(`user-${i}`, "wrong-password");
    }
    anonymousRequest("203.0.113.7");
    expect(await attempt("staff", PASSWORD)).toEqual({ message: "登录失败次数过多，请 15 分钟后再试。" });
    anonymousRequest("198.51.100.2");
    expect(await attempt("staff", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 30_000);
});

describe("sessions", () => {
  it("set an httpOnly, SameSite=Lax cookie", async () => {
    const { headers } = await getAuth().api.signInUsername({ body: { username: "viewer", password: PASSWORD }, returnHeaders: true });
    const cookie = headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/kepu\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("end when they expire", async () => {
    await signInAs("viewer");
    expect(await getCurrentUser()).not.toBeNull();
    getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    expect(await getCurrentUser()).toBeNull();
  });

  it("end at sign-out, which removes the session from the database", async () => {
    await signInAs("viewer");
    const count = () => getDb().select({ n: sql<number>`count(*)` }).from(sessions).get()?.n ?? 0;
    const before = count();
    let target: string | null = null;
    try {
      await signOut();
    } catch (error) {
      target = redirectTarget(error);
    }
    expect(target).toBe("/login");
    expect(count()).toBe(before - 1);
    expect(request.cookies.size === 0 || (await getCurrentUser()) === null).toBe(true);
  });

  it("end at once for an account an administrator disables", async () => {
    await signInAs("viewer");
    const viewer = await getCurrentUser();
    await setDisabled(getAuth(), viewer!.id, true);
    expect(await getCurrentUser()).toBeNull();
    await setDisabled(getAuth(), viewer!.id, false);
  });
});
