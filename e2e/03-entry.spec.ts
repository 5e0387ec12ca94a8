import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStateOf } from "./accounts";

test.use({ storageState: storageStateOf("staff") });

test("a month entered in the form shows on the dashboard and in the history", async ({ page }) => {
  await page.goto("/entry/2025-01");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2025年1月 数据填报");
  await page.fill('input[name="nanny_new"]', "29");
  await page.fill('input[name="users_new"]', "400");
  await page.fill('input[name="users_new_individual"]', "396");
  await page.fill('input[name="users_new_org"]', "4");
  await page.fill('input[name="users_total"]', "１８，５５９");
  await page.fill('input[name="popsci_volume_rank"]', "11");
  await page.fill('input[name="popsci_volume_rank__of"]', "183");
  await page.getByRole("button", { name: "保存2025年1月数据" }).click();

  await expect(page.getByRole("status").first()).toContainText("已保存2025年1月：更新 6 项指标");
  await expect(page.locator('input[name="users_total"]')).toHaveValue("18559");
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("29");

  await page.goto("/?month=2025-01");
  await expect(page.locator('[data-indicator="nanny_new"] [data-value]')).toHaveText("29单");
  await expect(page.locator('[data-indicator="users_total"] [data-value]')).toHaveText("18559人");
  await expect(page.locator('[data-indicator="popsci_volume"]')).toContainText("全省第11名（共183）");
  await expect(page.getByTestId("filled-count")).toHaveText("6");

  await page.goto("/indicators/nanny_new");
  await expect(page.locator('tr[data-period="2025-01"]')).toContainText("29单");
  const revision = page.getByTestId("revisions").locator("tr", { hasText: "2025年1月" });
  await expect(revision).toContainText("（空） → 29单");
  await expect(revision).toContainText("月度填报");
  await expect(revision).toContainText(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);
});

test("saving again without changes writes nothing", async ({ page }) => {
  await page.goto("/entry/2025-01");
  await page.getByRole("button", { name: "保存2025年1月数据" }).click();
  await expect(page.getByRole("status").first()).toContainText("没有改动，未写入任何数据");
});

test("an invalid entry gets a Chinese message next to each bad field, keeps what was typed and saves nothing", async ({ page }) => {
  await page.goto("/entry/2025-02");
  await expect(page.locator('[data-field="users_total"] [data-previous]')).toHaveText("上月：18559人");
  await expect(page.locator('[data-field="nanny_new"] [data-previous]')).toHaveText("上月：29单");
  await page.fill('input[name="nanny_new"]', "abc");
  await page.fill('input[name="users_new"]', "-3");
  await page.fill('input[name="popsci_coverage_rate"]', "120");
  await page.fill('input[name="popsci_volume"]', "878.443");
  await page.fill('input[name="supply_new"]', "70");
  await page.getByRole("button", { name: "保存2025年2月数据" }).click();

  await expect(page.getByRole("status").first()).toContainText("有 4 项填写有误");
  await expect(page.locator("#nanny_new-error")).toHaveText("请输入数字，例如 12");
  await expect(page.locator("#users_new-error")).toHaveText("不能为负数");
  await expect(page.locator("#popsci_coverage_rate-error")).toHaveText("百分比应在 0 到 100 之间");
  await expect(page.locator("#popsci_volume-error")).toHaveText("最多保留 2 位小数");
  await expect(page.locator('input[name="nanny_new"]')).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("abc");
  await expect(page.locator('input[name="supply_new"]')).toHaveValue("70");

  await page.goto("/indicators/supply_new");
  await expect(page.locator('tr[data-period="2025-02"]')).toHaveCount(0);
});

test("a month in the future cannot be entered", async ({ page }) => {
  await page.goto("/entry/2099-01");
  await expect(page.getByText("2099年1月尚未到来，不能填报未来月份的数据。")).toBeVisible();
  await expect(page.locator('input[name="nanny_new"]')).toHaveCount(0);
});

test("a malformed month is not found", async ({ page }) => {
  const response = await page.goto("/entry/2025-13");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
});
