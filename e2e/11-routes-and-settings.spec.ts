import { expect, test } from "@playwright/test";
import { pageAs } from "./accounts";
import { CURRENT_YEAR, DEMO_QUARTER, formatMonth, FUTURE, PAST_YEAR } from "./months";

test("each route says what it expected when nothing is there, and a wrongly cased quarter is redirected", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "staff");
  const entry = await page.goto(`/entry/${PAST_YEAR}-13`);
  expect(entry?.status()).toBe(404);
  await expect(page.getByTestId("not-found-message")).toContainText("没有这个填报月份");

  const review = await page.goto(`/review/${PAST_YEAR}-Q5`);
  expect(review?.status()).toBe(404);
  await expect(page.getByTestId("not-found-message")).toContainText("没有这个季度的材料：季度应写作 YYYY-Qn");

  const indicator = await page.goto("/indicators/no_such_key");
  expect(indicator?.status()).toBe(404);
  await expect(page.getByTestId("not-found-message")).toContainText("没有这个指标");

  const elsewhere = await page.goto("/no-such-page");
  expect(elsewhere?.status()).toBe(404);
  await expect(page.getByTestId("not-found-message")).toContainText("没有这个地址");

  await page.goto(`/review/${DEMO_QUARTER.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/review/${DEMO_QUARTER}$`));
  await context.close();
});

test("an invalid year or month in the address is named, never silently replaced", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "viewer");
  await page.goto("/targets?year=abc");
  await expect(page.locator('p[role="alert"]')).toContainText("年份参数“abc”无效");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${CURRENT_YEAR}年目标`);

  await page.goto(`/?month=${FUTURE}`);
  await expect(page.locator('p[role="alert"]')).toContainText(`${formatMonth(FUTURE)}尚未到来，没有数据。`);
  await page.goto(`/?month=${CURRENT_YEAR}-13`);
  await expect(page.locator('p[role="alert"]')).toContainText(`月份参数“${CURRENT_YEAR}-13”无效`);
  await page.goto("/rankings?month=abc");
  await expect(page.locator('p[role="alert"]')).toContainText("月份参数“abc”无效");
  await page.goto(`/quality?month=${FUTURE}`);
  await expect(page.locator('p[role="alert"]')).toContainText("尚未到来");
  await context.close();
});

test("a leader sees definitions but no key names or instructions meant for the staff", async ({ browser }) => {
  const viewer = await pageAs(browser, "viewer");
  await viewer.page.goto("/indicators/users_total");
  await expect(viewer.page.getByTestId("definition")).toContainText("累计跨年、不按年清零");
  await expect(viewer.page.getByText("users_total", { exact: false })).toHaveCount(0);
  await viewer.page.goto(`/rankings?month=${PAST_YEAR}-06`);
  await expect(viewer.page.getByText("填报时录入上一名的数值")).toHaveCount(0);

  const staff = await pageAs(browser, "staff");
  await staff.page.goto("/indicators/users_total");
  await expect(staff.page.getByText("users_total")).toBeVisible();
  await viewer.context.close();
  await staff.context.close();
});

test("an administrator renames the organization; pages and the pack's file name follow", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/admin/settings");
  const form = admin.page.getByRole("form", { name: "单位名称" });
  await form.getByLabel("简称").fill("西/区");
  await form.getByRole("button", { name: "保存名称" }).click();
  await expect(form.locator("#shortName-error")).toContainText("不能含 /");

  await form.getByLabel("单位全称").fill("攀枝花市西区科学技术协会（测试）");
  await form.getByLabel("简称").fill("西区测试");
  await form.getByRole("button", { name: "保存名称" }).click();
  await expect(form.getByRole("status")).toContainText("已保存：单位全称“攀枝花市西区科学技术协会（测试）”");
  await admin.page.goto("/");
  await expect(admin.page.getByText("攀枝花市西区科学技术协会（测试）")).toBeVisible();
  const workbook = await admin.page.request.get(`/review/${DEMO_QUARTER}/xlsx`);
  expect(decodeURIComponent(workbook.headers()["content-disposition"] ?? "")).toContain("西区测试科协");

  // put the names back for anything that runs later
  await admin.page.goto("/admin/settings");
  await form.getByLabel("单位全称").fill("攀枝花市西区科学技术协会");
  await form.getByLabel("简称").fill("西区");
  await form.getByRole("button", { name: "保存名称" }).click();
  await expect(form.getByRole("status")).toContainText("已保存");

  const staff = await pageAs(browser, "staff");
  const forbidden = await staff.page.goto("/admin/settings");
  expect(forbidden?.status()).toBe(403);
  await expect(staff.page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await admin.context.close();
  await staff.context.close();
});
