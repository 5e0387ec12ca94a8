import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { listAuditEntries } from "@/db/audit";
import { listUnitIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getHomeOrganization, getUserUnitId, listAliases, listUnits } from "@/db/organizations";

const EMPTY_FILTER = { area: null, userId: null, from: null, to: null, month: null };

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { addUnitAction, renameUnitAction, addAliasAction, saveSubUnitIndicatorsAction, setAccountUnitAction, setUnitRetiredAction } = await import("./actions");

let cleanup: () => void;
let staffId: string;
let adminId: string;
const idle = { status: "idle" as const, message: "", fieldErrors: {}, values: {} };

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  adminId = (await addAccount("admin", "admin", "王管理")).id;
  staffId = (await addAccount("xiaoli", "staff", "小李")).id;
});
afterAll(() => cleanup());

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

describe("managing units", () => {
  it("adds a town and a peer, renames and retires them, each recorded in the audit", async () => {
    await signInAs("admin");
    expect(await addUnitAction(idle, form({ name: "格里坪镇", shortName: "格里坪", kind: "sub" }))).toMatchObject({ status: "done", message: "已添加下属镇街“格里坪镇”。" });
    expect(await addUnitAction(idle, form({ name: "攀枝花市东区", shortName: "东区", kind: "peer" }))).toMatchObject({ status: "done" });
    const town = listUnits(getDb(), ["sub"])[0];
    expect(await renameUnitAction(idle, form({ unitId: String(town?.id), name: "格里坪镇人民政府", shortName: "格里坪" }))).toMatchObject({ status: "done" });
    expect(await setUnitRetiredAction(idle, form({ unitId: String(town?.id), retire: "true", month: "2026-10" }))).toMatchObject({ status: "done", message: "“格里坪镇人民政府”自2026年10月起停用；以前的数据与目标保留。" });
    const audit = listAuditEntries(getDb(), { organizationId: getHomeOrganization(getDb()).id, filter: { ...EMPTY_FILTER, area: "units" }, limit: 10 }).entries;
    expect(audit.map((entry) => entry.action)).toEqual(["停用单位", "修改单位名称", "添加单位", "添加单位"]);
  });

  it("refuses a second town of the same name and an alias another unit goes by, changing nothing", async () => {
    await signInAs("admin");
    const before = dumpTables(getDb());
    expect(await addUnitAction(idle, form({ name: "格里坪镇人民政府", shortName: "格", kind: "sub" }))).toMatchObject({ status: "invalid", fieldErrors: { name: ["已有镇街“格里坪镇人民政府”使用这个名称"] } });
    const home = getHomeOrganization(getDb());
    expect((await addAliasAction(idle, form({ unitId: String(home.id), alias: "东区" }))).status).toBe("invalid");
    expect(dumpTables(getDb())).toEqual(before);
    expect(await addAliasAction(idle, form({ unitId: String(home.id), alias: "攀枝花市西区" }))).toMatchObject({ status: "done" });
    expect(listAliases(getDb()).get(home.id)).toEqual(["攀枝花市西区"]);
  });

  it("chooses the indicators towns report, refusing ranks", async () => {
    await signInAs("admin");
    expect(await saveSubUnitIndicatorsAction(idle, form({ indicator: ["nanny_new", "users_new"] }))).toMatchObject({ status: "done" });
    expect(listUnitIndicators(getDb(), { kind: "sub" }).map((indicator) => indicator.key)).toEqual(["users_new", "nanny_new"]);
    expect(await saveSubUnitIndicatorsAction(idle, form({ indicator: ["nanny_new", "popsci_volume_rank"] }))).toMatchObject({ status: "invalid" });
  });

  it("limits a staff account to a town, never an administrator, and never to a peer", async () => {
    await signInAs("admin");
    const town = listUnits(getDb(), ["sub"])[0];
    const peer = listUnits(getDb(), ["peer"])[0];
    expect(await setAccountUnitAction(idle, form({ userId: staffId, unit: String(town?.id) }))).toMatchObject({ status: "done", message: "小李（xiaoli）此后只能查看和填报“格里坪镇人民政府”的数据。" });
    expect(getUserUnitId(getDb(), staffId)).toBe(town?.id);
    expect(await setAccountUnitAction(idle, form({ userId: adminId, unit: String(town?.id) }))).toMatchObject({ status: "invalid" });
    expect(await setAccountUnitAction(idle, form({ userId: staffId, unit: String(peer?.id) }))).toMatchObject({ status: "invalid" });
    expect(await setAccountUnitAction(idle, form({ userId: staffId, unit: "" }))).toMatchObject({ status: "done" });
    expect(getUserUnitId(getDb(), staffId)).toBeNull();
  });

  it("is for administrators only", async () => {
    await signInAs("xiaoli");
    expect((await addUnitAction(idle, form({ name: "大宝鼎街道", shortName: "大宝鼎", kind: "sub" }))).status).toBe("refused");
  });
});
