/**
 * Every yes/no field an action takes is "true" or "false", exactly as its page's form posts it;
 * anything else ("maybe", "", "on", "1"…) is refused as 参数无效 and changes nothing. The audit of
 * 2026-12-06 retired an indicator with `active=maybe`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { getDb } from "@/db/client";
import { addUnit } from "@/db/organizations";
import type { Account } from "@/db/users";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

type Action = (previous: unknown, formData: FormData) => Promise<unknown>;

async function actionOf(route: string, name: string): Promise<Action> {
  const exported: Record<string, unknown> = await import(`@/app/${route}`);
  const action = exported[name];
  if (typeof action !== "function") throw new Error(`no action ${name}`);
  return (previous, formData) => Promise.resolve(action(previous, formData));
}

const setIndicatorActiveAction = await actionOf("(app)/admin/catalog/actions", "setIndicatorActiveAction");
const setUserDisabled = await actionOf("(app)/admin/users/actions", "setUserDisabled");
const setReviewerGrant = await actionOf("(app)/admin/users/grant-actions", "setReviewerGrant");
const setUnitRetiredAction = await actionOf("(app)/admin/units/actions", "setUnitRetiredAction");

const NOT_BOOLEANS = ["maybe", "", " ", "on", "off", "1", "0", "yes", "no", "TRUE", "False", "true ", " false", "true\u0000", "\u200Etrue", "null", "undefined"];
const IDLE = { status: "idle", message: "", fieldErrors: {}, values: {} };

let cleanup: () => void;
let victim: Account;
let townId: number;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("bool-admin", "admin");
  victim = await addAccount("victim", "viewer", "被测账号");
  townId = addUnit(getDb(), { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id;
  await signInAs("bool-admin");
});
afterAll(() => cleanup());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

function content(): string {
  const { sessions: _sessions, ...rest } = dumpTables(getDb());
  return JSON.stringify(rest);
}

const statusOf = (result: unknown) => (result !== null && typeof result === "object" && "status" in result ? result.status : undefined);
const messageOf = (result: unknown) => (result !== null && typeof result === "object" && "message" in result ? String(result.message) : "");

const CASES: { name: string; action: Action; field: string; form: () => Record<string, string> }[] = [
  { name: "setIndicatorActiveAction", action: setIndicatorActiveAction, field: "active", form: () => ({ key: "demand_new" }) },
  { name: "setUserDisabled", action: setUserDisabled, field: "disabled", form: () => ({ userId: victim.id }) },
  { name: "setReviewerGrant", action: setReviewerGrant, field: "reviewer", form: () => ({ userId: victim.id }) },
  { name: "setUnitRetiredAction", action: setUnitRetiredAction, field: "retire", form: () => ({ unitId: String(townId) }) },
];

describe("yes/no fields are parsed strictly", () => {
  for (const { name, action, field, form: fields } of CASES) {
    it(`${name}: ${field} other than "true" or "false" is refused as 参数无效, changing nothing`, async () => {
      for (const value of NOT_BOOLEANS) {
        const before = content();
        const result = await action(IDLE, form({ ...fields(), [field]: value }));
        expect(statusOf(result), `${field}=${JSON.stringify(value)}: ${JSON.stringify(result)}`).toBe("invalid");
        expect(messageOf(result)).toContain("参数无效");
        expect(content(), `${field}=${JSON.stringify(value)} changed the database`).toBe(before);
      }
      // the form's own values still work, both ways
      for (const value of ["true", "false"]) {
        const result = await action(IDLE, form({ ...fields(), [field]: value }));
        expect(statusOf(result), `${field}=${value}: ${JSON.stringify(result)}`).toBe("done");
      }
    });
  }

  it("retires an indicator only when asked with active=false", async () => {
    const active = () => JSON.stringify(dumpTables(getDb()).indicators);
    const before = active();
    await setIndicatorActiveAction(IDLE, form({ key: "studio_premium", active: "maybe" }));
    expect(active()).toBe(before);
    expect(statusOf(await setIndicatorActiveAction(IDLE, form({ key: "studio_premium", active: "false" })))).toBe("done");
    expect(active()).not.toBe(before);
  });
});
