import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { yearToDate } from "@/lib/periods";
import { DEFAULT_BANDS } from "@/lib/targets";
import { seededDatabase } from "@/tests/support/database";
import { getIndicatorByKey, setSubUnitIndicators } from "./catalog";
import type { Db } from "./client";
import { loadLeague, rollUpWarnings } from "./league";
import { addUnit, getHomeOrganization, setUnitRetired } from "./organizations";
import { saveFigures } from "./save-figures";
import { setTarget } from "./targets";

let db: Db;
let cleanup: () => void;
let towns: number[];

const save = (unit: number, period: string, figures: Record<string, number | { value: number; rankedUnits: number }>) =>
  saveFigures(db, {
    organizationId: unit,
    period,
    figures: new Map(Object.entries(figures).map(([key, figure]) => [key, typeof figure === "number" ? { value: figure } : figure])),
    source: "script",
    changedBy: null,
  });

beforeEach(() => {
  ({ db, cleanup } = seededDatabase());
  towns = ["格里坪镇", "清香坪街道", "大宝鼎街道"].map((name) => addUnit(db, { name, shortName: name.slice(0, 3), kind: "sub" }).id);
  setSubUnitIndicators(db, new Set(["nanny_new", "users_new"]));
  const nanny = getIndicatorByKey(db, "nanny_new");
  for (const [index, unit] of towns.entries()) {
    setTarget(db, { organizationId: unit, indicatorId: nanny?.id ?? 0, target: { fromYear: 2026, untilYear: null, rule: "monthly_avg", comparator: "at_least", value: [12, 11, 11][index] ?? 0, source: "按区目标分配（平均分配）" }, userId: "admin" });
  }
});
afterEach(() => cleanup());

const request = (overrides: Partial<Parameters<typeof loadLeague>[1]> = {}) => ({
  level: "towns" as const,
  indicatorKey: "nanny_new",
  month: "2026-10" as const,
  today: "2026-11" as const,
  now: new Date("2026-11-27T02:00:00Z"),
  bands: DEFAULT_BANDS,
  ...overrides,
});

describe("the towns' league", () => {
  it("ranks the towns on the month's figure, judges each against its own share on the year, and checks the sum against the district", () => {
    const [a = 0, b = 0, c = 0] = towns;
    for (const month of yearToDate("2026-09")) {
      save(a, month, { nanny_new: 14 });
      save(b, month, { nanny_new: 9 });
    }
    save(a, "2026-10", { nanny_new: 10, users_new: 5 });
    save(b, "2026-10", { nanny_new: 15 });
    save(c, "2026-10", { nanny_new: 15 });
    save(getHomeOrganization(db).id, "2026-10", { nanny_new: 36 });
    const view = loadLeague(db, request());
    if ("error" in view) throw new Error(view.error);
    const { report } = view;
    // a "月均不少于" share is the year's: 格里坪镇's 10 in October misses its 12, but its year averages
    // 13.6 (113.3 %); 清香坪街道's 15 beats its 11, but its year averages 9.6 (87.3 %); 大宝鼎街道 has
    // only October, so its year is not complete
    expect(report.rows.map((row) => [row.name, row.rankText, row.changeText, row.statusLabel, row.resultText])).toEqual([
      ["清香坪街道", "1（并列）", "▲1", "未达标", "达成 87.3%"],
      ["大宝鼎街道", "1（并列）", "新上榜", "数据不全", "达成 136.4%"],
      ["格里坪镇", "3", "▼2", "达标", "达成 113.3%"],
    ]);
    expect(report.shortfallLines).toEqual(["未达标：清香坪街道"]);
    expect(report.resultHeading).toBe("达成情况（本年1—10月）");
    expect(report.judgedText).toBe("目标按全年要求评估：达成情况按本年1—10月计（如“月均不少于”为1—10月的月均），数值列为10月当月数。");
    expect(report.notes).toEqual(["一致性提醒：促成“保姆式”服务单数：各镇街合计 40单，超出全区数值 4单（全区 36单，以全区数值为准）"]);
    expect(rollUpWarnings(db, getHomeOrganization(db), "2026-10").map((warning) => warning.code)).toEqual(["roll-up"]);
    expect(rollUpWarnings(db, { id: a, kind: "sub" }, "2026-10")).toEqual([]);
  });

  it("leaves a town retired before the month out, and ranks the attainment score across every indicator with a target", () => {
    const [a = 0, b = 0, c = 0] = towns;
    setUnitRetired(db, c, "2026-10");
    save(a, "2026-10", { nanny_new: 12 });
    save(b, "2026-10", { nanny_new: 5 });
    const view = loadLeague(db, request({ indicatorKey: "score" }));
    if ("error" in view) throw new Error(view.error);
    expect(view.report.rows.map((row) => [row.name, row.valueText])).toEqual([["格里坪镇", "100.0%"], ["清香坪街道", "45.5%"]]);
    expect(view.report.shortfallLines).toEqual(["未达标：清香坪街道（促成“保姆式”服务单数）"]);
  });

  it("refuses an indicator the towns do not report", () => {
    expect(loadLeague(db, request({ indicatorKey: "popsci_volume" }))).toEqual({ error: "该指标不是镇街填报的指标（管理员可在“单位管理”中设定）。" });
  });
});

describe("the peers' league", () => {
  it("ranks the home unit among its peers from the stored bulletin figures, highlighted, with the rank the bulletin stated", () => {
    const home = getHomeOrganization(db).id;
    const east = addUnit(db, { name: "攀枝花市东区", shortName: "东区", kind: "peer" }).id;
    const renhe = addUnit(db, { name: "攀枝花市仁和区", shortName: "仁和区", kind: "peer" }).id;
    save(home, "2026-10", { popsci_volume: 931.2, popsci_volume_rank: { value: 6, rankedUnits: 183 } });
    save(east, "2026-10", { popsci_volume: 1081.95, popsci_volume_rank: { value: 4, rankedUnits: 183 } });
    save(renhe, "2026-10", { popsci_volume: 748.15 });
    const view = loadLeague(db, request({ level: "peers", indicatorKey: "popsci_volume" }));
    if ("error" in view) throw new Error(view.error);
    expect(view.report.title).toBe("西区科协关于2026年10月全省各区县天府科技云工作情况的通报");
    expect(view.report.rows.map((row) => [row.name, row.rank, row.valueText, row.statedText, row.highlighted])).toEqual([
      ["攀枝花市东区", 1, "1081.95", "第4名（共183）", false],
      ["攀枝花市西区科学技术协会", 2, "931.20", "第6名（共183）", true],
      ["攀枝花市仁和区", 3, "748.15", null, false],
    ]);
    expect(view.report.rows[1]?.gapText).toBe("再增加 150.76万人次 可升至第1名");
  });
});
