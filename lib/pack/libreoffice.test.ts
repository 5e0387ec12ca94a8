/**
 * The Word document and the workbook as a printer sees them: LibreOffice (headless) converts each to
 * PDF without error, and the PDF has the pages expected, each A4 the right way round, numbered
 * "第 n 页 共 m 页". Needs `soffice` (CI installs LibreOffice); skipped, saying so, on a machine
 * without it unless CI is set, where its absence fails the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderMonthDocx, renderPackDocx } from "./docx";
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

type PdfPage = { width: number; height: number; text: string };

async function pages(pdf: Buffer): Promise<PdfPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const result: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    // the PDF's CJK font maps some characters to radical twins (⼀ for 一, ⻚ for 页): NFKC folds most back
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join("").normalize("NFKC").replace(/\s+/g, "");
    result.push({ width: Math.round(width), height: Math.round(height), text });
  }
  return result;
}

const A4_PORTRAIT = { width: 595, height: 842 };
const A4_LANDSCAPE = { width: 842, height: 595 };

describe.skipIf(!hasOffice && !process.env.CI)("documents converted by LibreOffice", async () => {
  const pack = packOf(TEN_MONTHS, "2025-Q3", "2025-11");
  const report = buildMonthReport({
    ...monthBriefInput(TEN_MONTHS, "2025-10", "2025-11"),
    organization: { name: "攀枝花市西区科学技术协会", shortName: "西区" },
    saved: null,
    demo: false,
    monthStatus: () => "approved",
    signatories: { preparedBy: ["张三"], reviewedBy: ["赵书记"] },
    generatedAt: new Date("2025-11-03T02:00:00Z"),
  });
  const pdfs = toPdf({
    "pack.docx": await renderPackDocx(pack),
    "month.docx": await renderMonthDocx(report),
    "workbook.xlsx": await renderPackWorkbook(pack),
  });

  it("prints the pack's Word document on 5 A4 pages, each numbered 第 n 页 共 5 页 under the running header", async () => {
    const printed = await pages(pdfs["pack.docx"] ?? Buffer.alloc(0));
    expect(printed).toHaveLength(5);
    printed.forEach((page, index) => {
      expect({ width: page.width, height: page.height }).toEqual(A4_PORTRAIT);
      expect(page.text).toContain(`第${index + 1}页共5页`);
      expect(page.text.startsWith("攀枝花市西区科学技术协会·2025年第三季度工作推进会材料(草稿)")).toBe(true);
    });
    expect(printed[0]?.text).toContain("一、总体情况");
    // the table's header row is repeated on the page it runs onto
    expect(printed.filter((page) => page.text.includes("序号指标本季度本年累计目标与达成")).length).toBeGreaterThan(1);
    expect(printed.at(-1)?.text).toContain("攀枝花市西区科学技术协会2025年11月1日(草稿)");
  });

  it("prints the month's Word document on 4 A4 pages", async () => {
    const printed = await pages(pdfs["month.docx"] ?? Buffer.alloc(0));
    expect(printed).toHaveLength(4);
    printed.forEach((page, index) => {
      expect({ width: page.width, height: page.height }).toEqual(A4_PORTRAIT);
      expect(page.text).toContain(`第${index + 1}页共4页`);
    });
    expect(printed[0]?.text).toContain("截至10月底,我区天府科技云累计注册用户15113人");
  });

  it("prints the workbook one page a sheet: the wide ones landscape, the narrow ones portrait", async () => {
    const printed = await pages(pdfs["workbook.xlsx"] ?? Buffer.alloc(0));
    expect(printed.map((page) => ({ width: page.width, height: page.height }))).toEqual([A4_LANDSCAPE, A4_LANDSCAPE, A4_LANDSCAPE, A4_PORTRAIT, A4_PORTRAIT]);
    printed.forEach((page, index) => {
      expect(page.text).toContain("攀枝花市西区科学技术协会");
      expect(page.text).toContain(`第${index + 1}页共5页`);
    });
    // the whole summary, all 14 columns through 同比 and the signature block, on its one page
    expect(printed[0]?.text).toContain("序号指标单位本季度数据完整性本年累计目标达成率状态达成情况较上季度环比较去年同季同比");
    expect(printed[0]?.text).toContain("填报单位:攀枝花市西区科学技术协会");
    expect(printed[0]?.text).toContain("科普服务量全省排名");
  });
});
