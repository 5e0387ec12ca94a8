import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addMonths, monthOfDate } from "@/lib/periods";
import { can, type Permission, type Principal } from "@/lib/roles";
import { dumpTables } from "@/tests/support/database";
import { addAccount, signInAs, openTemporaryAppDatabase } from "@/tests/support/accounts";
import { anonymousRequest } from "@/tests/support/next-request";
import { getDb } from "@/db/client";
import { getIndicatorByKey } from "@/db/catalog";
import { getHomeOrganization } from "@/db/organizations";
import { listComments } from "@/db/comments";
import { getPeriodFigures } from "@/db/observations";
import { listRevisions } from "@/db/revisions";
import { setUserGrant } from "@/db/user-grants";
import { setSubUnitIndicators } from "@/db/catalog";
import { addUnit } from "@/db/organizations";
import { listTargets } from "@/db/targets";
import { IDLE_BULLETIN } from "@/app/(app)/import/bulletin/bulletin-state";
import { accessOf } from "./guard";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveMonth } = await import("@/app/(app)/entry/[month]/actions");
const { saveYearTotals } = await import("@/app/(app)/entry/[month]/year-actions");
const { clearDemo } = await import("@/app/(app)/admin/actions");
const { submitMonthForReview, returnMonthForCorrection, approveMonthReview, unlockApprovedMonth } = await import("@/app/(app)/review-queue/actions");
const { saveDueSettings, sendTestMessage, retryOutboxMessage } = await import("@/app/(app)/admin/outbox/actions");
const { setReviewerGrant } = await import("@/app/(app)/admin/users/grant-actions");
const { correctBaseline, revertFigure } = await import("@/app/(app)/indicators/[key]/actions");
const { addUser, changeRole, liftNetworkLimit, liftSignInLimits, resetUserPassword, setUserDisabled } = await import("@/app/(app)/admin/users/actions");
const { changeOwnPassword } = await import("@/app/(app)/account/actions");
const { saveTarget, retireTargetAction, saveBands } = await import("@/app/(app)/targets/actions");
const { saveOrganization } = await import("@/app/(app)/admin/settings/actions");
const { saveCommentary } = await import("@/app/(app)/review/[quarter]/actions");
const { saveMonthBrief } = await import("@/app/(app)/report/[month]/actions");
const { addIndicatorAction, updateIndicatorAction, setIndicatorActiveAction } = await import("@/app/(app)/admin/catalog/actions");
const { importFigures } = await import("@/app/(app)/import/actions");
const { issueToken, revokeToken } = await import("@/app/(app)/admin/tokens/actions");
const { addUnitAction, renameUnitAction, setUnitRetiredAction, addAliasAction, removeAliasAction, saveSubUnitIndicatorsAction, setAccountUnitAction } = await import(
  "@/app/(app)/admin/units/actions"
);
const { allocateTarget } = await import("@/app/(app)/targets/actions");
const { importBulletin } = await import("@/app/(app)/import/bulletin/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Every action a test finds under app/, by the file it was exported from. */
async function allExportedActions(): Promise<[string, unknown][]> {
  const files = fs
    .readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("actions.ts"));
  const found: [string, unknown][] = [];
  for (const file of files) {
    const source = fs.readFileSync(path.resolve("app", file), "utf8");
    if (!source.startsWith('"use server"')) continue;
    const exported = await import(path.resolve("app", file));
    for (const [name, value] of Object.entries(exported)) found.push([`${file} › ${name}`, value]);
  }
  return found;
}

let cleanup: () => void;
let targetUserId: string;
let demoRevisionId: number;
let demoValue: number;
let demoTargetId: number;
let townId: number;
let nannyTargetId: number;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: true });
  await addAccount("admin", "admin", "管理员甲");
  await addAccount("second-admin", "admin");
  await addAccount("staff", "staff", "张三");
  await addAccount("viewer", "viewer", "李主任");
  // a leader's account holding the reviewer grant
  const reviewer = await addAccount("reviewer", "viewer", "赵书记");
  setUserGrant(getDb(), { userId: reviewer.id, grant: "reviewer", held: true, grantedBy: reviewer.id });
  targetUserId = (await addAccount("target", "staff")).id;
  const db = getDb();
  const nanny = getIndicatorByKey(db, "nanny_new");
  // the demo fills the twelve months before the current one: three months ago is one of them
  const demoMonth = addMonths(monthOfDate(new Date()), -3);
  demoRevisionId = listRevisions(db, getHomeOrganization(db).id, nanny!.id, demoMonth)[0]!.id;
  demoValue = getPeriodFigures(db, getHomeOrganization(db).id, demoMonth).get("nanny_new")!.value;
  demoTargetId = (db.$client.prepare("SELECT id FROM targets WHERE is_demo = 1 LIMIT 1").get() as { id: number }).id;
  // a town reporting 保姆式服务, for the unit actions
  townId = addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id;
  setSubUnitIndicators(db, new Set(["nanny_new"]));
  nannyTargetId = listTargets(db, getHomeOrganization(db).id).find((target) => target.key === "nanny_new" && !target.isDemo)?.id ?? 0;
});
afterAll(() => cleanup());

type Scenario = { name: string; permission: Permission | "signed-in"; call: () => Promise<{ status: string }> };

const idle = { status: "idle" as const, message: "", values: {}, fieldErrors: {}, bases: {}, conflicts: [] };
/** A month's saved brief as stored now: what a freshly loaded form carries as its base. */
const storedBrief = () => listComments(getDb(), getHomeOrganization(getDb()).id, "2025-03").find((c) => c.topic === "overall")?.body ?? "";
/** The commentary's overall analysis as stored now: what a freshly loaded form shows. */
const storedOverall = () => listComments(getDb(), getHomeOrganization(getDb()).id, "2024-Q1").find((c) => c.topic === "overall")?.body ?? "";
/** A year that is over, for whole-year totals. */
const lastYear = String(Number(monthOfDate(new Date()).slice(0, 4)) - 1);
const stepIdle = { status: "idle" as const, message: "", reason: "" };
const scenarios: Scenario[] = [
  { name: "saveMonth", permission: "figures:write", call: () => saveMonth(idle, form({ month: "2025-03", nanny_new: "40", base__nanny_new: "" })) },
  {
    name: "saveYearTotals",
    permission: "figures:write",
    call: () => saveYearTotals(idle, form({ year: lastYear, demand_new: "1500", base__demand_new: "" })),
  },
  {
    name: "revertFigure",
    permission: "figures:write",
    call: () =>
      revertFigure(
        { status: "idle", message: "" },
        form({ revisionId: String(demoRevisionId), seen__value: String(demoValue), seen__rankedUnits: "", seen__valueAbove: "", seen__valueBelow: "" }),
      ),
  },
  {
    name: "correctBaseline",
    permission: "baseline:correct",
    call: () => correctBaseline(idle, form({ key: "users_total", period: "2023-12", value: "14312", seen__value: "14312", reason: "复核原件" })),
  },
  { name: "clearDemo", permission: "demo:clear", call: () => clearDemo({ status: "idle", message: "" }, form({})) },
  { name: "submitMonthForReview", permission: "months:submit", call: () => submitMonthForReview(stepIdle, form({ month: "2026-10" })) },
  { name: "returnMonthForCorrection", permission: "months:review", call: () => returnMonthForCorrection(stepIdle, form({ month: "2026-10", reason: "数字有误" })) },
  { name: "approveMonthReview", permission: "months:review", call: () => approveMonthReview(stepIdle, form({ month: "2026-10" })) },
  { name: "unlockApprovedMonth", permission: "months:review", call: () => unlockApprovedMonth(stepIdle, form({ month: "2026-10", reason: "更正" })) },
  { name: "saveDueSettings", permission: "workflow:manage", call: () => saveDueSettings(idle, form({ dueDay: "6", soonDays: "3", trackFrom: "2026-09" })) },
  { name: "sendTestMessage", permission: "workflow:manage", call: () => sendTestMessage(idle, form({})) },
  { name: "retryOutboxMessage", permission: "workflow:manage", call: () => retryOutboxMessage(idle, form({ messageId: "1" })) },
  { name: "setReviewerGrant", permission: "users:manage", call: () => setReviewerGrant(idle, form({ userId: targetUserId, reviewer: "true" })) },
  {
    name: "addUser",
    permission: "users:manage",
    call: () => addUser(idle, form({ username: `new-${Math.random().toString(36).slice(2, 8)}`, name: "新人", role: "viewer", password: "password-123", confirm: "password-123" })),
  },
  { name: "changeRole", permission: "users:manage", call: () => changeRole(idle, form({ userId: targetUserId, role: "viewer" })) },
  { name: "resetUserPassword", permission: "users:manage", call: () => resetUserPassword(idle, form({ userId: targetUserId, password: "another-pass-1" })) },
  { name: "setUserDisabled", permission: "users:manage", call: () => setUserDisabled(idle, form({ userId: targetUserId, disabled: "true" })) },
  { name: "liftSignInLimits", permission: "users:manage", call: () => liftSignInLimits(idle, form({ userId: targetUserId })) },
  { name: "liftNetworkLimit", permission: "users:manage", call: () => liftNetworkLimit(idle, form({ network: "203.0.113.9" })) },
  {
    name: "saveTarget",
    permission: "targets:manage",
    call: () => saveTarget(idle, form({ indicator: "nanny_new", year: "2026", rule: "monthly_avg", value: "34", source: "省科协要求" })),
  },
  { name: "retireTargetAction", permission: "targets:manage", call: () => retireTargetAction(idle, form({ targetId: String(demoTargetId), fromYear: "2030" })) },
  { name: "saveBands", permission: "targets:manage", call: () => saveBands(idle, form({ green: "100", amber: "85" })) },
  {
    name: "saveCommentary",
    permission: "comments:write",
    call: () => saveCommentary(idle, form({ quarter: "2024-Q1", overall: `总体分析 ${Math.random()}`, base__overall: storedOverall() })),
  },
  {
    name: "saveMonthBrief",
    permission: "comments:write",
    call: () => saveMonthBrief(idle, form({ month: "2025-03", brief: `截至3月底，我区…… ${Math.random()}`, base__brief: storedBrief() })),
  },
  {
    name: "addIndicatorAction",
    permission: "catalog:manage",
    call: () =>
      addIndicatorAction(idle, form({ key: `bench_${Math.random().toString(36).slice(2, 8)}`, name: "新指标", unit: "个", category: "科普", kind: "flow", decimals: "0", sortOrder: "999" })),
  },
  {
    name: "updateIndicatorAction",
    permission: "catalog:manage",
    call: () => updateIndicatorAction(idle, form({ key: "demand_new", name: `新增发布科技所需 ${Math.random()}`, unit: "条", category: "供需对接", sortOrder: "90" })),
  },
  { name: "setIndicatorActiveAction", permission: "catalog:manage", call: () => setIndicatorActiveAction(idle, form({ key: "studio_premium", active: "false" })) },
  {
    name: "importFigures",
    permission: "figures:write",
    call: () => importFigures({ status: "idle", message: "", paste: "", preview: null, payload: null }, form({ intent: "preview", paste: "指标\t2025-05\nnanny_new\t33\n" })),
  },
  { name: "issueToken", permission: "tokens:manage", call: () => issueToken({ status: "idle", message: "", token: null }, form({ name: "市科协数据平台" })) },
  { name: "revokeToken", permission: "tokens:manage", call: () => revokeToken({ status: "idle", message: "", token: null }, form({ tokenId: "1" })) },
  {
    name: "saveOrganization",
    permission: "settings:manage",
    call: () => saveOrganization(idle, form({ name: `攀枝花市西区科学技术协会${Math.random().toString(36).slice(2, 5)}`, shortName: "西区" })),
  },
  {
    name: "addUnitAction",
    permission: "units:manage",
    call: () => addUnitAction(idle, form({ name: `新镇${Math.random().toString(36).slice(2, 7)}`, shortName: `新${Math.random().toString(36).slice(2, 5)}`, kind: "sub" })),
  },
  { name: "renameUnitAction", permission: "units:manage", call: () => renameUnitAction(idle, form({ unitId: String(townId), name: `格里坪镇${Math.random().toString(36).slice(2, 5)}`, shortName: "格里坪" })) },
  { name: "setUnitRetiredAction", permission: "units:manage", call: () => setUnitRetiredAction(idle, form({ unitId: String(townId), retire: "false" })) },
  { name: "addAliasAction", permission: "units:manage", call: () => addAliasAction(idle, form({ unitId: String(townId), alias: `格里坪${Math.random().toString(36).slice(2, 6)}` })) },
  { name: "removeAliasAction", permission: "units:manage", call: () => removeAliasAction(idle, form({ unitId: String(townId), alias: "没有的别名" })) },
  { name: "saveSubUnitIndicatorsAction", permission: "units:manage", call: () => saveSubUnitIndicatorsAction(idle, form({ indicator: "nanny_new" })) },
  { name: "setAccountUnitAction", permission: "units:manage", call: () => setAccountUnitAction(idle, form({ userId: targetUserId, unit: "" })) },
  { name: "allocateTarget", permission: "targets:manage", call: () => allocateTarget(idle, form({ targetId: String(nannyTargetId), year: "2026", method: "equal" })) },
  {
    name: "importBulletin",
    permission: "bulletin:import",
    call: () => importBulletin({ ...IDLE_BULLETIN }, form({ intent: "preview", paste: "单位\t科普服务量\t全省排名\n攀枝花市西区\t878.44万\t12\n" })),
  },
  {
    name: "changeOwnPassword",
    permission: "signed-in",
    call: () => changeOwnPassword({ status: "idle", message: "", fieldErrors: {} }, form({ currentPassword: "wrong-password", newPassword: "brand-new-pass", confirm: "brand-new-pass" })),
  },
];

describe("every exported server action goes through the one gate", () => {
  it("is built with guarded, signedIn or publicAction", async () => {
    const ungated = (await allExportedActions()).filter(([, action]) => accessOf(action) === null).map(([name]) => name);
    expect(ungated).toEqual([]);
  });

  it("has a scenario in the authorization matrix below when it needs a role", async () => {
    const covered = new Set(scenarios.map((scenario) => scenario.name));
    const missing = (await allExportedActions())
      .filter(([, action]) => accessOf(action)?.kind !== "public")
      .map(([name]) => name.split(" › ")[1] ?? name)
      .filter((name) => !covered.has(name));
    expect(missing).toEqual([]);
  });

  it("is never bound in a client component (a client-bound action hangs a form posted before JavaScript loads)", () => {
    const clientFiles = fs
      .readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".tsx"))
      .filter((file) => fs.readFileSync(path.resolve("app", file), "utf8").startsWith('"use client"'));
    const binding = clientFiles.filter((file) => /\.bind\(/.test(fs.readFileSync(path.resolve("app", file), "utf8")));
    expect(clientFiles.length).toBeGreaterThan(0);
    expect(binding).toEqual([]);
  });

  it("leaves only signing in, signing out and first-run setup public", async () => {
    const publicOnes = (await allExportedActions()).filter(([, action]) => accessOf(action)?.kind === "public").map(([name]) => name.split(" › ")[1]);
    expect(publicOnes.sort()).toEqual(["setUp", "signIn", "signOut"]);
  });
});

describe.each<[string, Principal]>([
  ["anonymous", null],
  ["viewer", "viewer"],
  ["reviewer", { role: "viewer", grants: ["reviewer"] }],
  ["staff", "staff"],
  ["admin", "admin"],
])("the authorization matrix as %s", (label, principal) => {
  beforeEach(async () => {
    if (principal) await signInAs(label);
    else anonymousRequest();
  });

  for (const scenario of scenarios) {
    const allowed = scenario.permission === "signed-in" ? principal !== null : can(principal, scenario.permission);
    it(`${allowed ? "lets" : "refuses"} ${scenario.name}${allowed ? "" : ", changing nothing"}`, async () => {
      const before = dumpTables(getDb());
      const result = await scenario.call();
      if (allowed) {
        expect(result.status).not.toBe("refused");
      } else {
        expect(result.status).toBe("refused");
        const after = dumpTables(getDb());
        // a refused call may at most have refreshed the expiry of the caller's own session
        const sessionIds = (rows: unknown[] | undefined) => (rows ?? []).map((row) => (row as { id: string }).id);
        expect(sessionIds(after.sessions)).toEqual(sessionIds(before.sessions));
        expect({ ...after, sessions: [] }).toEqual({ ...before, sessions: [] });
      }
    });
  }
});
