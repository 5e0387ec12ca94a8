import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStateOf } from "./accounts";
import { makeMonth } from "../lib/periods";
import { formatMonth, FUTURE, past, PAST_YEAR } from "./months";

test.use({ storageState: storageStateOf("staff") });

test("January's form compares with the last figure known before it, dated, when last December is empty", async ({ page }) => {
  // January of last year: its December before is no demo month and nothing has been entered since the 2023 baseline
  const january = makeMonth(PAST_YEAR + 1, 1);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/entry/${january}`);
    await expect(page.locator('[data-field="users_total"] [data-previous]')).toHaveText("2023年末：14312人");
    await expect(page.locator('[data-field="popsci_coverage_rate"] [data-previous]')).toHaveText("2023年末：4.87%");
    // a flow's 2023 figure is the year's total, never last month's
    await expect(page.locator('[data-field="users_new"] [data-previous]')).toHaveText("2023年全年合计：3918户");
    await expect(page.locator('[data-field="nanny_new"] [data-previous]')).toHaveText("上月：未填报");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${width}px`).toBeLessThanOrEqual(0);
    await page.locator('[data-field="users_total"]').screenshot({ path: test.info().outputPath(`january-reference-${width}.png`) });
  }
  // a 累计 below the level last known is questioned, naming its date
  await page.fill('input[name="users_total"]', "14300");
  await expect(page.locator("#consistency-warnings")).toContainText("累计注册用户比2023年末减少了 12人（14312人 → 14300人），累计数不应下降");
});

test("a month entered in the form shows on the dashboard and in the history", async ({ page }) => {
  await page.goto(`/entry/${past(1)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${formatMonth(past(1))} 数据填报`);
  await page.fill('input[name="nanny_new"]', "29");
  await page.fill('input[name="users_new"]', "400");
  await page.fill('input[name="users_new_individual"]', "396");
  await page.fill('input[name="users_new_org"]', "4");
  await page.fill('input[name="users_total"]', "１８，５５９");
  await page.fill('input[name="popsci_volume_rank"]', "11");
  await page.fill('input[name="popsci_volume_rank__of"]', "183");
  await page.getByRole("button", { name: `保存${formatMonth(past(1))}数据` }).click();

  await expect(page.getByRole("status").first()).toContainText(`已保存${formatMonth(past(1))}：更新 6 项指标`);
  await expect(page.locator('input[name="users_total"]')).toHaveValue("18559");
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("29");
  // the save answers with the form's state alone; the revisions beside each field are read again after it
  await expect(page.locator('[data-field="nanny_new"] [data-history]')).toContainText(`→ 29单（月度填报）`);
  await expect(page.locator('[data-field="users_total"] [data-history]')).toContainText(`→ 18559人（月度填报）`);

  await page.goto(`/?month=${past(1)}`);
  await expect(page.locator('[data-indicator="nanny_new"] [data-value]')).toHaveText("29单");
  await expect(page.locator('[data-indicator="users_total"] [data-value]')).toHaveText("18559人");
  await expect(page.locator('[data-indicator="popsci_volume"]')).toContainText("全省第11名（共183）");
  await expect(page.getByTestId("filled-count")).toHaveText("6");

  await page.goto("/indicators/nanny_new");
  await expect(page.locator(`tr[data-period="${past(1)}"]`)).toContainText("29单");
  const revision = page.getByTestId("revisions").locator("tr", { hasText: `${formatMonth(past(1))}` });
  await expect(revision).toContainText("（空） → 29单");
  await expect(revision).toContainText("月度填报");
  await expect(revision).toContainText(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);
});

test("saving again without changes writes nothing", async ({ page }) => {
  await page.goto(`/entry/${past(1)}`);
  await page.getByRole("button", { name: `保存${formatMonth(past(1))}数据` }).click();
  await expect(page.getByRole("status").first()).toContainText("没有改动，未写入任何数据");
});

test("an invalid entry gets a Chinese message next to each bad field, keeps what was typed and saves nothing", async ({ page }) => {
  await page.goto(`/entry/${past(2)}`);
  await expect(page.locator('[data-field="users_total"] [data-previous]')).toHaveText("上月：18559人");
  await expect(page.locator('[data-field="nanny_new"] [data-previous]')).toHaveText("上月：29单");
  await page.fill('input[name="nanny_new"]', "abc");
  await page.fill('input[name="users_new"]', "-3");
  await page.fill('input[name="popsci_coverage_rate"]', "120");
  await page.fill('input[name="popsci_volume"]', "878.443");
  await page.fill('input[name="supply_new"]', "70");
  await page.getByRole("button", { name: `保存${formatMonth(past(2))}数据` }).click();

  await expect(page.getByRole("status").first()).toContainText("有 4 项填写有误");
  // the error summary takes focus and links to each wrong field
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveCount(4);
  await summary.getByRole("link", { name: /^科普服务量：最多保留 2 位小数/ }).click();
  await expect(page.locator('input[name="popsci_volume"]')).toBeFocused();
  await expect(page.locator("#nanny_new-error")).toHaveText("请输入数字，例如 12");
  await expect(page.locator("#users_new-error")).toHaveText("不能为负数");
  await expect(page.locator("#popsci_coverage_rate-error")).toHaveText("百分比应在 0 到 100 之间");
  await expect(page.locator("#popsci_volume-error")).toHaveText("最多保留 2 位小数");
  await expect(page.locator('input[name="nanny_new"]')).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("abc");
  await expect(page.locator('input[name="supply_new"]')).toHaveValue("70");

  await page.goto("/indicators/supply_new");
  await expect(page.locator(`tr[data-period="${past(2)}"]`)).toHaveCount(0);
});

test("a month in the future cannot be entered", async ({ page }) => {
  await page.goto(`/entry/${FUTURE}`);
  await expect(page.getByText(`${formatMonth(FUTURE)}尚未到来，不能填报未来月份的数据。`)).toBeVisible();
  await expect(page.locator('input[name="nanny_new"]')).toHaveCount(0);
});

test("a malformed month is not found", async ({ page }) => {
  const response = await page.goto(`/entry/${PAST_YEAR}-13`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  await expect(page.getByTestId("not-found-message")).toContainText("没有这个填报月份：月份应写作 YYYY-MM");
});

test("each indicator's definition is at hand beside its field, folded until asked for", async ({ page }) => {
  await page.goto(`/entry/${past(2)}`);
  const definition = page.locator('[data-definition="nanny_new"]');
  await expect(definition.getByText(/省科协要求平均每月不少于34单/)).toBeHidden();
  await definition.getByText("指标说明").click();
  await expect(definition.getByText(/当月促成的、符合“保姆式”服务标准的科技供需对接单数。省科协要求平均每月不少于34单/)).toBeVisible();
});

test("the document's 2023 baseline is read-only on the form, with 更正基线 on the indicator page", async ({ page }) => {
  await page.goto("/entry/2023-12");
  const baseline = page.locator('[data-field="users_total"]');
  await expect(baseline).toContainText("14312人");
  await expect(baseline).toContainText("2023年基线");
  await expect(page.locator('input[name="users_total"]')).toHaveCount(0);
  await baseline.getByRole("link", { name: "更正基线" }).click();
  await expect(page).toHaveURL(/\/indicators\/users_total#baseline$/);
  // staff see where the figure comes from, but only an administrator may correct it
  await expect(page.locator("#baseline")).toContainText("请管理员更正");
  await expect(page.getByRole("button", { name: "更正基线" })).toHaveCount(0);
});
