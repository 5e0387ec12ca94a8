import { expect, test } from "@playwright/test";
import { pageAs } from "./accounts";
import { formatMonth, past, PAST_YEAR } from "./months";

test("the province's 34 stands from 2024 on; a target set for one year judges that year only, and turns a month below it red with the catch-up", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto(`/targets?year=${PAST_YEAR}`);
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText(`${PAST_YEAR}年目标`);
  const seeded = admin.page.locator('[data-target="nanny_new"]').first();
  await expect(seeded).toContainText("月均不少于 34单");
  await expect(seeded.locator("[data-since]")).toContainText("自2024年起 · 省科协要求");

  const form = admin.page.getByRole("form", { name: "设定目标" });
  await form.getByLabel("起始年份").selectOption(String(PAST_YEAR));
  await form.getByLabel("指标").selectOption("nanny_new");
  await form.getByLabel("考核方式").selectOption("monthly_avg");
  await form.getByLabel(`只适用于${PAST_YEAR}年`).check();
  await form.getByLabel(/目标值/).fill("36.55");
  await form.getByLabel("来源").fill("区科协年度计划");
  await form.getByRole("button", { name: "设定目标" }).click();
  await expect(form.locator("#value-error")).toHaveText("目标值最多保留 1 位小数");
  await form.getByLabel(/目标值/).fill("36");
  await form.getByRole("button", { name: "设定目标" }).click();
  await expect(form.getByRole("status")).toContainText(`已设定“促成“保姆式”服务单数”的目标，只适用于${PAST_YEAR}年`);
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText("月均不少于 36单");
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText(`仅${PAST_YEAR}年 · 区科协年度计划`);

  // the staff reports February: January holds 29 (the entry test), so the average is (29 + 20) / 2
  const staff = await pageAs(browser, "staff");
  await staff.page.goto(`/entry/${past(2)}`);
  await staff.page.fill('input[name="nanny_new"]', "20");
  await staff.page.getByRole("button", { name: `保存${formatMonth(past(2))}数据` }).click();
  await expect(staff.page.getByRole("status").first()).toContainText("已保存");

  await staff.page.goto(`/?month=${past(2)}`);
  const card = staff.page.locator('[data-indicator="nanny_new"]');
  await expect(card.locator("[data-status]").first()).toHaveText(/未达标/);
  await expect(card).toContainText("目标：月均不少于 36单");
  await expect(card).toContainText("本年月均 24.5单，达成 68.1%");
  // 12 × 36 = 432 for the year; 49 so far; 383 over the 10 months left is 38.3, so 39 a month
  await expect(card).toContainText("其余 10 个月每月需 ≥ 39单");
  await expect(card).toContainText("本月低于目标值");
  const chart = staff.page.locator('[data-chart="nanny"]');
  await expect(chart.locator("[data-reference]")).toHaveText("目标 36");
  await chart.hover();
  await expect(chart.locator("svg text.recharts-label")).toHaveText("目标 36");
  await expect(chart.locator('.recharts-bar-rectangle path[fill="#dc2626"]')).toHaveCount(2);

  // the year after is judged by the standing province requirement again
  await admin.page.goto(`/targets?year=${PAST_YEAR + 1}`);
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText("月均不少于 34单");
  await expect(admin.page.locator('[data-target="nanny_new"]').first()).toContainText("省科协要求");
  await admin.context.close();
  await staff.context.close();
});

test("an entry that breaks an identity is flagged before saving, and listed under data quality after", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "staff");
  await page.goto(`/entry/${past(4)}`);
  await page.fill('input[name="users_new"]', "100");
  await page.fill('input[name="users_new_individual"]', "90");
  await page.fill('input[name="users_new_org"]', "5");
  const warnings = page.locator("#consistency-warnings");
  await expect(warnings).toContainText("新增注册用户（100户）应等于 新增个人用户 + 新增企事业单位（合计 95户）");
  await expect(page.locator('[data-warning-for="users_new_org"]')).toBeVisible();

  await page.fill('input[name="users_new_org"]', "10");
  await expect(warnings).not.toContainText("新增注册用户");
  await page.fill('input[name="users_new_org"]', "5");
  await page.getByRole("button", { name: `保存${formatMonth(past(4))}数据` }).click();
  await expect(page.getByRole("status").first()).toContainText("已保存");

  await page.goto(`/?month=${past(4)}`);
  await page.getByTestId("quality-link").click();
  await expect(page).toHaveURL(new RegExp(`/quality\\?month=${past(4)}`));
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
