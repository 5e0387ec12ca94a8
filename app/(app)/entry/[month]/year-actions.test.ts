import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { monthOfDate, yearOf } from "@/lib/periods";
import { addAccount, openTemporaryAppDatabase, signInAs } from "@/tests/support/accounts";
import { fingerprint, form, loadYearTotalsForm, typedInto } from "@/tests/support/forms";
import { getIndicatorByKey } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listFigures } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { setPeriodLock } from "@/db/period-locks";
import { listRevisions } from "@/db/revisions";
import type { EntryState } from "./entry-state";

vi.mock("next/headers", async () => (await import("@/tests/support/next-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/next-request")).nextCacheMock);

const { saveYearTotals } = await import("./year-actions");

const idle: EntryState = { status: "idle", message: "", values: {}, bases: {}, fieldErrors: {}, conflicts: [] };
const THIS_YEAR = yearOf(monthOfDate(new Date()));
/** A year that is over and holds nothing yet. */
const YEAR = THIS_YEAR - 2;
let cleanup: () => void;
let staffId: string;

beforeAll(async () => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  staffId = (await addAccount("zhangsan", "staff", "张三")).id;
  await addAccount("boss", "admin");
  await signInAs("zhangsan");
});
afterAll(() => cleanup());

const organizationId = () => getHomeOrganization(getDb()).id;
const stored = (year: number) => listFigures(getDb(), organizationId(), `${year}`, `${year}-12`).map((figure) => [figure.period, figure.key, figure.value]);

describe("whole-year totals on the form", () => {
  it("store a past year's flows against the year, never spread over its months, each with its revision", async () => {
    const state = await saveYearTotals(idle, typedInto(loadYearTotalsForm(YEAR), { demand_new: "2,150", studio_new: "300" }));
    expect(state).toMatchObject({ status: "saved", message: expect.stringContaining(`已保存${YEAR}年全年合计：更新 2 项指标`) });
    expect(state.values.demand_new).toBe("2150");
    expect(stored(YEAR)).toEqual([[`${YEAR}`, "demand_new", 2150], [`${YEAR}`, "studio_new", 300]]);
    const db = getDb();
    const revisions = listRevisions(db, organizationId(), getIndicatorByKey(db, "demand_new")!.id, `${YEAR}`);
    expect(revisions).toEqual([expect.objectContaining({ oldValue: null, newValue: 2150, source: "form", changedBy: staffId })]);
  });

  it("ask for the flows only: a level posted to it is not stored", async () => {
    const loaded = loadYearTotalsForm(YEAR);
    expect(Object.keys(loaded)).toContain("nanny_new");
    expect(Object.keys(loaded)).not.toContain("users_total");
    expect(Object.keys(loaded)).not.toContain("supply_total_rank");
    const state = await saveYearTotals(idle, typedInto(loaded, { users_total: "18000", base__users_total: "" }));
    expect(state.status).toBe("saved");
    expect(stored(YEAR).map(([, key]) => key)).not.toContain("users_total");
  });

  it("refuse the year still running, a year to come and a malformed one, writing nothing", async () => {
    const before = fingerprint();
    for (const year of [String(THIS_YEAR), String(THIS_YEAR + 1)]) {
      const state = await saveYearTotals(idle, form({ year, nanny_new: "400", base__nanny_new: "" }));
      expect(state).toMatchObject({ status: "refused", message: expect.stringContaining(`${year}年尚未结束，不能填全年合计`) });
      expect(state.values.nanny_new).toBe("400");
    }
    for (const year of ["", "1999", "2101", `${YEAR}-03`, "abc"]) {
      expect((await saveYearTotals(idle, form({ year, nanny_new: "400", base__nanny_new: "" }))).status).toBe("refused");
    }
    expect(fingerprint()).toBe(before);
  });

  it("check each figure as the monthly form does, naming every bad field and saving none", async () => {
    const before = fingerprint();
    const state = await saveYearTotals(idle, typedInto(loadYearTotalsForm(YEAR), { deals_new: "3.5", nanny_new: "-1", supply_new: "12,5" }));
    expect(state.status).toBe("invalid");
    expect(Object.keys(state.fieldErrors).sort()).toEqual(["deals_new", "nanny_new", "supply_new"]);
    expect(fingerprint()).toBe(before);
  });

  it("refuse a change someone made since the form loaded, writing nothing, and name who", async () => {
    const mine = loadYearTotalsForm(YEAR);
    await saveYearTotals(idle, typedInto(loadYearTotalsForm(YEAR), { demand_new: "2200" }));
    const before = fingerprint();
    const state = await saveYearTotals(idle, typedInto(mine, { demand_new: "2300", deals_new: "40" }));
    expect(state.status).toBe("conflict");
    expect(state.conflicts).toEqual([expect.objectContaining({ field: "demand_new", theirs: "2200", mine: "2300", message: expect.stringContaining("张三") })]);
    expect(fingerprint()).toBe(before);
  });

  it("keep the 2023 baseline read-only, while a flow the document gives no 2023 figure for can be entered", async () => {
    const before = fingerprint();
    const refused = await saveYearTotals(idle, typedInto(loadYearTotalsForm(2023), { users_new: "4000" }));
    expect(refused).toMatchObject({ status: "refused", message: expect.stringContaining("2023年基线数据，只读") });
    expect(fingerprint()).toBe(before);
    const saved = await saveYearTotals(idle, typedInto(loadYearTotalsForm(2023), { nanny_new: "410" }));
    expect(saved.status).toBe("saved");
    expect(stored(2023)).toContainEqual(["2023", "nanny_new", 410]);
    expect(stored(2023)).toContainEqual(["2023", "users_new", 3918]);
  });

  it("close with the year's December: locked, it refuses the totals too", async () => {
    const db = getDb();
    const boss = db.$client.prepare("SELECT id FROM users WHERE username = 'boss'").get() as { id: string };
    setPeriodLock(db, { organizationId: organizationId(), month: `${YEAR}-12`, locked: true, userId: boss.id });
    const before = fingerprint();
    const state = await saveYearTotals(idle, typedInto(loadYearTotalsForm(YEAR), { studio_new: "301" }));
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining(`${YEAR}年12月（含${YEAR}年全年合计）已锁定`) });
    expect(state.values.studio_new).toBe("301");
    expect(fingerprint()).toBe(before);
    setPeriodLock(db, { organizationId: organizationId(), month: `${YEAR}-12`, locked: false, userId: boss.id });
  });
});
