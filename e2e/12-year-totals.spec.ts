import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./accounts";
import { CURRENT, CURRENT_YEAR, formatMonth, past, PAST_YEAR } from "./months";

/**
 * A past year's flows known only as the year's totals: entered on the year's form (linked from the
 * staff's home), stored against the year and never spread over its months, and shown as such on the
 * monthly form, the indicator page and the dashboard. Two years back holds some months already (the
 * older specs) but no 新增达成交易 or 新增发布科技所需 in any of them.
 */
const YEAR = PAST_YEAR;

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the staff enter a past year's totals on its own form, and every page shows them as the year's, never as months", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "staff");
  await page.goto("/entry");
  const years = page.getByTestId("year-totals");
  await expect(years.locator(`a[data-year="${CURRENT_YEAR}"]`)).toHaveCount(0);
  await expect(years.locator('a[data-year="2023"]')).toBeVisible();
  await years.locator(`a[data-year="${YEAR}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/entry/${YEAR}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${YEAR}年全年合计 数据填报`);

  // flows only: a level's year-end figure is December's
  await expect(page.locator('input[name="users_total"]')).toHaveCount(0);
  await expect(page.locator('input[name="supply_total_rank"]')).toHaveCount(0);
  await expect(page.locator('[data-field="deals_new"] [data-previous]')).toHaveText("各月均未填报");
  await expect(page.locator('[data-field="nanny_new"] [data-previous]')).toContainText(/1–12月已填 \d+ 个月，合计 \d+单/);

  await page.fill('input[name="deals_new"]', "4O");
  await page.fill('input[name="demand_new"]', "2,150");
  await page.getByRole("button", { name: `保存${YEAR}年全年合计数据` }).click();
  await expect(page.locator("#save-result")).toHaveAttribute("data-status", "invalid");
  await expect(page.locator("#deals_new-error")).toHaveText("请输入数字，例如 12");
  await expect(page.locator('input[name="demand_new"]')).toHaveValue("2,150");
  await page.fill('input[name="deals_new"]', "40");
  await page.getByRole("button", { name: `保存${YEAR}年全年合计数据` }).click();
  await expect(page.locator("#save-result")).toContainText(`已保存${YEAR}年全年合计：更新 2 项指标`);
  await expect(page.locator('input[name="demand_new"]')).toHaveValue("2150");
  await expect(page.locator('[data-field="deals_new"]')).toContainText("（空） → 40个");
  await expect(page.locator('[data-field="deals_new"]')).toContainText("全年合计填报");

  // the indicator's page lists the year's total as such, and no month received any of it
  await page.goto("/indicators/deals_new");
  const row = page.locator(`tr[data-period="${YEAR}"]`);
  await expect(row).toContainText(`${YEAR}年全年`);
  await expect(row).toContainText("40个");
  await expect(row).toContainText("全年合计，不摊到各月");
  await expect(page.locator(`tr[data-period^="${YEAR}-"]`)).toHaveCount(0);
  await expect(page.getByTestId("revisions").locator("tr", { hasText: `${YEAR}年全年` })).toContainText("全年合计填报");

  // a month's form of that year shows the total beside the field, linked to the year's form
  await page.goto(`/entry/${past(1)}`);
  const note = page.locator('[data-year-note="demand_new"]');
  await expect(note).toContainText(`${YEAR}年全年合计 2150条（年度数据，不摊到各月）`);
  await expect(page.locator('input[name="demand_new"]')).toHaveValue("");
  await note.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/entry/${YEAR}$`));

  // the dashboard's December reads the year as the whole-year figure
  await page.goto(`/?month=${YEAR}-12`);
  await expect(page.locator('[data-indicator="deals_new"]')).toContainText(`${YEAR}年全年 40个（年度数据）`);

  // on a phone the year's form reads without sideways scrolling
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/entry/${YEAR}`);
  await expect(page.locator('input[name="deals_new"]')).toHaveValue("40");
  await noSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath("year-totals-375.png"), fullPage: true });
  await page.goto("/entry");
  await noSidewaysScroll(page);
  await context.close();
});

test("the 2023 baseline stays read-only on its year's form, the running year takes no total, and a viewer only reads", async ({ browser }) => {
  const staff = await pageAs(browser, "staff");
  await staff.page.goto("/entry/2023");
  const baseline = staff.page.locator('[data-field="users_new"]');
  await expect(baseline).toContainText("3918户");
  await expect(baseline).toContainText("2023年基线");
  await expect(staff.page.locator('input[name="users_new"]')).toHaveCount(0);
  // the document gives no 2023 figure for the nanny-style orders: that one may be entered
  await expect(staff.page.locator('input[name="nanny_new"]')).toBeVisible();

  await staff.page.goto(`/entry/${CURRENT_YEAR}`);
  const notOver = staff.page.locator('p[role="alert"]');
  await expect(notOver).toContainText(`${CURRENT_YEAR}年尚未结束，不能填全年合计；请按月填写`);
  await expect(notOver.getByRole("link")).toHaveText(`填报本月（${formatMonth(CURRENT)}）`);
  await expect(staff.page.locator('input[name="nanny_new"]')).toHaveCount(0);
  await staff.context.close();

  const viewer = await pageAs(browser, "viewer");
  await viewer.page.goto(`/entry/${YEAR}`);
  await expect(viewer.page.getByText("您的账号为只读")).toBeVisible();
  await expect(viewer.page.locator('[data-field="deals_new"]')).toContainText("40个");
  await expect(viewer.page.locator('input[name="deals_new"]')).toHaveCount(0);
  await viewer.context.close();
});
