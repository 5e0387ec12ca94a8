import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { addAccount, PASSWORD, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { anonymousRequest, carrySessionCookie, redirectTarget, request } from "@/tests/support/next-request";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { sessions, signInAttempts } from "@/db/schema";
import { changeAccount } from "@/db/users";

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

const attemptRecord = (key: string) =>
  getDb().select().from(signInAttempts).where(eq(signInAttempts.key, key)).get();

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("staff", "staff", "张三");
  await addAccount("viewer", "viewer");
  await addAccount("disabled", "staff");
  await addAccount("victim", "staff");
  const disabled = getDb().$client.prepare("SELECT id FROM users WHERE username = 'disabled'").get() as { id: string };
  changeAccount(getDb(), disabled.id, { disabled: true });
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

  it("never returns to another site, and never fails over where to return", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/\t/evil.example/phish", "/\n/x", "/%0A/x", "/\\evil.example", "/%2F%2Fevil.example"]) {
      anonymousRequest();
      expect(await attempt("staff", PASSWORD, next), JSON.stringify(next)).toEqual({ redirectedTo: "/" });
    }
  });

  it("gives the same message for a wrong password and an unknown user", async () => {
    const wrongPassword = await attempt("staff", "not-the-password");
    const unknownUser = await attempt("nobody-here", "not-the-password");
    expect(wrongPassword).toEqual({ message: "用户名或密码错误。再错 4 次后，每次重试前需等待一段时间。" });
    expect(unknownUser).toEqual(wrongPassword);
    expect(await getCurrentUser()).toBeNull();
  });

  it("answers in Chinese a post without the username or the password fields", async () => {
    const onlyPassword = new FormData();
    onlyPassword.set("password", PASSWORD);
    const onlyUsername = new FormData();
    onlyUsername.set("username", "staff");
    expect(await signIn(blank, onlyPassword)).toEqual({ message: "请输入用户名", username: "" });
    expect(await signIn(blank, onlyUsername)).toEqual({ message: "请输入密码", username: "staff" });
    expect(await signIn(blank, new FormData())).toEqual({ message: "请输入用户名", username: "" });
  });

  it("refuses a disabled account", async () => {
    expect(await attempt("disabled", PASSWORD)).toEqual({ message: "该账号已停用，请联系管理员。" });
    expect(await getCurrentUser()).toBeNull();
  });

  it("says after a failure how many tries are left before a wait", async () => {
    expect(await attempt("victim", "wrong-password-1")).toEqual({ message: "用户名或密码错误。再错 4 次后，每次重试前需等待一段时间。" });
    expect(await attempt("victim", "wrong-password-2")).toEqual({ message: "用户名或密码错误。再错 3 次后，每次重试前需等待一段时间。" });
  });
});

describe("throttling", () => {
  const START = new Date("2026-11-27T09:00:00+08:00").getTime();
  const at = (offsetMs: number) => vi.setSystemTime(START + offsetMs);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.TRUSTED_PROXIES;
  });

  /** The device cookie a browser keeps after signing in, to come back with it later. */
  function deviceCookieOf(): string {
    const cookie = request.cookies.get("kepu.device");
    if (!cookie) throw new Error("no device cookie");
    return cookie;
  }

  it("makes a guessed account wait after five failures, a minute at first, even for the right password", async () => {
    for (let i = 0; i < 4; i += 1) await attempt("victim", `guess-${i}-wrong`);
    expect(await attempt("victim", "guess-4-wrong")).toEqual({ message: "用户名或密码错误。失败次数已达上限，请 1 分钟后再试。" });
    expect(await attempt("victim", PASSWORD)).toEqual({
      message: "该账号近期登录失败的次数过多，请 1 分钟后再试。在您以前登录过的浏览器上不受此限制；管理员也可解除。",
    });
    at(30_000);
    expect((await attempt("victim", PASSWORD)).message).toMatch(/请 30 秒后再试/);
    at(60_000);
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 20_000);

  it("checks at most five of 40 concurrent guesses at one account, and refuses the right password 36th in the burst", async () => {
    anonymousRequest("198.51.100.40");
    const checks = vi.spyOn(getAuth().api, "signInUsername");
    try {
      const burst = Array.from({ length: 40 }, (_, i) => attempt("victim", i === 35 ? PASSWORD : `burst-guess-${i}`));
      const results = await Promise.all(burst);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
      expect(results[35]?.redirectedTo).toBeUndefined();
      expect(results[35]?.message).toMatch(/^该账号近期登录失败的次数过多，请 1 分钟后再试/);
      expect(results.filter((result) => result.redirectedTo !== undefined)).toEqual([]);
    } finally {
      checks.mockRestore();
    }
    // the five checked are counted, the thirty-five refused while waiting are not (the wait does not grow by itself)
    expect(attemptRecord("account:victim")).toMatchObject({ failures: 5, lockedUntil: START + 60_000 });
    at(60_000);
    anonymousRequest("198.51.100.40");
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 30_000);

  it("lets the right password among concurrent attempts sign in, counting only the wrong ones against the address", async () => {
    anonymousRequest("198.51.100.41");
    const results = await Promise.all([attempt("staff", "wrong-one"), attempt("staff", PASSWORD), attempt("viewer", "wrong-two")]);
    expect(results[1]).toEqual({ redirectedTo: "/" });
    expect(results[0]?.message).toMatch(/^用户名或密码错误。/);
    expect(attemptRecord("address:198.51.100.41")?.failures).toBe(2);
  }, 30_000);

  it("does not lengthen a wait for attempts refused while waiting", async () => {
    for (let i = 0; i < 5; i += 1) await attempt("victim", `guess-${i}-wrong`);
    for (let i = 0; i < 20; i += 1) await attempt("victim", `guess-more-${i}`);
    at(60_000);
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 20_000);

  it("treats an unknown username the same way, so a wait does not reveal who exists", async () => {
    for (let i = 0; i < 5; i += 1) await attempt("ghost", `guess-${i}-wrong`);
    expect((await attempt("ghost", "whatever-123")).message).toBe(
      "该账号近期登录失败的次数过多，请 1 分钟后再试。在您以前登录过的浏览器上不受此限制；管理员也可解除。",
    );
  });

  it("survives a username spray from one client: the spraying address waits, spoofed X-Forwarded-For or not, and the real owner signs in within a bounded delay", async () => {
    const sprayed = ["staff", "admin", "viewer", "victim", ...Array.from({ length: 50 }, (_, i) => `made-up-${i}`)];
    for (let i = 0; i < 100; i += 1) {
      anonymousRequest("203.0.113.7", { "x-forwarded-for": `10.${i}.0.1` });
      await attempt(i % 2 === 0 ? "staff" : (sprayed[i % sprayed.length] ?? "admin"), `spray-${i}`);
    }
    // the sprayer's next try waits, whatever it writes in X-Forwarded-For
    anonymousRequest("203.0.113.7", { "x-forwarded-for": "192.0.2.200" });
    expect((await attempt("viewer", PASSWORD)).message).toMatch(/^从您所在的网络登录失败的次数过多/);
    // other accounts, from their own addresses, are untouched
    anonymousRequest("198.51.100.3");
    expect(await attempt("viewer", PASSWORD)).toEqual({ redirectedTo: "/" });
    // the sprayed owner, from a new browser, waits at most the ceiling of fifteen minutes
    anonymousRequest("198.51.100.2");
    expect((await attempt("staff", PASSWORD)).message).toMatch(/^该账号近期登录失败的次数过多，请 (\d+ 秒|([1-9]|1[0-5]) 分钟)后再试/);
    at(15 * 60_000);
    anonymousRequest("198.51.100.2");
    expect(await attempt("staff", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 60_000);

  it("never makes the owner wait on a browser they signed in with before, however many strangers guess", async () => {
    anonymousRequest("198.51.100.2");
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
    const device = deviceCookieOf();
    for (let i = 0; i < 30; i += 1) {
      anonymousRequest(`203.0.113.${i}`);
      await attempt("victim", `stranger-${i}`);
    }
    anonymousRequest("203.0.113.99");
    expect((await attempt("victim", PASSWORD)).message).toMatch(/^该账号近期登录失败的次数过多/);
    anonymousRequest("198.51.100.2");
    carrySessionCookie("kepu.device", device);
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 60_000);

  it("counts the owner's own mistakes on their trusted browser by themselves", async () => {
    anonymousRequest("198.51.100.2");
    await attempt("victim", PASSWORD);
    const device = deviceCookieOf();
    for (let i = 0; i < 5; i += 1) {
      anonymousRequest("198.51.100.2");
      carrySessionCookie("kepu.device", device);
      await attempt("victim", `typo-${i}`);
    }
    anonymousRequest("198.51.100.2");
    carrySessionCookie("kepu.device", device);
    expect((await attempt("victim", PASSWORD)).message).toBe("在本浏览器上连续登录失败，请 1 分钟后再试；忘记密码请联系管理员重置。");
    // another browser of the owner's is not held back by those
    anonymousRequest("198.51.100.8");
    expect(await attempt("victim", PASSWORD)).toEqual({ redirectedTo: "/" });
  }, 30_000);

  it("refuses a forged or another account's device cookie", async () => {
    anonymousRequest("198.51.100.2");
    await attempt("viewer", PASSWORD);
    const viewersDevice = deviceCookieOf();
    for (let i = 0; i < 5; i += 1) {
      anonymousRequest(`203.0.113.${i}`);
      await attempt("victim", `stranger-${i}`);
    }
    const [id, , mac] = decodeURIComponent(viewersDevice).split(".");
    for (const forged of [viewersDevice, encodeURIComponent(`${id}.${Buffer.from("victim").toString("base64url")}.${mac}`)]) {
      anonymousRequest("198.51.100.2");
      carrySessionCookie("kepu.device", forged);
      expect((await attempt("victim", PASSWORD)).message).toMatch(/^该账号近期登录失败的次数过多/);
    }
  }, 30_000);

  it("behind a trusted proxy counts the client the proxy saw, not what the client wrote", async () => {
    process.env.TRUSTED_PROXIES = "127.0.0.1";
    for (let i = 0; i < 20; i += 1) {
      anonymousRequest("127.0.0.1", { "x-forwarded-for": `10.9.${i}.1, 203.0.113.7` });
      await attempt(`made-up-${i}`, "wrong-password");
    }
    anonymousRequest("127.0.0.1", { "x-forwarded-for": "203.0.113.7" });
    expect((await attempt("staff", PASSWORD)).message).toMatch(/^从您所在的网络登录失败的次数过多/);
    anonymousRequest("127.0.0.1", { "x-forwarded-for": "198.51.100.2" });
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
      await signOut(new FormData());
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
    changeAccount(getDb(), viewer!.id, { disabled: true });
    expect(await getCurrentUser()).toBeNull();
    changeAccount(getDb(), viewer!.id, { disabled: false });
  });
});
