import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EnteredFigure } from "@/lib/entry-schema";
import type { ExpectedFigure } from "@/lib/figure-parts";
import { dumpTables, insertUsers, seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey } from "./catalog";
import type { Db } from "./client";
import { getPeriodFigures } from "./observations";
import { listRevisions } from "./revisions";
import { BaselineProtectedError, FigureConflictError, FigureRuleError, listBaselineFigures, PlausibilityError, saveFigures } from "./save-figures";

let db: Db;
let cleanup: () => void;
let organizationId: number;

beforeEach(() => {
  ({ db, cleanup, organizationId } = seededDatabase());
});
afterEach(() => cleanup());

function save(period: string, figures: Record<string, number | null>, rankedUnits?: Record<string, number>) {
  return saveFigures(db, {
    organizationId,
    period,
    figures: new Map(
      Object.entries(figures).map(([key, value]) => [key, { value, ...(rankedUnits?.[key] ? { rankedUnits: rankedUnits[key] } : {}) }]),
    ),
    source: "form",
    changedBy: null,
    now: new Date("2025-02-03T04:05:06Z"),
  });
}

function revisionsOf(key: string, period?: string) {
  const indicator = getIndicatorByKey(db, key);
  if (!indicator) throw new Error(key);
  return listRevisions(db, organizationId, indicator.id, period);
}

describe("saving a month", () => {
  it("writes each new figure with one revision from blank to the value", () => {
    const changed = save("2025-01", { nanny_new: 29, users_total: 15000 });
    expect(changed).toHaveLength(2);
    expect(revisionsOf("nanny_new", "2025-01")).toEqual([
      expect.objectContaining({ oldValue: null, newValue: 29, source: "form", period: "2025-01" }),
    ]);
    expect(getPeriodFigures(db, organizationId, "2025-01").get("nanny_new")?.value).toBe(29);
  });

  it("writes revisions only for the figures that changed", () => {
    save("2025-01", { nanny_new: 29, users_total: 15000, supply_new: 70 });
    const changed = save("2025-01", { nanny_new: 31, users_total: 15000, supply_new: 70 });
    expect(changed).toEqual([{ key: "nanny_new", oldValue: 29, newValue: 31 }]);
    expect(revisionsOf("users_total", "2025-01")).toHaveLength(1);
    expect(revisionsOf("nanny_new", "2025-01").map((r) => [r.oldValue, r.newValue])).toEqual([
      [29, 31],
      [null, 29],
    ]);
  });

  it("writes nothing at all when nothing changed", () => {
    save("2025-01", { nanny_new: 29 });
    const total = () => db.$client.prepare("SELECT count(*) AS n FROM revisions").get();
    const before = total();
    expect(save("2025-01", { nanny_new: 29 })).toEqual([]);
    expect(total()).toEqual(before);
  });

  it("removes a cleared figure (not reported) and records the removal", () => {
    save("2025-01", { nanny_new: 29 });
    save("2025-01", { nanny_new: null });
    expect(getPeriodFigures(db, organizationId, "2025-01").has("nanny_new")).toBe(false);
    expect(revisionsOf("nanny_new", "2025-01")[0]).toMatchObject({ oldValue: 29, newValue: null });
  });

  it("treats a change in the number of units ranked as a change of the rank", () => {
    save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 183 });
    const changed = save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 184 });
    expect(changed).toHaveLength(1);
    expect(revisionsOf("popsci_volume_rank", "2025-01")[0]).toMatchObject({ oldRankedUnits: 183, newRankedUnits: 184 });
  });

  it("keeps the stored number of units ranked when the input does not carry it", () => {
    save("2025-01", { popsci_volume_rank: 12 }, { popsci_volume_rank: 183 });
    save("2025-01", { popsci_volume_rank: 11 });
    expect(getPeriodFigures(db, organizationId, "2025-01").get("popsci_volume_rank")).toMatchObject({ value: 11, rankedUnits: 183 });
  });

  it("writes nothing when any key is unknown", () => {
    expect(() => save("2025-01", { nanny_new: 29, no_such_indicator: 1 })).toThrow(/未知指标/);
    expect(getPeriodFigures(db, organizationId, "2025-01").size).toBe(0);
  });
});

describe("a rank's neighbours", () => {
  it("are saved with the rank, revised with it, and kept when the input leaves them out", () => {
    saveFigures(db, {
      organizationId,
      period: "2025-01",
      figures: new Map([["popsci_volume_rank", { value: 12, rankedUnits: 183, valueAbove: 900.5, valueBelow: 850 }]]),
      source: "form",
      changedBy: null,
    });
    const changed = saveFigures(db, {
      organizationId,
      period: "2025-01",
      figures: new Map([["popsci_volume_rank", { value: 12, valueAbove: 905 }]]),
      source: "form",
      changedBy: null,
    });
    expect(changed).toHaveLength(1);
    expect(getPeriodFigures(db, organizationId, "2025-01").get("popsci_volume_rank")).toMatchObject({
      value: 12,
      rankedUnits: 183,
      valueAbove: 905,
      valueBelow: 850,
    });
    expect(revisionsOf("popsci_volume_rank", "2025-01")[0]).toMatchObject({ oldValueAbove: 900.5, newValueAbove: 905, oldValueBelow: 850, newValueBelow: 850 });
  });
});

// ── Optimistic concurrency: two people, one month ──

const WANG = "u-wang";
const LIU = "u-liu";

/** What a form shows of `keys` when it loads: every part of each figure, blank where nothing is stored. */
function load(period: string, keys: string[]): Map<string, ExpectedFigure> {
  const stored = getPeriodFigures(db, organizationId, period);
  return new Map(
    keys.map((key) => {
      const figure = stored.get(key);
      return [key, { value: figure?.value ?? null, rankedUnits: figure?.rankedUnits ?? null, valueAbove: figure?.valueAbove ?? null, valueBelow: figure?.valueBelow ?? null }];
    }),
  );
}

/** A form submitted by `changedBy`: every field it shows, as typed, with what it showed when it loaded. */
function submit(changedBy: string, period: string, loaded: Map<string, ExpectedFigure>, typed: Record<string, Partial<EnteredFigure>>) {
  const figures = new Map<string, EnteredFigure>();
  for (const [key, seen] of loaded) {
    const figure: EnteredFigure = { value: seen.value ?? null, rankedUnits: seen.rankedUnits ?? null, valueAbove: seen.valueAbove ?? null, valueBelow: seen.valueBelow ?? null };
    figures.set(key, { ...figure, ...typed[key] });
  }
  return saveFigures(db, { organizationId, period, figures, expected: loaded, source: "form", changedBy, now: new Date("2026-03-02T02:42:00Z") });
}

function refusal(write: () => unknown): unknown {
  try {
    write();
  } catch (error) {
    return error;
  }
  throw new Error("the write was not refused");
}

const MONTH_KEYS = ["deals_new", "demand_new", "nanny_new", "supply_total_rank"];

describe("two people saving one month", () => {
  beforeEach(() => {
    insertUsers(db, [
      { id: WANG, name: "王芳", username: "wangfang", role: "staff" },
      { id: LIU, name: "刘洋", username: "liuyang", role: "staff" },
    ]);
    saveFigures(db, { organizationId, period: "2026-02", figures: new Map([["deals_new", { value: 2 }], ["demand_new", { value: 150 }]]), source: "form", changedBy: WANG, now: new Date("2026-03-01T00:00:00Z") });
  });

  it("keeps both changes when they changed different fields, and never writes back the field she left alone", () => {
    const hers = load("2026-02", MONTH_KEYS);
    const his = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", his, { deals_new: { value: 4 } });
    const changed = submit(WANG, "2026-02", hers, { demand_new: { value: 160 } });

    expect(changed).toEqual([{ key: "demand_new", oldValue: 150, newValue: 160 }]);
    const month = getPeriodFigures(db, organizationId, "2026-02");
    expect(month.get("deals_new")?.value).toBe(4);
    expect(month.get("demand_new")?.value).toBe(160);
    expect(revisionsOf("deals_new", "2026-02").map((r) => [r.oldValue, r.newValue, r.changedByName])).toEqual([
      [2, 4, "刘洋"],
      [null, 2, "王芳"],
    ]);
  });

  it("never deletes a figure that was blank when her form loaded and that someone filled since", () => {
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { nanny_new: { value: 31 } });
    submit(WANG, "2026-02", hers, { demand_new: { value: 160 } });
    expect(getPeriodFigures(db, organizationId, "2026-02").get("nanny_new")?.value).toBe(31);
    expect(revisionsOf("nanny_new", "2026-02")).toHaveLength(1);
  });

  it("refuses her change to a field he changed first, writes nothing at all, and says who, when and to what", () => {
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { deals_new: { value: 4 } });
    const before = dumpTables(db);

    const error = refusal(() => submit(WANG, "2026-02", hers, { deals_new: { value: 5 }, demand_new: { value: 160 } }));

    expect(error).toBeInstanceOf(FigureConflictError);
    expect(error instanceof FigureConflictError && error.conflicts).toEqual([
      { key: "deals_new", part: "value", expected: 2, mine: 5, theirs: 4, changedByName: "刘洋", changedAt: new Date("2026-03-02T02:42:00Z") },
    ]);
    expect(dumpTables(db)).toEqual(before);
  });

  it("refuses clearing a figure he changed since, and saves nothing", () => {
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { deals_new: { value: 4 } });
    const before = dumpTables(db);
    expect(refusal(() => submit(WANG, "2026-02", hers, { deals_new: { value: null } }))).toBeInstanceOf(FigureConflictError);
    expect(dumpTables(db)).toEqual(before);
  });

  it("accepts her change when he had already made the very same one (nothing left to write)", () => {
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { deals_new: { value: 4 } });
    expect(submit(WANG, "2026-02", hers, { deals_new: { value: 4 } })).toEqual([]);
    expect(revisionsOf("deals_new", "2026-02")).toHaveLength(2);
  });

  it("keeps her change once she chooses to keep it over his (re-submitted with his value as what she saw)", () => {
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { deals_new: { value: 4 } });
    expect(refusal(() => submit(WANG, "2026-02", hers, { deals_new: { value: 5 } }))).toBeInstanceOf(FigureConflictError);
    hers.set("deals_new", { ...hers.get("deals_new"), value: 4 });
    expect(submit(WANG, "2026-02", hers, { deals_new: { value: 5 } })).toEqual([{ key: "deals_new", oldValue: 4, newValue: 5 }]);
  });

  it("reverts nothing when an old form is replayed after others changed the month", () => {
    const captured = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { deals_new: { value: 4 }, demand_new: { value: 170 }, nanny_new: { value: 33 } });
    const before = dumpTables(db);
    expect(submit(WANG, "2026-02", captured, {})).toEqual([]);
    expect(dumpTables(db)).toEqual(before);
  });

  it("keeps both when one changes a rank's N and the other the rank itself", () => {
    saveFigures(db, { organizationId, period: "2026-02", figures: new Map([["supply_total_rank", { value: 2, rankedUnits: 183 }]]), source: "form", changedBy: LIU });
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { supply_total_rank: { rankedUnits: 184 } });
    submit(WANG, "2026-02", hers, { supply_total_rank: { value: 1 } });
    expect(getPeriodFigures(db, organizationId, "2026-02").get("supply_total_rank")).toMatchObject({ value: 1, rankedUnits: 184 });
  });

  it("refuses her change to a rank's N that he changed first, naming the part", () => {
    saveFigures(db, { organizationId, period: "2026-02", figures: new Map([["supply_total_rank", { value: 2, rankedUnits: 183 }]]), source: "form", changedBy: LIU });
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { supply_total_rank: { rankedUnits: 184 } });
    const error = refusal(() => submit(WANG, "2026-02", hers, { supply_total_rank: { rankedUnits: 185 } }));
    expect(error instanceof FigureConflictError && error.conflicts).toEqual([
      expect.objectContaining({ key: "supply_total_rank", part: "rankedUnits", mine: 185, theirs: 184, changedByName: "刘洋" }),
    ]);
  });

  it("refuses clearing a rank whose N he changed since (the removal would discard his N)", () => {
    saveFigures(db, { organizationId, period: "2026-02", figures: new Map([["supply_total_rank", { value: 2, rankedUnits: 183 }]]), source: "form", changedBy: LIU });
    const hers = load("2026-02", MONTH_KEYS);
    submit(LIU, "2026-02", load("2026-02", MONTH_KEYS), { supply_total_rank: { rankedUnits: 184 } });
    const error = refusal(() => submit(WANG, "2026-02", hers, { supply_total_rank: { value: null, rankedUnits: null } }));
    expect(error instanceof FigureConflictError && error.conflicts.map((c) => c.part)).toEqual(["rankedUnits"]);
  });
});

describe("a rank and its N", () => {
  it("refuses a rank above the N already stored when the write does not carry N, writing nothing", () => {
    save("2026-02", { supply_total_rank: 2 }, { supply_total_rank: 183 });
    const before = dumpTables(db);
    const error = refusal(() => save("2026-02", { supply_total_rank: 500 }));
    expect(error).toBeInstanceOf(FigureRuleError);
    expect(error instanceof FigureRuleError && error.problems).toEqual([
      { key: "supply_total_rank", part: "value", message: "排名不能大于参与排名的单位数（183）" },
    ]);
    expect(dumpTables(db)).toEqual(before);
  });

  it("refuses lowering N below the rank stored", () => {
    save("2026-02", { supply_total_rank: 20 }, { supply_total_rank: 183 });
    expect(
      refusal(() => saveFigures(db, { organizationId, period: "2026-02", figures: new Map([["supply_total_rank", { value: 20, rankedUnits: 10 }]]), source: "form", changedBy: null })),
    ).toBeInstanceOf(FigureRuleError);
  });

  it("accepts a rank equal to N", () => {
    save("2026-02", { supply_total_rank: 2 }, { supply_total_rank: 183 });
    expect(save("2026-02", { supply_total_rank: 183 })).toHaveLength(1);
  });
});

describe("the document's 2023 baseline", () => {
  const correct = (key: string, period: string, value: number, reason: string | null) =>
    saveFigures(db, { organizationId, period, figures: new Map([[key, { value }]]), source: "baseline_correction", changedBy: null, reason });

  it("is refused to the monthly form, year-end levels and whole-year flows alike, writing nothing", () => {
    const before = dumpTables(db);
    expect(refusal(() => save("2023-12", { users_total: 14313 }))).toBeInstanceOf(BaselineProtectedError);
    expect(refusal(() => save("2023", { users_new: 1 }))).toBeInstanceOf(BaselineProtectedError);
    expect(
      refusal(() => saveFigures(db, { organizationId, period: "2023-12", figures: new Map([["users_total", { value: 1 }]]), source: "import", changedBy: null })),
    ).toBeInstanceOf(BaselineProtectedError);
    expect(dumpTables(db)).toEqual(before);
  });

  it("leaves the other figures of December 2023 open to the form", () => {
    expect(save("2023-12", { nanny_new: 30 })).toHaveLength(1);
  });

  it("is the seeded organization's only: another organization's December 2023 is its own to enter", () => {
    const other = Number(db.$client.prepare("INSERT INTO organizations (code, name, short_name) VALUES ('other', '东区科协', '东区')").run().lastInsertRowid);
    const figures = new Map([["users_total", { value: 9000 }]]);
    expect(saveFigures(db, { organizationId: other, period: "2023-12", figures, source: "form", changedBy: null })).toHaveLength(1);
    expect(listBaselineFigures(db, other).has("2023-12", "users_total")).toBe(false);
    expect(listBaselineFigures(db, organizationId).has("2023-12", "users_total")).toBe(true);
    expect(listBaselineFigures(db, organizationId).has("2023", "users_new")).toBe(true);
    expect(listBaselineFigures(db, organizationId).has("2023-12", "nanny_new")).toBe(false);
  });

  it("accepts a 更正基线 with its reason, which the revision keeps, and refuses one without", () => {
    expect(() => correct("users_total", "2023-12", 14313, "  ")).toThrow(/理由/);
    correct("users_total", "2023-12", 14313, "省平台复核后更正");
    expect(getPeriodFigures(db, organizationId, "2023-12").get("users_total")?.value).toBe(14313);
    expect(revisionsOf("users_total", "2023-12")[0]).toMatchObject({ oldValue: 14312, newValue: 14313, source: "baseline_correction", reason: "省平台复核后更正" });
  });
});

describe("a 更正说明", () => {
  it("is kept on every revision of the save", () => {
    saveFigures(db, {
      organizationId,
      period: "2026-01",
      figures: new Map([["nanny_new", { value: 30 }], ["deals_new", { value: 3 }]]),
      source: "form",
      changedBy: null,
      reason: "按省平台通报更正",
    });
    expect(revisionsOf("nanny_new", "2026-01")[0]?.reason).toBe("按省平台通报更正");
    expect(revisionsOf("deals_new", "2026-01")[0]?.reason).toBe("按省平台通报更正");
  });
});

describe("a value far outside its history", () => {
  /** 新增达成交易 at about 2 a month, January to June 2026, as a script would write it (unchecked). */
  function dealsHistory() {
    for (const [month, value] of [["2026-01", 2], ["2026-02", 3], ["2026-03", 2], ["2026-04", 2], ["2026-05", 3], ["2026-06", 2]] as const) {
      saveFigures(db, { organizationId, period: month, figures: new Map([["deals_new", { value }]]), source: "script", changedBy: null });
    }
  }
  const typed = (confirmed?: Map<string, number>) =>
    saveFigures(db, {
      organizationId,
      period: "2026-07",
      figures: new Map([["deals_new", { value: 12000 }], ["nanny_new", { value: 35 }]]),
      source: "form",
      changedBy: null,
      confirmed,
    });

  it("is refused without the tick, with the flag's words, and nothing of the save is written", () => {
    dealsHistory();
    const before = dumpTables(db);
    let refused: unknown;
    try {
      typed();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PlausibilityError);
    expect(refused instanceof PlausibilityError && refused.flags).toEqual([
      expect.objectContaining({ key: "deals_new", period: "2026-07", value: 12000, organizationId, text: expect.stringContaining("近6个月中位数 2个，本次 12000个（约6000倍）") }),
    ]);
    expect(dumpTables(db)).toEqual(before);
  });

  it("is refused when the tick confirms another value than the one written", () => {
    dealsHistory();
    expect(() => typed(new Map([["deals_new", 1200]]))).toThrow(PlausibilityError);
  });

  it("is saved once ticked, and its revision keeps the flag's words; the other figures carry no note", () => {
    dealsHistory();
    expect(typed(new Map([["deals_new", 12000]]))).toHaveLength(2);
    expect(getPeriodFigures(db, organizationId, "2026-07").get("deals_new")?.value).toBe(12000);
    expect(revisionsOf("deals_new", "2026-07")[0]?.plausibilityNote).toMatch(/^异常值已核对：近6个月中位数 2个，本次 12000个（约6000倍）；本次 12000个 除以1万为 1\.2/);
    expect(revisionsOf("nanny_new", "2026-07")[0]?.plausibilityNote).toBeNull();
  });

  it("is judged for imports and bulletins too, never for the seed, scripts or reverts", () => {
    dealsHistory();
    const write = (source: "import" | "bulletin" | "script") =>
      saveFigures(db, { organizationId, period: "2026-07", figures: new Map([["deals_new", { value: 12000 }]]), source, changedBy: null });
    expect(() => write("import")).toThrow(PlausibilityError);
    expect(() => write("bulletin")).toThrow(PlausibilityError);
    expect(write("script")).toHaveLength(1);
    expect(revisionsOf("deals_new", "2026-07")[0]?.plausibilityNote).toBeNull();
  });

  it("asks nothing of a value left as stored, nor of one back within its history", () => {
    dealsHistory();
    typed(new Map([["deals_new", 12000]]));
    // the same 12000 again: nothing to write, nothing to confirm
    expect(typed()).toHaveLength(0);
    expect(saveFigures(db, { organizationId, period: "2026-07", figures: new Map([["deals_new", { value: 3 }]]), source: "form", changedBy: null })).toHaveLength(1);
  });

  it("reads its history from the write's own organization: a town's months are its own", () => {
    dealsHistory();
    const town = db.$client.prepare("INSERT INTO organizations (code, name, short_name, kind, parent_id) VALUES ('t1', '格里坪镇', '格里坪', 'sub', ?)").run(organizationId).lastInsertRowid;
    const write = () => saveFigures(db, { organizationId: Number(town), period: "2026-07", figures: new Map([["deals_new", { value: 12000 }]]), source: "form", changedBy: null });
    expect(write()).toHaveLength(1);
  });
});
