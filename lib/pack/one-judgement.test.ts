/**
 * One answer everywhere (issue 22): for one real year's figures, the dashboard's cards, the targets
 * page, the monthly brief, the quarterly pack and its workbook, Word document and slides give every
 * judgement — status, 达成率, catch-up — the same, field by field.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildCard, type Card } from "../dashboard";
import type { Judgement } from "../judgement";
import { buildTargetBoard, targetsJudgedAt } from "../target-board";
import { targetsByKeyInForce, type TimedTarget } from "../targets";
import { renderPackDocx } from "./docx";
import { buildMonthBrief } from "./month-brief";
import type { PackTarget } from "./model";
import { renderPackPptx } from "./pptx";
import { catalogInUse, monthBriefInput, monthly, nannyTarget, packOf, seriesByKeyOf, type FigureSet } from "./test-support";
import { renderPackWorkbook } from "./xlsx";

/**
 * January to September 2026 with August missing: 271 保姆式 orders in the 8 months reported (33.875 a
 * month, below 34), though July + September, the third quarter's months reported, are 69 (34.5 a
 * month). One target of every rule beside it.
 */
const REAL_YEAR: FigureSet = {
  series: {
    nanny_new: monthly(2026, [30, 32, 35, 33, 36, 36, 34, null, 35]),
    deals_new: monthly(2026, [2, 1, 3, 2, 1, 2, 2, null, 1]),
    supply_new: monthly(2026, [90, 85, 70, 95, 88, 92, 81, null, 84]),
    users_total: { "2025-12": 14900, "2026-06": 15200, "2026-09": 15420 },
    popsci_coverage_rate: { "2025-12": 4.87, "2026-06": 5.01, "2026-09": 5.12 },
    popsci_volume: { "2026-06": 905.2, "2026-09": 921.75 },
    popsci_volume_rank: { "2026-06": 12, "2026-09": 11 },
  },
  rankedUnits: { popsci_volume_rank: 183 },
};

const target = (id: number, key: string, rule: TimedTarget["rule"], value: number, comparator: TimedTarget["comparator"] = "at_least"): TimedTarget => ({
  id, key, rule, comparator, value, fromYear: 2026, untilYear: null, withdrawn: false, source: "区委考核要求",
});
const TARGETS: TimedTarget[] = [
  nannyTarget,
  target(2, "deals_new", "annual_total", 24),
  target(3, "supply_new", "monthly_min", 80),
  target(4, "users_total", "year_end_level", 16000),
  target(5, "popsci_coverage_rate", "year_end_level", 5.5),
  target(6, "popsci_volume_rank", "rank_at_most", 10, "at_most"),
];

const TODAY = "2026-12";
const seriesByKey = seriesByKeyOf(REAL_YEAR);
const seriesOf = (key: string) => seriesByKey.get(key) ?? new Map<string, number>();
const indicatorOf = (key: string) => {
  const found = catalogInUse.find((indicator) => indicator.key === key);
  if (!found) throw new Error(key);
  return found;
};
const inForce = targetsByKeyInForce(TARGETS, 2026);

/** The dashboard's cards at `month`: each indicator with a target, its rank's judgements with it. */
function dashboardAt(month: "2026-09" | "2026-11"): Card[] {
  const keys = [...new Set(TARGETS.map((one) => indicatorOf(one.key).ranksKey ?? one.key))];
  return keys.map((key) => {
    const rankIndicator = catalogInUse.find((candidate) => candidate.kind === "rank" && candidate.ranksKey === key);
    const rank = rankIndicator && { indicator: rankIndicator, series: seriesOf(rankIndicator.key), rankedUnits: 183, targets: inForce.get(rankIndicator.key) ?? [] };
    return buildCard({ indicator: indicatorOf(key), series: seriesOf(key), month, today: TODAY, targets: inForce.get(key) ?? [], rank, bands: undefined });
  });
}

/** "key|rule" of each target of an indicator, in the order pages list them. */
const slotsOf = (key: string | undefined) => (key === undefined ? [] : (inForce.get(key) ?? []).map((one) => `${key}|${one.rule}`));

/** The dashboard's judgements by "key|rule": each card's own targets, then its rank's. */
function judgementsOf(cards: readonly Card[]): Map<string, Judgement> {
  return new Map(
    cards.flatMap((card) => {
      const rankKey = catalogInUse.find((candidate) => candidate.kind === "rank" && candidate.ranksKey === card.key)?.key;
      const slots = [...slotsOf(card.key), ...slotsOf(rankKey)];
      return card.judgements.map((judgement, index): [string, Judgement] => [slots[index] ?? "?", judgement]);
    }),
  );
}

/** What the pack shows of a judgement: the catch-up only while the target is not met. */
function asPackShows(judgement: Judgement): PackTarget {
  return {
    status: judgement.status,
    statusLabel: judgement.statusLabel,
    label: judgement.label,
    basis: `${judgement.inForceText}，${judgement.source}`,
    resultText: judgement.resultText,
    attainment: judgement.shownAttainment,
    summary: judgement.summary,
    catchUpText: judgement.status !== "none" && judgement.status !== "green" ? judgement.catchUpText : null,
  };
}

async function xmlTexts(buffer: Buffer, pattern: RegExp, tag: "w:t" | "a:t"): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = await Promise.all(Object.keys(zip.files).filter((name) => pattern.test(name)).sort().map((name) => zip.file(name)?.async("string") ?? ""));
  const paragraph = tag === "w:t" ? /<\/w:p>/ : /<\/a:p>/;
  const run = new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, "g");
  return parts
    .join("")
    .split(paragraph)
    .map((text) => [...text.matchAll(run)].map((match) => match[1]).join(""))
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

describe("one judgement for the real year, on every page and in every file", async () => {
  const dashboard = judgementsOf(dashboardAt("2026-09"));
  const pack = packOf(REAL_YEAR, "2026-Q3", TODAY, { targets: TARGETS });
  const brief = buildMonthBrief(monthBriefInput(REAL_YEAR, "2026-09", TODAY, TARGETS));
  const asOf = targetsJudgedAt({ year: 2026, today: TODAY, leaderMonth: "2026-09" });
  const board = buildTargetBoard({ year: 2026, targets: TARGETS, indicatorOf, seriesOf, asOf, today: TODAY });
  const packTargets = new Map(
    pack.rows.flatMap((row) => [
      ...row.targets.map((one, index): [string, PackTarget] => [slotsOf(row.indicator.key)[index] ?? "?", one]),
      ...(row.rank?.targets ?? []).map((one, index): [string, PackTarget] => [slotsOf(row.rank?.key)[index] ?? "?", one]),
    ]),
  );

  it("holds the year's requirement as the year's: 33.9 a month is below 34, whatever the quarter's 34.5", () => {
    const nanny = dashboard.get("nanny_new|monthly_avg");
    expect(nanny).toMatchObject({ status: "amber", shownAttainment: 0.996, summary: "本年月均 33.9单，达成 99.6%（缺8月）", catchUpText: "其余 4 个月（含 1 个未填报月份）每月需 ≥ 35单" });
    const row = pack.rows.find((candidate) => candidate.indicator.key === "nanny_new");
    expect(row?.quarter).toMatchObject({ text: "69单", missingText: "缺8月", averageText: "本季度月均 34.5单" });
    expect(pack.judgedAt).toBe("2026-09");
    expect(pack.judgedAtText).toBe("目标按全年要求评估（2026年1—9月），与2026年9月看板的评估一致。");
    // the drafted analysis states the quarter's average as a fact and the year's against the requirement
    expect(pack.overall.drafted).toContain("本季度促成“保姆式”服务单数69单（缺8月）");
    expect(pack.overall.drafted).toContain("月均34.5单，1—9月月均33.9单，低于省科协月均34单要求");
    expect(pack.overall.drafted).not.toContain("达到省科协月均34单要求");
  });

  it("judges one target of every rule, each shown where a page has it", () => {
    expect([...dashboard.keys()].sort()).toEqual(TARGETS.map((one) => `${one.key}|${one.rule}`).sort());
    expect([...packTargets.keys()].sort()).toEqual([...dashboard.keys()].sort());
    expect(board.rows).toHaveLength(TARGETS.length);
  });

  it("the targets page judges at the dashboard's month and says the same, field by field", () => {
    expect(asOf).toBe("2026-09");
    for (const { target: one, judgement } of board.rows) {
      const expected = dashboard.get(`${one.key}|${one.rule}`);
      expect(judgement, one.key).toEqual(expected);
    }
  });

  it("the pack says what the September dashboard says, field by field", () => {
    for (const [key, judgement] of dashboard) expect(packTargets.get(key), key).toEqual(asPackShows(judgement));
  });

  it("the September brief's table and paragraph say the same status, 达成率 and catch-up", () => {
    for (const [key, judgement] of dashboard) {
      const [indicatorKey = ""] = key.split("|");
      const owner = catalogInUse.find((candidate) => candidate.key === indicatorKey);
      const rowKey = owner?.kind === "rank" ? owner.ranksKey : indicatorKey;
      const row = brief.rows.find((candidate) => candidate.key === rowKey);
      expect(row?.targetTexts, key).toContain(`${judgement.statusLabel}：${judgement.summary}`);
    }
    const text = brief.paragraphs.join("");
    expect(text).toContain("9月促成“保姆式”服务单数35单，1—9月累计271单（8月未填报），月均33.9单，低于省科协月均34单要求，其余4个月（含1个未填报月份）每月需完成35单方能完成全年要求");
    // each catch-up the dashboard states is the brief's too
    for (const judgement of dashboard.values()) {
      const perMonth = judgement.evaluation.catchUp?.perMonth;
      if (judgement.status === "green" || !perMonth) continue;
      expect(text, judgement.label).toMatch(new RegExp(`每月需(完成|增加|提高)${String(perMonth).replace(".", "\\.")}`));
    }
  });

  it("the workbook holds each row's 达成率 as a number, its statuses and its words as the pack shows them", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(toArrayBuffer(await renderPackWorkbook(pack)));
    const rowsOf = (sheetName: string) => {
      const rowsByName = new Map<string, ExcelJS.Row>();
      workbook.getWorksheet(sheetName)?.eachRow((row) => rowsByName.set(String(row.getCell(2).value).trim(), row));
      return rowsByName;
    };
    // the judgements are on the sheet of their own, the figures on the summary
    const judged = rowsOf("目标达成");
    for (const row of pack.rows) {
      for (const [name, targets] of [[row.indicator.name, row.targets], ...(row.rank ? [[row.rank.name, row.rank.targets] as const] : [])] as const) {
        if (targets.length === 0) continue;
        const cells = judged.get(name);
        expect(cells?.getCell(4).value ?? null, name).toBe(targets[0]?.attainment ?? null);
        expect(cells?.getCell(5).value, name).toBe(targets.map((one) => one.statusLabel).join("；"));
        expect(cells?.getCell(6).value, name).toBe(targets.map((one) => [one.summary, one.catchUpText].filter(Boolean).join("；")).join("\n"));
      }
    }
    expect(judged.get("促成“保姆式”服务单数")?.getCell(4).value).toBe(0.996);
    expect(rowsOf("指标汇总").get("促成“保姆式”服务单数")?.getCell(5).value).toBe("缺8月；本季度月均 34.5单");
  });

  it("the Word document words each judgement as the pack does, with the months it is judged on", async () => {
    const text = await xmlTexts(await renderPackDocx(pack), /^word\/document\.xml$/, "w:t");
    for (const one of packTargets.values()) {
      expect(text, one.label).toContain([`【${one.statusLabel}】${one.label}`, one.resultText, one.catchUpText].filter(Boolean).join("，"));
    }
    expect(text).toContain(pack.judgedAtText);
    // the quarter's average under its figure, a line of its own where the column is narrow
    expect(text).toMatch(/本季度月均\s*34\.5单/);
    for (const item of pack.red) expect(text).toContain([item.target.summary, item.target.catchUpText].filter(Boolean).join("；"));
  });

  it("the slides give the red items' judgements and the key figures' statuses as the pack does", async () => {
    const text = await xmlTexts(await renderPackPptx(pack), /^ppt\/slides\/slide\d+\.xml$/, "a:t");
    expect(pack.red.length).toBeGreaterThan(0);
    for (const item of pack.red) {
      expect(text, item.name).toContain(item.target.summary);
      if (item.target.catchUpText) expect(text, item.name).toContain(item.target.catchUpText);
    }
    for (const figure of pack.keyFigures) if (figure.statusLabel) expect(text, figure.name).toContain(figure.statusLabel);
    expect(text).toContain(pack.judgedAtText);
  });

  it("a quarter still running is judged at its last month that is over, as that month's dashboard", () => {
    const running = packOf(REAL_YEAR, "2026-Q4", TODAY, { targets: TARGETS });
    expect(running.judgedAt).toBe("2026-11");
    expect(running.judgedAtText).toBe("目标按全年要求评估（2026年1—11月），与2026年11月看板的评估一致；12月尚未结束，不计入目标评估。");
    const november = judgementsOf(dashboardAt("2026-11"));
    const shown = running.rows.flatMap((row) => [
      ...row.targets.map((one, index): [string, PackTarget] => [slotsOf(row.indicator.key)[index] ?? "?", one]),
      ...(row.rank?.targets ?? []).map((one, index): [string, PackTarget] => [slotsOf(row.rank?.key)[index] ?? "?", one]),
    ]);
    expect(shown).toHaveLength(TARGETS.length);
    for (const [key, one] of shown) expect(one, key).toEqual(asPackShows(november.get(key) ?? fail(key)));
  });
});

function fail(key: string): never {
  throw new Error(`the dashboard has no judgement for ${key}`);
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  return copy;
}
