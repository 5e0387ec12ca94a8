import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { makeMonth } from "../lib/periods";
import { formatMonth, PAST_YEAR } from "./months";

/**
 * A value far outside its own history is saved only once someone ticks that they checked it, and
 * its revision keeps the flag's words. In a year no other spec writes (two before the older specs'
 * year): 新增达成交易 at about 2 a month from January to June, then 12000 typed into July, 8000 into
 * August without scripts, and “1.2万” pasted for September. Runs before 14-one-judgement, which
 * runs last.
 */
const YEAR = PAST_YEAR - 2;
const month = (m: number) => makeMonth(YEAR, m);

test.use({ storageState: storageStateOf("staff") });

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function importPaste(page: Page, paste: string): Promise<void> {
  await page.goto("/import");
  await page.getByLabel(/或粘贴单元格/).fill(paste);
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("预览：");
}

test("12000 typed where 新增达成交易 runs at about 2 is flagged as it is typed, refused until ticked, then saved with the flag on its revision", async ({ page }) => {
  // the history, imported: nothing in it is far from the rest
  await importPaste(page, `指标\t${[1, 2, 3, 4, 5, 6].map((m) => formatMonth(month(m))).join("\t")}\n新增达成交易\t2\t3\t2\t2\t3\t2\n`);
  await expect(page.getByTestId("row-flag")).toHaveCount(0);
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#import-message")).toContainText("新增 6 项");

  const july = month(7);
  const save = page.getByRole("button", { name: `保存${formatMonth(july)}数据` });
  await page.goto(`/entry/${july}`);
  const field = page.locator('input[name="deals_new"]');
  await field.fill("12000");
  await page.fill('input[name="nanny_new"]', "35");
  const flag = page.locator('[data-plausibility="deals_new"]');
  await expect(flag).toContainText("与以往相差很大：近6个月中位数 2个，本次 12000个（约6000倍）");
  await expect(field).toHaveAttribute("aria-describedby", "deals_new-error deals_new-plausibility");
  const tick = flag.getByLabel("我已核对，数值无误");
  await expect(tick).not.toBeChecked();
  // back within its history: the flag goes
  await field.fill("3");
  await expect(flag).toHaveCount(0);
  await field.fill("12000");
  await expect(flag).toBeVisible();

  // saved without the tick: nothing is written, everything typed stays, the summary links to the field
  await save.click();
  await expect(page.locator("#save-result")).toHaveAttribute("data-status", "invalid");
  await expect(page.locator("#save-result")).toContainText("有 1 项数值与以往相差很大");
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("新增达成交易：近6个月中位数 2个");
  await expect(field).toHaveValue("12000");
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("35");
  await expect(page.locator('[data-field="deals_new"] [data-history]')).toHaveCount(0);

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await flag.scrollIntoViewIfNeeded();
    await noSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`entry-flag-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await flag.getByLabel("我已核对，数值无误").check();
  await save.click();
  await expect(page.locator("#save-result")).toContainText(`已保存${formatMonth(july)}：更新 2 项指标`);
  await expect(page.locator('[data-field="deals_new"] [data-history]')).toContainText("（空） → 12000个");
  await page.locator('[data-field="deals_new"] [data-history] summary').click();
  await expect(page.locator('[data-field="deals_new"] [data-plausibility-note]')).toHaveText("异常值已核对：近6个月中位数 2个，本次 12000个（约6000倍）；本次 12000个 除以1万为 1.2，与上月的 2个 相近：是否多了一个“万”，或单位填错？");
  // the value now stored is no longer a change: no flag
  await expect(flag).toHaveCount(0);

  await page.goto("/indicators/deals_new");
  const revision = page.getByTestId("revisions").locator("tr", { hasText: formatMonth(july) });
  await expect(revision).toContainText("（空） → 12000个");
  await expect(revision.locator("[data-plausibility-note]")).toContainText("异常值已核对：近6个月中位数 2个，本次 12000个（约6000倍）");
});

test("the server decides: a page whose scripts never ran shows the flag it answered with, and saves once the tick is sent", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("staff"), javaScriptEnabled: false });
  const page = await context.newPage();
  const august = month(8);
  await page.goto(`/entry/${august}`);
  await page.locator('input[name="deals_new"]').fill("8000");
  await page.getByRole("button", { name: `保存${formatMonth(august)}数据` }).click();
  const flag = page.locator('[data-plausibility="deals_new"]');
  await expect(flag).toContainText("近6个月中位数 2.5个，本次 8000个");
  await expect(page.locator('input[name="deals_new"]')).toHaveValue("8000");
  await flag.getByLabel("我已核对，数值无误").check();
  await page.getByRole("button", { name: `保存${formatMonth(august)}数据` }).click();
  await expect(page.getByText(`已保存${formatMonth(august)}`).first()).toBeVisible();
  await context.close();
});

test("“1.2万” pasted for 新增达成交易 is flagged on its preview row and imported only once the flagged values are ticked", async ({ page }) => {
  const september = month(9);
  await importPaste(page, `指标\t${formatMonth(september)}\n新增达成交易\t1.2万\n`);
  const row = page.locator('[data-testid="import-row"][data-flagged]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("12000个");
  await expect(row.getByTestId("row-flag")).toContainText("请核对：近6个月中位数 2.5个，本次 12000个");
  await expect(page.locator("#import-message")).toContainText("其中 1 个数与以往相差很大");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`import-flag-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // 确认导入 asks for the tick first
  const confirm = page.getByRole("form", { name: "确认导入" });
  const tick = confirm.getByLabel(/我已核对以上 1 个异常值/);
  await confirm.getByRole("button", { name: "确认导入" }).click();
  expect(await tick.evaluate((input) => input instanceof HTMLInputElement && !input.validity.valid)).toBe(true);
  await expect(page.locator("#import-message")).toContainText("预览：");
  await tick.check();
  await confirm.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#import-message")).toContainText("已导入“粘贴内容”：新增 1 项");

  const csv = await (await page.request.get(`/export/revisions.csv?year=${YEAR}`)).text();
  expect(csv.split("\r\n")[0]).toContain("异常值核对");
  expect(csv.match(/异常值已核对：/g)).toHaveLength(3);
});
