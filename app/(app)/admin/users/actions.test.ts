import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, PASSWORD, signInAs } from "@/tests/support/accounts";
import { anonymousRequest, redirectTarget } from "@/tests/support/next-request";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { throttleOverview } from "@/db/sign-in-attempts";
import { changeAccount, countActiveAdmins, getAccount } from "@/db/users";
import type { UserFormState } from "./actions";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { changeRole, liftNetworkLimit, liftSignInLimits, resetUserPassword } = await import("./actions");
const { signIn } = await import("@/app/login/actions");

const idle: UserFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };
let cleanup: () => void;
const ids: Record<string, string> = {};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** A sign-in attempt from `address`: the message, or where a successful one went. */
async function signInFrom(address: string, username: string, password: string): Promise<string> {
  anonymousRequest(address);
  try {
    return (await signIn({ message: "", username: "" }, form({ username, password }))).message;
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return `→ ${target}`;
  }
}

async function guessFiveTimes(username: string): Promise<void> {
  for (let i = 0; i < 5; i += 1) await signInFrom(`203.0.113.${i}`, username, `guess-${i}`);
}

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  for (const [username, role] of [["boss", "admin"], ["deputy", "admin"], ["victim", "staff"], ["leader", "viewer"]] as const) {
    ids[username] = (await addAccount(username, role)).id;
  }
});
afterAll(() => cleanup());
beforeEach(() => {
  getDb().delete(signInAttempts).run();
});

describe("sign-in limits on the accounts page", () => {
  it("are listed per account and per network, and an administrator lifts an account's", async () => {
    await guessFiveTimes("victim");
    expect(await signInFrom("198.51.100.2", "victim", PASSWORD)).toMatch(/^该账号近期登录失败的次数过多/);
    const overview = throttleOverview(getDb(), Date.now());
    expect(overview.accounts.get("victim")).toMatchObject({ failures: 5, freeLeft: 0 });
    expect(overview.accounts.get("victim")?.lockedUntil).toBeGreaterThan(Date.now());

    await signInAs("boss");
    expect(await liftSignInLimits(idle, form({ userId: ids.victim ?? "" }))).toMatchObject({ status: "done", message: "已解除“victim”的登录限制。" });
    expect(throttleOverview(getDb(), Date.now()).accounts.has("victim")).toBe(false);
    expect(await signInFrom("198.51.100.2", "victim", PASSWORD)).toBe("→ /");
  }, 30_000);

  it("are lifted by a password reset", async () => {
    await guessFiveTimes("victim");
    await signInAs("boss");
    expect(await resetUserPassword(idle, form({ userId: ids.victim ?? "", password: "a-new-pass-2" }))).toMatchObject({ status: "done" });
    expect(await signInFrom("198.51.100.2", "victim", "a-new-pass-2")).toBe("→ /");
    await signInAs("boss");
    await resetUserPassword(idle, form({ userId: ids.victim ?? "", password: PASSWORD }));
  }, 30_000);

  it("include a spraying network, which an administrator lifts", async () => {
    for (let i = 0; i < 20; i += 1) await signInFrom("203.0.113.50", `made-up-${i}`, "wrong-password");
    expect(await signInFrom("203.0.113.50", "leader", PASSWORD)).toMatch(/^从您所在的网络登录失败的次数过多/);
    expect(throttleOverview(getDb(), Date.now()).addresses).toEqual([
      { network: "203.0.113.50", throttle: expect.objectContaining({ failures: 20, freeLeft: 0 }) },
    ]);
    await signInAs("boss");
    expect(await liftNetworkLimit(idle, form({ network: "203.0.113.50" }))).toMatchObject({ status: "done" });
    expect(await signInFrom("203.0.113.50", "leader", PASSWORD)).toBe("→ /");
  }, 30_000);

  it("are lifted by administrators only", async () => {
    await guessFiveTimes("victim");
    await signInAs("leader");
    expect(await liftSignInLimits(idle, form({ userId: ids.victim ?? "" }))).toMatchObject({ status: "refused" });
    expect(throttleOverview(getDb(), Date.now()).accounts.get("victim")).toMatchObject({ failures: 5 });
  }, 30_000);
});

describe("the last active administrator", () => {
  beforeEach(() => {
    changeAccount(getDb(), ids.boss ?? "", { role: "admin", disabled: false });
    changeAccount(getDb(), ids.deputy ?? "", { role: "admin", disabled: false });
  });

  it("cannot be demoted or disabled", async () => {
    await signInAs("boss");
    expect(await changeRole(idle, form({ userId: ids.deputy ?? "", role: "staff" }))).toMatchObject({ status: "done" });
    expect(await changeRole(idle, form({ userId: ids.boss ?? "", role: "viewer" }))).toMatchObject({ status: "invalid", message: expect.stringContaining("唯一可用的管理员") });
    expect(getAccount(getDb(), ids.boss ?? "")?.role).toBe("admin");
  });

  it("is checked in the same write transaction in the database layer too", () => {
    const db = getDb();
    expect(changeAccount(db, ids.deputy ?? "", { disabled: true })).toMatchObject({ disabled: true });
    expect(changeAccount(db, ids.boss ?? "", { role: "staff" })).toBe("last-admin");
    expect(changeAccount(db, ids.boss ?? "", { disabled: true })).toBe("last-admin");
    expect(changeAccount(db, "no-such-id", { role: "staff" })).toBe("missing");
    expect(countActiveAdmins(db)).toBe(1);
  });
});
