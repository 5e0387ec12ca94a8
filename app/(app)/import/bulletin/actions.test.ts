import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentTime } from "@/lib/clock";
import { addMonths, formatMonth, monthOfDate, monthParts } from "@/lib/periods";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { dumpTables } from "@/tests/support/database";
import { bulletinWorkbook, HOME_UNIT_NAME, type BulletinFixture } from "@/tests/fixtures/bulletin";
import { getDb } from "@/db/client";
import { getIndicatorByKey } from "@/db/catalog";
import { listMissingIndicators, submitMonth } from "@/db/month-review";
import { getPeriodFigures } from "@/db/observations";
import { addUnit, getHomeOrganization, listUnits, setUserUnit } from "@/db/organizations";
import { listRevisions } from "@/db/revisions";
import { saveFigures } from "@/db/save-figures";
import { IDLE_BULLETIN, type BulletinState } from "./bulletin-state";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { importBulletin } = await import("./actions");

/** The month the bulletin reports: the last one that is over, on any day; the misstated one is the month before. */
const MONTH = addMonths(monthOfDate(currentTime()), -1);
const EARLIER_MONTH = addMonths(MONTH, -1);
const FILE_NAME = `${monthParts(MONTH).month}月通报.xlsx`;
let cleanup: () => void;
let staffId: string;
let fixture: BulletinFixture;
let bytes: Buffer;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  staffId = (await addAccount("zhangsan", "staff", "张三")).id;
  await addAccount("leader", "viewer", "李主任");
  const town = addUnit(getDb(), { name: "格里坪镇", shortName: "格里坪", kind: "sub" });
  const townStaff = await addAccount("town-staff", "staff", "镇工作人员");
  setUserUnit(getDb(), { userId: townStaff.id, organizationId: town.id, assignedBy: staffId });
  ({ buffer: bytes, fixture } = await bulletinWorkbook({ size: "small", month: MONTH }));
});
afterAll(() => cleanup());

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const file = () => new File([new Uint8Array(bytes)], FILE_NAME);
const preview = () => importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: file(), source: "省科协月度通报", scope: "province", month: "" }));
const commit = (state: BulletinState) => importBulletin(state, form({ intent: "commit", payload: state.payload ?? "" }));
/** The preview's own form posted again with an intent (the page's buttons). */
const again = (state: BulletinState, intent: string, more: Record<string, string> = {}) =>
  importBulletin(state, form({ intent, table: state.table ?? "", fileName: state.preview?.fileName ?? "", source: state.values.source, scope: state.values.scope, month: "", ...Object.fromEntries((state.preview?.columns ?? []).map((column) => [`map__${column.column}`, column.key])), ...more }));
const home = () => getHomeOrganization(getDb());
const figure = (unitId: number, key: string) => getPeriodFigures(getDb(), unitId, MONTH).get(key);
const expectedOf = (name: string) => fixture.units.find((unit) => unit.name === name);

describe("the provincial bulletin import", () => {
  it("previews a 10-unit bulletin without writing, derives the home unit's rank, N and neighbours, and commits them revisioned as 省级通报 with the file name", async () => {
    await signInAs("zhangsan");
    const before = dumpTables(getDb());
    const shown = await preview();
    expect(shown.status).toBe("preview");
    expect(dumpTables(getDb())).toEqual(before);
    expect(shown.preview?.monthLabel).toBe(formatMonth(MONTH));
    expect(shown.preview?.matched).toBe(1);
    expect(shown.preview?.unmatched).toHaveLength(9);
    const westRank = expectedOf(HOME_UNIT_NAME)?.expected.popsci_volume_rank;
    expect(shown.preview?.home?.ranks.find((rank) => rank.key === "popsci_volume_rank")?.rankText).toBe(`第${westRank}名（共10）`);

    const done = await commit(shown);
    expect(done.status).toBe("done");
    expect(done.message).toContain(`已导入“${FILE_NAME}”（${formatMonth(MONTH)}）：1 个单位`);
    const rank = figure(home().id, "popsci_volume_rank");
    expect(rank?.value).toBe(westRank);
    expect(rank?.rankedUnits).toBe(10);
    // the neighbours' figures, read from the units at the places just above and below
    const volumes = fixture.units.flatMap((unit) => (unit.figures.popsci_volume === null ? [] : [unit.figures.popsci_volume])).sort((a, b) => b - a);
    const own = expectedOf(HOME_UNIT_NAME)?.figures.popsci_volume ?? 0;
    expect(rank?.valueAbove).toBe(volumes.filter((value) => value > own).at(-1) ?? null);
    expect(rank?.valueBelow).toBe(volumes.filter((value) => value < own)[0] ?? null);
    expect(figure(home().id, "supply_total_rank")).toMatchObject({ value: 1, rankedUnits: 10, valueAbove: null, valueBelow: 11000 });
    expect(figure(home().id, "popsci_volume")?.value).toBe(931.2);
    const indicator = getIndicatorByKey(getDb(), "popsci_volume_rank");
    expect(listRevisions(getDb(), home().id, indicator?.id ?? 0, MONTH)[0]).toMatchObject({ source: "bulletin", changedBy: staffId, note: `通报文件：${FILE_NAME}` });
  });

  it("changes nothing when the same file is imported again: the preview has nothing to write", async () => {
    await signInAs("zhangsan");
    const before = dumpTables(getDb());
    const shown = await preview();
    expect(shown.message).toBe("通报中的数与系统中完全一致，没有需要导入的改动。");
    expect(shown.payload).toBeNull();
    expect(shown.preview?.counts.new).toBe(0);
    expect(shown.preview?.counts.changed).toBe(0);
    expect(dumpTables(getDb())).toEqual(before);
  });

  it("adds the unmatched names as peer units in one click, then stores every peer's figures", async () => {
    await signInAs("zhangsan");
    const added = await again(await preview(), "peers:all");
    expect(added.message).toContain("已添加 9 个同级单位");
    expect(added.preview?.unmatched).toEqual([]);
    expect(listUnits(getDb(), ["peer"]).map((unit) => unit.shortName)).toEqual(expect.arrayContaining(["东区", "市中区", "西昌市"]));
    const done = await commit(added);
    expect(done.status).toBe("done");
    const east = listUnits(getDb(), ["peer"]).find((unit) => unit.name === "攀枝花市东区");
    expect(figure(east?.id ?? 0, "users_total")?.value).toBe(expectedOf("攀枝花市东区")?.figures.users_total);
    expect(figure(east?.id ?? 0, "popsci_volume_rank")?.rankedUnits).toBe(10);
    expect((await preview()).payload).toBeNull();
  });

  it("writes nothing when a figure changed after the preview, and leaves out the values of a unit whose month is closed", async () => {
    await signInAs("zhangsan");
    const changed = await bulletinWorkbook({ size: "small", month: MONTH, seed: 99 });
    const bytesOf = () => new File([new Uint8Array(changed.buffer)], `${monthParts(MONTH).month}月通报（更正）.xlsx`);
    const shown = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: bytesOf(), source: "省科协月度通报", scope: "province" }));
    expect(shown.preview?.blocking).toEqual([]);
    expect(shown.payload).not.toBeNull();

    // someone corrects a peer's figure between the preview and the commit
    const east = listUnits(getDb(), ["peer"]).find((unit) => unit.name === "攀枝花市东区");
    saveFigures(getDb(), { organizationId: east?.id ?? 0, period: MONTH, figures: new Map([["users_total", { value: 1 }]]), source: "script", changedBy: null });
    const before = dumpTables(getDb());
    const conflict = await commit(shown);
    expect(conflict.status).toBe("conflict");
    expect(conflict.message).toContain("攀枝花市东区“累计注册用户”");
    expect(dumpTables(getDb())).toEqual(before);

    // the home unit's month submitted for review: its values are marked and left out, the peers' go ahead
    const confirmedMissing = listMissingIndicators(getDb(), home().id, MONTH).map((indicator) => indicator.key);
    expect(submitMonth(getDb(), { organizationId: home().id, month: MONTH, userId: staffId, confirmedMissing }).ok).toBe(true);
    const homeBefore = getPeriodFigures(getDb(), home().id, MONTH);
    const closed = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: bytesOf(), source: "省科协月度通报", scope: "province" }));
    expect(closed.status).toBe("preview");
    expect(closed.preview?.blocking).toEqual([]);
    const submitted = closed.preview?.counts.submitted ?? 0;
    expect(submitted).toBeGreaterThan(0);
    expect(closed.preview?.homeRows.filter((row) => row.status !== "unchanged").every((row) => row.status === "submitted")).toBe(true);
    expect(closed.message).toContain(`另有 ${submitted} 个数属于已提交审核的月份（攀枝花市西区科学技术协会（已提交审核））`);
    const done = await commit(closed);
    expect(done.status).toBe("done");
    expect(done.message).toContain(`另有 ${submitted} 个数属于已提交审核的月份，未导入。`);
    expect(getPeriodFigures(getDb(), home().id, MONTH)).toEqual(homeBefore);
    expect(figure(east?.id ?? 0, "users_total")?.value).toBe(changed.fixture.units.find((unit) => unit.name === "攀枝花市东区")?.figures.users_total);
  });

  it("warns when a stated rank disagrees with the figures, and keeps the stated one", async () => {
    await signInAs("zhangsan");
    const misstated = await bulletinWorkbook({ size: "small", month: EARLIER_MONTH, misstate: [{ name: "攀枝花市东区", rankKey: "popsci_volume_rank", rank: 1 }] });
    const shown = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: new File([new Uint8Array(misstated.buffer)], `${monthParts(EARLIER_MONTH).month}月.xlsx`), source: "省科协月度通报", scope: "province" }));
    const computed = misstated.fixture.units.find((unit) => unit.name === "攀枝花市东区")?.expected.popsci_volume_rank;
    expect(shown.preview?.warnings).toContain(`攀枝花市东区 科普服务量全省排名：通报为第1名，按数值计算为第${computed}名（以通报为准）`);
    await commit(shown);
    const east = listUnits(getDb(), ["peer"]).find((unit) => unit.name === "攀枝花市东区");
    expect(getPeriodFigures(getDb(), east?.id ?? 0, EARLIER_MONTH).get("popsci_volume_rank")?.value).toBe(1);
  });

  it("is refused to a viewer and to a town's staff, changing nothing", async () => {
    for (const who of ["leader", "town-staff"]) {
      await signInAs(who);
      const before = dumpTables(getDb());
      const answer = await preview();
      expect(answer.status).toBe("refused");
      expect(dumpTables(getDb())).toEqual(before);
    }
  });

  it("flags a unit's value far outside its history on its row, and writes the bulletin only once the tick confirms the flagged values", async () => {
    await signInAs("zhangsan");
    const month = addMonths(MONTH, -6);
    // 科普服务量 at about 92万人次 in the months before (the bulletin says 931.2)
    for (const [back, value] of [[4, 90], [3, 91], [2, 92], [1, 93]] as const) {
      saveFigures(getDb(), { organizationId: home().id, period: addMonths(month, -back), figures: new Map([["popsci_volume", { value }]]), source: "script", changedBy: null });
    }
    const workbook = await bulletinWorkbook({ size: "small", month });
    const upload = () => new File([new Uint8Array(workbook.buffer)], `${monthParts(month).month}月通报.xlsx`);
    const shown = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: upload(), source: "省科协月度通报", scope: "province", month: "" }));
    expect(shown).toMatchObject({ status: "preview", message: expect.stringContaining("与该单位以往相差很大") });
    const flagged = shown.preview?.homeRows.filter((row) => row.flag !== null) ?? [];
    expect(flagged.map((row) => row.name)).toEqual(["科普服务量"]);
    expect(flagged[0]?.flag).toContain("近4个月中位数 91.5万人次，本次 931.2万人次（约10倍）");
    expect(shown.preview?.flags?.lines).toEqual([expect.stringContaining("攀枝花市西区科学技术协会 科普服务量：近4个月中位数 91.5万人次")]);
    expect(shown.preview?.flags?.confirmation).toBe(`${home().id}|popsci_volume|931.2`);

    const before = dumpTables(getDb());
    const refused = await commit(shown);
    expect(refused).toMatchObject({ status: "refused", message: expect.stringContaining("尚未确认核对") });
    expect(dumpTables(getDb())).toEqual(before);

    const done = await importBulletin(shown, form({ intent: "commit", payload: shown.payload ?? "", plausible: shown.preview?.flags?.confirmation ?? "" }));
    expect(done.status).toBe("done");
    expect(getPeriodFigures(getDb(), home().id, month).get("popsci_volume")?.value).toBe(931.2);
    const volume = getIndicatorByKey(getDb(), "popsci_volume");
    expect(listRevisions(getDb(), home().id, volume?.id ?? 0, month)[0]).toMatchObject({
      source: "bulletin",
      plausibilityNote: expect.stringContaining("异常值已核对：近4个月中位数 91.5万人次"),
    });
  });

  it("reads the province's layout (市（州） + 县（市、区）, units in brackets) without hand mapping and says which columns it used", async () => {
    await signInAs("zhangsan");
    const month = addMonths(MONTH, -9);
    const province = await bulletinWorkbook({ layout: "split", month });
    const upload = () => new File([new Uint8Array(province.buffer)], `${monthParts(month).month}月全省通报.xlsx`);
    const shown = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", file: upload(), source: "省科协全省通报", scope: "province", month: "" }));
    const known = 1 + listUnits(getDb(), ["peer"]).length;
    expect(shown.preview?.nameLetters).toBe("B+C");
    expect(shown.preview?.nameSentence).toMatch(new RegExp(`^单位名称取自「市（州）」\\+「县（市、区）」两列：其中 ${known} 个与已知单位或别名相符`));
    expect(shown.preview?.matched).toBe(known);
    expect(shown.preview?.unmatched).toHaveLength(183 - known);
    expect(shown.preview?.unmatched.some((entry) => entry.city)).toBe(false);
    expect(shown.preview?.columns.map((column) => column.key)).toEqual(province.fixture.layout.columns.map((column) => column.key));
    expect(shown.preview?.blocking).toEqual([]);
    const westRank = province.fixture.units.find((unit) => unit.name === HOME_UNIT_NAME)?.expected.popsci_volume_rank;
    const ranked = province.fixture.units.filter((unit) => unit.stated.popsci_volume_rank !== null).length;
    expect(shown.preview?.home?.ranks.find((rank) => rank.key === "popsci_volume_rank")?.rankText).toBe(`第${westRank}名（共${ranked}）`);
    const done = await commit(shown);
    expect(done.status).toBe("done");
    expect(getPeriodFigures(getDb(), home().id, month).get("popsci_volume")?.value).toBe(931.2);
  });

  it("does not add names that look like cities as peers, and says so", async () => {
    await signInAs("zhangsan");
    const cities = ["序号\t市（州）\t科普服务量（万人次）", "1\t攀枝花市西区\t931.2", "2\t攀枝花市\t1800", "3\t凉山州\t2200", "4\t眉山市东坡区\t700", "5\t眉山市彭山区\t300"].join("\n");
    const shown = await importBulletin(IDLE_BULLETIN, form({ intent: "preview", paste: cities, source: "市州汇总", scope: "partial", month: EARLIER_MONTH }));
    expect(shown.preview?.unmatched.filter((entry) => entry.city).map((entry) => entry.name)).toEqual(["攀枝花市", "凉山州"]);
    const peersBefore = listUnits(getDb(), ["peer"]).length;
    const added = await again(shown, "peers:all");
    expect(added.message).toContain("已添加 2 个同级单位");
    expect(added.message).toContain("2 个名称像是市（州）名而非区县（如“攀枝花市”“凉山州”），未作为同级单位添加");
    expect(listUnits(getDb(), ["peer"]).map((unit) => unit.name)).not.toContain("攀枝花市");
    expect(listUnits(getDb(), ["peer"])).toHaveLength(peersBefore + 2);
  });
});
