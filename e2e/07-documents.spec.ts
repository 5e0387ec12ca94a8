import { expect, test } from "@playwright/test";
import { pageAs, storageStateOf } from "./accounts";
import { chartSeries, downloaded, rowNamed, wordText, workbookOf } from "./documents";
import { DEMO_QUARTER, formatMonth, formatQuarter, LAST_DEMO, monthParts } from "./months";

test.use({ storageState: storageStateOf("staff") });

const NANNY = "促成“保姆式”服务单数";

test("the pack's Word, slides and Excel download from the pack page and agree with it to the digit", async ({ page }) => {
  await page.goto(`/review/${DEMO_QUARTER}`);
  const row = page.locator('[data-indicator="nanny_new"]');
  // the figure, then (for a target on a monthly average) the quarter's own average on a line of its own
  const quarterText = (await row.locator("td").nth(1).innerText()).trim();
  const quarterValue = Number(quarterText.replace(/单[\s\S]*/, ""));
  expect(quarterValue).toBeGreaterThan(0);
  const analysis = ((await page.getByTestId("overall").locator("p").first().textContent()) ?? "").trim();
  expect(analysis).toContain(`${formatQuarter(DEMO_QUARTER)}（`);

  const downloads = page.getByTestId("pack-downloads");
  const [word] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("link", { name: "下载 Word" }).click()]);
  expect(word.suggestedFilename()).toBe(`西区科协${formatQuarter(DEMO_QUARTER)}工作推进会材料.docx`);
  const text = await wordText(await downloaded(word));
  // the page's sections, numbered as the page numbers them
  for (const heading of await page.locator(".review-pack h2").allTextContents()) expect(text).toContain(heading.replace(/（\d+）$/, ""));
  expect(text).toContain("二、指标完成情况");
  expect(text).toContain("三、未达标指标及措施");
  expect(text).toContain(analysis);
  // the figure and the quarter's average in its cell, lines broken where the column needs it
  expect(text.replace(/\s+/g, "")).toContain(`${NANNY}${quarterText}`.replace(/\s+/g, ""));

  const [slides] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("link", { name: "下载 PPT" }).click()]);
  expect(slides.suggestedFilename()).toMatch(/\.pptx$/);
  const series = await chartSeries(await downloaded(slides));
  const bars = series.find((one) => one.name === NANNY);
  const target = series.find((one) => one.name.startsWith("目标：月均"));
  expect(target?.values.every((value) => value === 34)).toBe(true);
  // the bars run January to the quarter's end: its last three are the quarter, summing to the page's figure
  const quarterBars = (bars?.values ?? []).slice(-3);
  expect(quarterBars.reduce<number>((sum, value) => sum + (value ?? 0), 0)).toBe(quarterValue);

  const [excel] = await Promise.all([page.waitForEvent("download"), downloads.getByRole("link", { name: "下载 Excel" }).click()]);
  const workbook = await workbookOf(await downloaded(excel));
  const summary = workbook.getWorksheet("指标汇总");
  expect(rowNamed(summary, NANNY)?.getCell(4).value).toBe(quarterValue);
  expect(summary?.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: "landscape" });
});

test("the pack reads on a phone: a card per indicator, no sideways scroll, nothing one character a line", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("viewer"), viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto(`/review/${DEMO_QUARTER}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  // the column headers give way to labels on each card
  await expect(page.getByTestId("review-table").locator("thead")).toBeHidden();
  const card = page.locator('[data-indicator="users_total"]');
  const box = await card.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(280);
  const name = await card.locator("td[data-name]").boundingBox();
  // the name on one line, the "未设目标" on one line: no column squeezed to a character's width
  expect(name?.height ?? 99).toBeLessThan(30);
  const none = await card.getByText("未设目标").boundingBox();
  expect(none?.width ?? 0).toBeGreaterThan(40);
  expect(none?.height ?? 99).toBeLessThan(30);
  await context.close();
});

test("the month's brief: drafted from the figures, saved with a revision, compared on 重新生成, and used by the Word document", async ({ browser }) => {
  const staff = await pageAs(browser, "staff");
  const { page } = staff;
  const month = LAST_DEMO;
  const m = monthParts(month).month;
  await page.goto(`/report/${month}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${formatMonth(month)}工作简报`);
  await expect(page.getByTestId("brief-drafted")).toBeVisible();
  const drafted = ((await page.getByTestId("brief-text").locator("p").first().textContent()) ?? "").trim();
  expect(drafted.startsWith(`截至${m}月底，我区天府科技云`)).toBe(true);
  expect(drafted).toContain(`${m}月${NANNY}`);
  const box = page.getByLabel(/简报文字/);
  await expect(box).toHaveValue(new RegExp(`^截至${m}月底`));

  const full = await box.inputValue();
  await box.fill(`${full}\n经研究，下月重点抓好“保姆式”服务。`);
  await page.getByRole("button", { name: "保存简报" }).click();
  await expect(page.getByRole("status")).toContainText(`已保存${formatMonth(month)}的简报`);
  await page.reload();
  await expect(page.getByTestId("brief-drafted")).toHaveCount(0);
  await expect(page.getByTestId("brief-text")).toContainText("经研究，下月重点抓好“保姆式”服务。");
  await expect(page.getByText("简报的修订记录（1）")).toBeVisible();

  // 重新生成: the fresh draft against the saved text — the added sentence is what differs
  await page.getByRole("button", { name: "重新生成" }).click();
  await expect(page.getByTestId("regenerated-diff").locator("del")).toContainText("经研究，下月重点抓好“保姆式”服务。");
  await expect(page.getByTestId("regenerated-diff").locator("ins")).toHaveCount(0);

  const [word] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载 Word" }).click()]);
  const text = await wordText(await downloaded(word));
  expect(text).toContain("经研究，下月重点抓好“保姆式”服务。");
  expect(text).toContain("二、主要指标");

  // someone else saves meanwhile: the first writer's save is refused, their text kept
  const other = await pageAs(browser, "admin");
  await other.page.goto(`/report/${month}`);
  await page.reload();
  await other.page.getByLabel(/简报文字/).fill("管理员改写的简报。");
  await other.page.getByRole("button", { name: "保存简报" }).click();
  await expect(other.page.getByRole("status")).toContainText("已保存");
  await page.getByLabel(/简报文字/).fill("张三改写的简报。");
  await page.getByRole("button", { name: "保存简报" }).click();
  await expect(page.getByRole("status")).toContainText("已被他人修改");
  await expect(page.getByLabel(/简报文字/)).toHaveValue("张三改写的简报。");
  await other.context.close();
  await staff.context.close();
});

test("a viewer reads the brief and downloads it, but has nothing to save", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "viewer");
  await page.goto(`/report/${LAST_DEMO}`);
  await expect(page.getByTestId("brief-text")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存简报" })).toHaveCount(0);
  const response = await page.request.get(`/report/${LAST_DEMO}/docx`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("wordprocessingml");
  expect((await page.request.get("/report/2024-13/docx")).status()).toBe(404);
  await context.close();
});
