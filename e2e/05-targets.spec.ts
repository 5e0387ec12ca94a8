import { expect, test } from "@playwright/test";
import { pageAs } from "./accounts";

test("a target set on the admin page turns a month below 34 red on the dashboard, with the catch-up needed", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/targets?year=2025");
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("2025年目标");
  const form = admin.page.getByRole("form", { name: "设定目标" });
  await form.getByLabel("指标").selectOption("nanny_new");
  await form.getByLabel("考核方式").selectOption("monthly_avg");
  await form.getByLabel(/目标值/).fill("34.55");
  await form.getByRole("button", { name: "设定2025年目标" }).click();
  await expect(form.locator("#value-error")).toHaveText("目标值最多保留 1 位小数");
  await form.getByLabel(/目标值/).fill("34");
  await form.getByRole("button", { name: "设定2025年目标" }).click();
  await expect(form.getByRole("status")).toContainText("已设定2025年“促成“保姆式”服务单数”的目标");
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText("月均不少于 34单");

  // the staff reports February: 2025-01 holds 29 (the entry test), so the average is (29 + 20) / 2
  const staff = await pageAs(browser, "staff");
  await staff.page.goto("/entry/2025-02");
  await staff.page.fill('input[name="nanny_new"]', "20");
  await staff.page.getByRole("button", { name: "保存2025年2月数据" }).click();
  await expect(staff.page.getByRole("status").first()).toContainText("已保存");

  await staff.page.goto("/?month=2025-02");
  const card = staff.page.locator('[data-indicator="nanny_new"]');
  await expect(card.locator("[data-status]").first()).toHaveText(/未达标/);
  await expect(card).toContainText("本年月均 24.5单，达成 72.1%");
  // 12 × 34 = 408 for the year; 49 so far; 359 over the 10 months left is 35.9, so 36 a month
  await expect(card).toContainText("其余 10 个月每月需 ≥ 36单");
  await expect(card).toContainText("本月低于目标值");
  const chart = staff.page.locator('[data-chart="nanny"]');
  await expect(chart.locator("svg text.recharts-label")).toHaveText("目标 34");
  await expect(chart.locator('.recharts-bar-rectangle path[fill="#dc2626"]')).toHaveCount(2);

  // a change of target applies to its own year only: 2024 keeps the seeded one
  await admin.page.goto("/targets?year=2024");
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText("省科协要求");
  await admin.context.close();
  await staff.context.close();
});

test("an entry that breaks an identity is flagged before saving, and listed under data quality after", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "staff");
  await page.goto("/entry/2025-04");
  await page.fill('input[name="users_new"]', "100");
  await page.fill('input[name="users_new_individual"]', "90");
  await page.fill('input[name="users_new_org"]', "5");
  const warnings = page.locator("#consistency-warnings");
  await expect(warnings).toContainText("新增注册用户（100户）应等于 新增个人用户 + 新增企事业单位（合计 95户）");
  await expect(page.locator('[data-warning-for="users_new_org"]')).toBeVisible();

  await page.fill('input[name="users_new_org"]', "10");
  await expect(warnings).not.toContainText("新增注册用户");
  await page.fill('input[name="users_new_org"]', "5");
  await page.getByRole("button", { name: "保存2025年4月数据" }).click();
  await expect(page.getByRole("status").first()).toContainText("已保存");

  await page.goto("/?month=2025-04");
  await page.getByTestId("quality-link").click();
  await expect(page).toHaveURL(/\/quality\?month=2025-04/);
  await expect(page.getByTestId("warnings")).toContainText("新增注册用户（100户）应等于");
  await expect(page.getByTestId("warnings").getByRole("link", { name: "新增企事业单位" })).toBeVisible();
  await context.close();
});

test("the 2023 baseline raises no data-quality warning", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "viewer");
  await page.goto("/quality?month=2023-12");
  await expect(page.getByTestId("no-warnings")).toBeVisible();
  await context.close();
});
