/**
 * The Word documents and the workbooks as a printer sees them: LibreOffice (headless) converts each
 * to PDF without error, and the PDF has the pages expected, each A4 the right way round, numbered
 * "第 n 页 共 m 页"; the Word tables keep every figure on one line and their headers with their
 * rows, under the page's section numbers; the workbooks print at a readable size. Needs `soffice`
 * (CI installs LibreOffice); skipped, saying so, on a machine without it unless CI is set, where
 * its absence fails the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPdf, nearlyEmptyPages, type PdfPage } from "@/tests/support/pdf-text";
import { CATALOG } from "../catalog";
import { buildLeagueReport } from "../league-report";
import { buildLeagueWorkbook } from "../league-xlsx";
import { renderMonthDocx, renderPackDocx } from "./docx";
import type { Pack } from "./model";
import { buildMonthReport } from "./month-report";
import { monthBriefInput, packOf, TEN_MONTHS } from "./test-support";
import { renderPackWorkbook } from "./xlsx";

const hasOffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasOffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the PDF conversion tests are skipped.");

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-office-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Converts the files to PDF in one LibreOffice run (its own profile, so that no other run interferes). */
function toPdf(files: Record<string, Buffer>): Record<string, Buffer> {
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), body);
  const result = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", path.join(folder, "pdf"), ...Object.keys(files).map((name) => path.join(folder, name))],
    { encoding: "utf8", timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
  return Object.fromEntries(Object.keys(files).map((name) => [name, fs.readFileSync(path.join(folder, "pdf", name.replace(/\.\w+$/, ".pdf")))]));
}

const A4_PORTRAIT = { width: 595, height: 842 };
const A4_LANDSCAPE = { width: 842, height: 595 };
const sizeOf = (page: PdfPage) => ({ width: page.width, height: page.height });

/** The figures a pack's table shows, each of which must print on one line: "15018人", "+14.4%", "(共183)" (as NFKC reads them). */
function packFigures(pack: Pack): string[] {
  const texts = pack.rows.flatMap((row) => [
    row.quarter.text,
    row.yearToDate.text,
    row.quarterOnQuarter.text,
    row.quarterOnQuarter.relativeText,
    row.yearOnYear.text,
    row.yearOnYear.relativeText,
    ...(row.rank ? row.rank.text.split(/(?=（)/) : []),
  ]);
  return [...new Set(texts.flatMap((text) => (text && /\d/.test(text) ? [text.replace(/\s+/g, "").normalize("NFKC")] : [])))];
}

/** Lines on which no figure is broken: every figure is found whole on a line of its own page. */
function brokenFigures(pages: readonly PdfPage[], figures: readonly string[]): string[] {
  const lines = pages.flatMap((page) => page.lines.map((line) => line.text));
  return figures.filter((figure) => !lines.some((line) => line.includes(figure)));
}

/** A table's 序号 printed whole: each number is the first piece of a line (a broken "10" is a line "1" over a line "0"). */
function brokenSerials(pages: readonly PdfPage[], count: number): number[] {
  const firsts = new Set(pages.flatMap((page) => page.body.map((line) => line.parts[0] ?? "")));
  return Array.from({ length: count }, (_, index) => index + 1).filter((serial) => !firsts.has(String(serial)));
}

/** Pages on which a heading, a category or the table's header row is the last line: cut off from what follows it. */
function orphans(pages: readonly PdfPage[], headings: readonly string[]): string[] {
  return pages.flatMap((page) => {
    const last = page.body.at(-1)?.text ?? "";
    return headings.some((heading) => last.startsWith(heading.replace(/\s+/g, ""))) || last.startsWith("序号") ? [`第${page.number}页：${last}`] : [];
  });
}

describe.skipIf(!hasOffice && !process.env.CI)("documents converted by LibreOffice", async () => {
  const pack = packOf(TEN_MONTHS, "2025-Q3", "2025-11");
  const report = buildMonthReport({
    ...monthBriefInput(TEN_MONTHS, "2025-10", "2025-11"),
    organization: { name: "攀枝花市西区科学技术协会", shortName: "西区" },
    saved: null,
    demo: false,
    monthStanding: () => ({ kind: "approved", label: "已审核" }),
    signatories: { preparedBy: ["张三"], reviewedBy: ["赵书记"] },
    generatedAt: new Date("2025-11-03T02:00:00Z"),
  });
  const nanny = CATALOG.find((indicator) => indicator.key === "nanny_new") ?? null;
  const league = buildLeagueReport({
    level: "peers",
    month: "2026-10",
    today: new Date("2026-11-27T02:00:00Z"),
    homeShortName: "西区",
    indicator: nanny,
    units: [{ id: 1, name: "攀枝花市东区" }, { id: 2, name: "攀枝花市西区" }, { id: 3, name: "攀枝花市仁和区" }, { id: 4, name: "米易县" }, { id: 5, name: "盐边县" }],
    values: new Map([[1, 41], [2, 35], [3, 28], [4, 30], [5, null]]),
    previous: new Map([[1, 38], [2, 36], [3, 25], [4, 31], [5, 12]]),
    judgements: new Map(),
    highlight: 2,
    stated: new Map([[1, { rank: 9, rankedUnits: 183 }], [2, { rank: 12, rankedUnits: 183 }], [3, { rank: 30, rankedUnits: 183 }], [4, { rank: 21, rankedUnits: 183 }]]),
  });
  const pdfs = toPdf({
    "pack.docx": await renderPackDocx(pack),
    "month.docx": await renderMonthDocx(report),
    "workbook.xlsx": await renderPackWorkbook(pack),
    "league.xlsx": await buildLeagueWorkbook(league, new Date("2026-11-27T02:00:00Z")),
  });
  const read = (name: string) => readPdf(pdfs[name] ?? Buffer.alloc(0));

  it("prints the pack's Word document on A4 pages, each numbered 第 n 页 共 m 页 under the running header, none nearly empty", async () => {
    const printed = await read("pack.docx");
    expect(printed).toHaveLength(5);
    printed.forEach((page, index) => {
      expect(sizeOf(page)).toEqual(A4_PORTRAIT);
      expect(page.text).toContain(`第${index + 1}页共5页`);
      expect(page.text.startsWith("攀枝花市西区科学技术协会·2025年第三季度工作推进会材料(草稿)")).toBe(true);
    });
    expect(nearlyEmptyPages(printed)).toEqual([]);
    // the table's header row is repeated on the page it runs onto
    expect(printed.filter((page) => page.body.some((line) => line.parts[0] === "序号")).length).toBeGreaterThan(1);
    expect(printed.at(-1)?.text).toContain("攀枝花市西区科学技术协会2025年11月1日(草稿)");
  });

  it("heads the pack's Word document with the page's section numbers, in the page's order", async () => {
    const lines = (await read("pack.docx")).flatMap((page) => page.body.map((line) => line.text));
    const headings = lines.filter((line) => /^[一二三四五六七八九十]+、/.test(line));
    expect(headings).toEqual([...Object.values(pack.sections).map((section) => section.heading)].map((heading) => (heading === pack.sections.red.heading ? `${heading}(1项)` : heading)));
  });

  it("keeps every figure and 序号 of the pack's table whole, and no heading or header row alone at a page's foot", async () => {
    const printed = await read("pack.docx");
    const figures = packFigures(pack);
    expect(figures).toEqual(expect.arrayContaining(["15018人", "900.50万人次", "+31户", "14.4%", "第12名", "(共183)"]));
    expect(brokenFigures(printed, figures)).toEqual([]);
    expect(brokenSerials(printed, pack.rows.length)).toEqual([]);
    expect(orphans(printed, [...Object.values(pack.sections).map((section) => section.heading), ...pack.categories.map((category) => category.name)])).toEqual([]);
  });

  it("prints the month's Word document on 4 A4 pages, its table's figures whole", async () => {
    const printed = await read("month.docx");
    expect(printed).toHaveLength(4);
    printed.forEach((page, index) => {
      expect(sizeOf(page)).toEqual(A4_PORTRAIT);
      expect(page.text).toContain(`第${index + 1}页共4页`);
    });
    expect(printed[0]?.text).toContain("截至10月底,我区天府科技云累计注册用户15113人");
    const figures = report.brief.rows.flatMap((row) => [row.valueText, row.changeText, ...(row.yearToDateText?.split(/(?=（)/) ?? []), ...(row.rankText?.split(/(?=（)/) ?? [])]);
    const whole = [...new Set(figures.flatMap((text) => (text && /\d/.test(text) ? [text.normalize("NFKC")] : [])))];
    expect(whole).toEqual(expect.arrayContaining(["912.35万人次", "+95人", "(缺1—9月)"]));
    expect(brokenFigures(printed, whole)).toEqual([]);
    expect(brokenSerials(printed, report.brief.rows.length)).toEqual([]);
    expect(orphans(printed, ["一、", "二、", "三、", "四、"])).toEqual([]);
  });

  it("prints the workbook's sheets at full size: text no smaller than 9 pt, the wide sheets landscape, the summary's headers on both its pages", async () => {
    const printed = await read("workbook.xlsx");
    expect(printed.map(sizeOf)).toEqual([A4_PORTRAIT, A4_LANDSCAPE, A4_LANDSCAPE, A4_LANDSCAPE, A4_LANDSCAPE, A4_PORTRAIT, A4_PORTRAIT]);
    printed.forEach((page, index) => {
      expect(page.text).toContain("攀枝花市西区科学技术协会");
      expect(page.text).toContain(`第${index + 1}页共7页`);
      const smallest = Math.min(...page.lines.map((line) => line.size));
      expect(smallest, `第${index + 1}页`).toBeGreaterThanOrEqual(8.9);
    });
    const headers = "序号指标单位本季度数据完整性本年累计较上季度环比较去年同季同比";
    expect(printed[1]?.text).toContain(`二、指标完成情况${headers}`);
    // the summary runs on to a second page, its heading and column headers repeated there
    expect(printed[2]?.text).toContain(`二、指标完成情况${headers}`);
    expect(printed[2]?.text).toContain("填报单位:攀枝花市西区科学技术协会");
    expect(printed[2]?.text).toContain("科普服务量全省排名");
    expect(printed[3]?.text).toContain("二、指标完成情况(目标与达成)序号指标目标达成率状态达成情况");
    expect(printed[0]?.text).toContain("一、总体情况");
    expect(printed[4]?.text).toContain("三、未达标指标及措施(1项)");
  });

  it("prints the league's workbook on one landscape A4 page at a readable size", async () => {
    const printed = await read("league.xlsx");
    expect(printed.map(sizeOf)).toEqual([A4_LANDSCAPE]);
    expect(Math.min(...(printed[0]?.lines.map((line) => line.size) ?? []))).toBeGreaterThanOrEqual(8.9);
    expect(printed[0]?.text).toContain("第1页共1页");
    expect(printed[0]?.lines.some((line) => line.text.includes("第12名(共183)"))).toBe(true);
  });
});
