import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { setSubUnitIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { addUnit, getHomeOrganization } from "@/db/organizations";
import { listTargets, listTargetsByKey } from "@/db/targets";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { allocateTarget } = await import("./actions");

let cleanup: () => void;
let towns: number[];
let districtTarget: number;
const idle = { status: "idle" as const, message: "", fieldErrors: {}, values: {} };

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  await addAccount("admin", "admin", "王管理");
  const db = getDb();
  towns = [addUnit(db, { name: "格里坪镇", shortName: "格里坪", kind: "sub" }).id, addUnit(db, { name: "清香坪街道", shortName: "清香坪", kind: "sub" }).id];
  setSubUnitIndicators(db, new Set(["nanny_new"]));
  // the province's 34 a month, seeded for the district
  districtTarget = listTargets(db, getHomeOrganization(db).id).find((target) => target.key === "nanny_new")?.id ?? 0;
});
afterAll(() => cleanup());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const shares = () => towns.map((town) => listTargetsByKey(getDb(), town, 2026).get("nanny_new")?.[0]);

describe("allocating the district's target to its towns", () => {
  it("splits 34 a month equally, each town's share becoming its own standing target of the same rule", async () => {
    await signInAs("admin");
    const done = await allocateTarget(idle, form({ targetId: String(districtTarget), year: "2026", method: "equal" }));
    expect(done).toMatchObject({ status: "done", message: "已将“促成“保姆式”服务单数”的区目标分配到 2 个镇街（平均分配）：合计 34单，与区目标一致。" });
    expect(shares()).toMatchObject([
      { rule: "monthly_avg", value: 17, fromYear: 2026, untilYear: null, source: "按区目标分配（平均分配）" },
      { rule: "monthly_avg", value: 17, fromYear: 2026, untilYear: null, source: "按区目标分配（平均分配）" },
    ]);
  });

  it("splits by weight with the largest remainder, replacing the towns' earlier shares (kept in their history)", async () => {
    await signInAs("admin");
    await allocateTarget(idle, form({ targetId: String(districtTarget), year: "2026", method: "weighted", [`weight__${towns[0]}`]: "3", [`weight__${towns[1]}`]: "1" }));
    // 25.5 and 8.5: the step left over goes to the larger weight
    expect(shares().map((target) => target?.value)).toEqual([26, 8]);
    expect(listTargets(getDb(), towns[0] ?? 0).filter((target) => target.withdrawn)).toHaveLength(1);
  });

  it("takes typed shares as they are and says how their sum stands against the district's target", async () => {
    await signInAs("admin");
    const done = await allocateTarget(idle, form({ targetId: String(districtTarget), year: "2026", method: "typed", [`share__${towns[0]}`]: "20", [`share__${towns[1]}`]: "10" }));
    expect(done.message).toContain("合计 30单，比区目标少 4单");
    expect(shares().map((target) => target?.value)).toEqual([20, 10]);
  });

  it("refuses bad shares and unknown targets, changing nothing", async () => {
    await signInAs("admin");
    const before = dumpTables(getDb());
    expect(await allocateTarget(idle, form({ targetId: String(districtTarget), year: "2026", method: "typed", [`share__${towns[0]}`]: "2.5" }))).toMatchObject({
      status: "invalid",
      fieldErrors: { [`share__${towns[0]}`]: ["分配数应为整数"] },
    });
    expect(await allocateTarget(idle, form({ targetId: "999999", year: "2026", method: "equal" }))).toMatchObject({ status: "invalid", message: "该区目标不存在或已撤回，未做任何修改。" });
    expect(dumpTables(getDb())).toEqual(before);
  });
});
