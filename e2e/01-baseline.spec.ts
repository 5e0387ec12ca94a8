import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { formatMonth, LAST_DEMO } from "./months";

// leadership's view: a read-only account sees every figure
test.use({ storageState: storageStateOf("viewer") });

test("the dashboard at December 2023 shows the document's year-end figures", async ({ page }) => {
  await page.goto("/?month=2023-12");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2023年12月 工作看板");
  await expect(page.locator('[data-indicator="users_total"] [data-value]')).toHaveText("14312人");
  await expect(page.locator('[data-indicator="nanny_total"] [data-value]')).toHaveText("8855单");
  await expect(page.locator('[data-indicator="supply_total"]')).toContainText("全省第1名");
  await expect(page.locator('[data-indicator="popsci_volume"] [data-value]')).toHaveText("878.44万人次");
  await expect(page.locator('[data-indicator="popsci_volume"]')).toContainText("全省第12名");
  await expect(page.locator('[data-indicator="popsci_coverage_rate"] [data-value]')).toHaveText("4.87%");
  await expect(page.locator('[data-indicator="deal_amount_total"] [data-value]')).toHaveText("1.39亿元");
  // 2023's flows exist only as whole-year totals: shown as such, never as a December figure
  await expect(page.locator('[data-indicator="users_new"] [data-value]')).toHaveText("未填报");
  await expect(page.locator('[data-indicator="users_new"]')).toContainText("2023年全年 3918户（年度数据）");
  // the baseline is real data: no demo banner for this month
  await expect(page.getByText("本页含示例数据")).toHaveCount(0);
  // the document's figures are the baseline, not a month half filled in and awaiting review (issue 22 item 7);
  // nothing was due before the first figure: 2023's earlier months are not "unreported"
  await expect(page.getByTestId("approval-mark")).toHaveText("2023年基线（来自部门预算编制说明）");
  await expect(page.getByText("未审核（填报中）")).toHaveCount(0);
  await expect(page.getByText(/本月只填了/)).toHaveCount(0);
  await expect(page.getByTestId("reporting-gaps")).toHaveCount(0);
});

test("an indicator's history lists the 2023 whole-year total and the seed revision", async ({ page }) => {
  await page.goto("/indicators/users_new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新增注册用户");
  const year = page.locator('tr[data-period="2023"]');
  await expect(year).toContainText("2023年全年");
  await expect(year).toContainText("3918户");
  await expect(page.getByTestId("revisions")).toContainText("（空） → 3918户");
  await expect(page.getByTestId("revisions")).toContainText("基线数据");
});

test("the first start shows the demo months, the twelve before this one, marked 示例数据", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${formatMonth(LAST_DEMO)} 工作看板`);
  await expect(page.getByText("本页含示例数据")).toBeVisible();
  await expect(page.locator('[data-indicator="nanny_new"]')).toContainText("示例");
  await expect(page.getByTestId("filled-count")).toHaveText("26");
});
