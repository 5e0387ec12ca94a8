import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { filledTo, nearlyEmptyPages, readPdf } from "../tests/support/pdf-text";
import { storageStateOf } from "./accounts";
import { DEMO_QUARTER, formatQuarter } from "./months";

test.use({ storageState: storageStateOf("staff") });

const QUARTER_TITLE = `${formatQuarter(DEMO_QUARTER)}工作推进会材料`;

test("the quarterly pack shows the red items with their notes to fill, and stops being a draft once they are", async ({ page }) => {
  await page.goto(`/review/${DEMO_QUARTER}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(QUARTER_TITLE);
  await expect(page.getByTestId("draft")).toHaveText("草稿");
  // the demo target for the coverage rate (12%) is out of reach of the demo figures
  const red = page.getByTestId("red-list").locator("li", { hasText: "精准科普覆盖率" }).first();
  await expect(red).toContainText("未达标");
  await expect(red).toContainText("个百分点");
  await expect(red).toContainText("原因：待填写");
  await expect(red).toContainText("下步措施：待填写");
  const redCount = await page.getByTestId("red-list").locator("li").count();

  const form = page.getByRole("form", { name: "填写说明" });
  await form.getByLabel("总体分析").fill("本季度各项工作平稳推进。");
  // every red indicator has a group of its own: fill each
  const groups = form.getByRole("group");
  await expect(groups).toHaveCount(redCount);
  for (let index = 0; index < redCount; index += 1) {
    const group = groups.nth(index);
    const name = await group.locator("legend").textContent();
    const cause = name === "精准科普覆盖率" ? "=1+1 覆盖人数统计口径调整" : `${name ?? ""}：季度内对接不足`;
    await group.getByLabel("原因").fill(cause);
    await group.getByLabel("下步措施").fill("下季度开展社区精准科普活动 6 场");
  }
  await form.getByRole("button", { name: "保存说明" }).click();
  await expect(form.getByRole("status")).toContainText(`已保存${formatQuarter(DEMO_QUARTER)}的 ${1 + 2 * redCount} 条说明`);

  await page.reload();
  await expect(page.getByTestId("draft")).toHaveCount(0);
  await expect(red).toContainText("原因：=1+1 覆盖人数统计口径调整");
  await expect(page.getByTestId("overall")).toHaveText("本季度各项工作平稳推进。");
  await expect(page.getByText(`说明的修订记录（${1 + 2 * redCount}）`)).toBeVisible();
});

test("the pack prints to A4 pages holding the quarter's figures, with running header and page numbers, and no page nearly empty", async ({ page }) => {
  await page.goto(`/review/${DEMO_QUARTER}`);
  const nannyQuarter = (await page.locator('[data-indicator="nanny_new"] td').nth(1).textContent())?.trim() ?? "";
  expect(nannyQuarter).toMatch(/^\d+单/);
  const headings = (await page.locator(".review-pack h2").allTextContents()).map((heading) => heading.replace(/\s+/g, "").normalize("NFKC"));
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(test.info().outputPath("pack.pdf"), pdf);

  const pages = await readPdf(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const printed of pages) {
    // A4 portrait in PDF points
    expect([printed.width, printed.height]).toEqual([595, 842]);
    expect(printed.text).toMatch(new RegExp(`第${printed.number}[页⻚]/共${pages.length}[页⻚]`));
    expect(printed.text).toContain(`攀枝花市西区科学技术协会·${QUARTER_TITLE}`);
  }
  // the sections run on: no page but the last ends above 40 % of its height (a section forced onto
  // a page of its own left pages holding a line), and no heading is left alone at a page's foot
  const filled = pages.map((printed) => `第${printed.number}页 ${Math.round(filledTo(printed) * 100)}%`).join("，");
  expect(nearlyEmptyPages(pages), filled).toEqual([]);
  for (const printed of pages) expect(headings, `第${printed.number}页的最后一行`).not.toContain(printed.body.at(-1)?.text);
  const text = pages.map((printed) => printed.text).join("");
  expect(text).toContain(QUARTER_TITLE);
  expect(text).toContain("促成“保姆式”服务单数");
  // the figure, and the quarter's average on its line below it
  expect(text).toContain(nannyQuarter.match(/^\d+单/)?.[0] ?? "?");
  expect(text).toContain(nannyQuarter.replace(/^\d+单/, "").replace(/\s+/g, ""));
  expect(text).toContain("精准科普覆盖率");
  for (const heading of headings) expect(text).toContain(heading);
  // no navigation on paper
  expect(text).not.toContain("退出");
});

test("the Excel download holds the same numbers, as numbers, and the commentary as text", async ({ page }) => {
  await page.goto(`/review/${DEMO_QUARTER}`);
  const nannyQuarter = Number(((await page.locator('[data-indicator="nanny_new"] td').nth(1).textContent()) ?? "").replace(/单.*/, ""));
  const response = await page.request.get(`/review/${DEMO_QUARTER}/xlsx`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  const body = await response.body();
  const copy = new ArrayBuffer(body.byteLength);
  new Uint8Array(copy).set(body);
  await workbook.xlsx.load(copy);
  const summary = workbook.getWorksheet("指标汇总");
  let nannyCell: ExcelJS.Cell | undefined;
  summary?.eachRow((row) => {
    if (row.getCell(2).value === "促成“保姆式”服务单数") nannyCell = row.getCell(4);
  });
  expect(nannyCell?.type).toBe(ExcelJS.ValueType.Number);
  expect(nannyCell?.value).toBe(nannyQuarter);
  let cause: ExcelJS.Cell | undefined;
  workbook.getWorksheet("未达标与措施")?.eachRow((row) => {
    if (row.getCell(2).value === "精准科普覆盖率") cause = row.getCell(5);
  });
  expect(cause?.type).toBe(ExcelJS.ValueType.String);
  expect(cause?.value).toBe("=1+1 覆盖人数统计口径调整");
});

test("the Excel download needs a signed-in user", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const response = await context.request.get(`${baseURL}/review/${DEMO_QUARTER}/xlsx`, { maxRedirects: 0 });
  expect([302, 303, 307, 401]).toContain(response.status());
  await context.close();
});
