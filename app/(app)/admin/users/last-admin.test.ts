import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { getDb } from "@/db/client";
import { changeAccount, countActiveAdmins } from "@/db/users";
import type { SessionUser } from "@/app/_auth/session";
import type { UserFormState } from "./actions";

/**
 * Two administrators acting at the same moment: both requests pass the sign-in check together
 * (held at a gate and released at once), so each action's own check runs before either has written.
 */
let releaseGate: () => void = () => {};
let gate = Promise.resolve();
const boss: SessionUser = { id: "", username: "boss", name: "boss", role: "admin", grants: [], unitId: null };

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);
vi.mock("@/app/_auth/session", () => ({
  getCurrentUser: async () => {
    await gate;
    return boss;
  },
}));

const { changeRole, setUserDisabled } = await import("./actions");

const idle: UserFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };
let cleanup: () => void;
const ids: Record<string, string> = {};

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Start both actions, then let them past the sign-in check together. */
async function atTheSameMoment<T>(...actions: (() => Promise<T>)[]): Promise<T[]> {
  gate = new Promise((resolve) => (releaseGate = resolve));
  const running = Promise.all(actions.map((action) => action()));
  releaseGate();
  return running;
}

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  ids.boss = (await addAccount("boss", "admin")).id;
  ids.deputy = (await addAccount("deputy", "admin")).id;
  boss.id = ids.boss;
});
afterAll(() => cleanup());
beforeEach(() => {
  changeAccount(getDb(), ids.boss ?? "", { role: "admin", disabled: false });
  changeAccount(getDb(), ids.deputy ?? "", { role: "admin", disabled: false });
});

describe("the last active administrator, with two administrators acting at once", () => {
  it("survives two demotions: exactly one goes through", async () => {
    const results = await atTheSameMoment(
      () => changeRole(idle, form({ userId: ids.deputy ?? "", role: "staff" })),
      () => changeRole(idle, form({ userId: ids.boss ?? "", role: "staff" })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["done", "invalid"]);
    expect(countActiveAdmins(getDb())).toBe(1);
  });

  it("survives a disabling and a demotion: exactly one goes through", async () => {
    const results = await atTheSameMoment(
      () => setUserDisabled(idle, form({ userId: ids.deputy ?? "", disabled: "true" })),
      () => changeRole(idle, form({ userId: ids.boss ?? "", role: "viewer" })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["done", "invalid"]);
    expect(countActiveAdmins(getDb())).toBe(1);
  });
});
