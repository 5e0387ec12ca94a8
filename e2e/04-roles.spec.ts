import { expect, test } from "@playwright/test";
import { pageAs, signIn } from "./accounts";
import { formatMonth, past } from "./months";

test("a viewer sees the dashboard and the figures but no entry form, and a posted save is refused", async ({ browser, baseURL }) => {
  const viewer = await pageAs(browser, "viewer");
  const staff = await pageAs(browser, "staff");

  await viewer.page.goto("/");
  await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText("工作看板");
  const nav = viewer.page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "月度填报" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "管理" })).toHaveCount(0);
  await expect(viewer.page.getByRole("link", { name: /修改本月数据|填报本月数据/ })).toHaveCount(0);

  await viewer.page.goto(`/entry/${past(3)}`);
  await expect(viewer.page.getByText("您的账号为只读")).toBeVisible();
  await expect(viewer.page.locator('input[name="nanny_new"]')).toHaveCount(0);
  await expect(viewer.page.getByTestId("read-only-month")).toBeVisible();

  // the form's own fields, taken from a staff member's page, posted with the viewer's session
  await staff.page.goto(`/entry/${past(3)}`);
  const hidden = await staff.page
    .locator("form:has(input[name='nanny_new']) input[type=hidden]")
    .evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]));
  expect(hidden.some(([name]) => name?.startsWith("$ACTION"))).toBe(true);
  const response = await viewer.page.request.post(`/entry/${past(3)}`, {
    multipart: { ...Object.fromEntries(hidden), nanny_new: "99" },
    headers: { Origin: baseURL ?? "" },
  });
  expect(response.status()).toBeLessThan(500);

  await viewer.page.goto("/indicators/nanny_new");
  await expect(viewer.page.locator(`tr[data-period="${past(3)}"]`)).toHaveCount(0);

  // the same post from the staff member is accepted: the refusal above was the role, not the post
  const accepted = await staff.page.request.post(`/entry/${past(3)}`, {
    multipart: { ...Object.fromEntries(hidden), nanny_new: "36" },
    headers: { Origin: baseURL ?? "" },
  });
  expect(accepted.status()).toBeLessThan(500);
  await staff.page.goto("/indicators/nanny_new");
  await expect(staff.page.locator(`tr[data-period="${past(3)}"]`)).toContainText("36单");

  const admin = await viewer.page.goto("/admin");
  expect(admin?.status()).toBe(403);
  await expect(viewer.page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await staff.page.goto("/admin/catalog");
  await expect(staff.page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await viewer.context.close();
  await staff.context.close();
});

test("signing out ends the session; pages then ask to sign in and return afterwards", async ({ browser }) => {
  // a session of its own: signing out must not end the one the other tests share
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, "viewer");
  await page.goto("/indicators");
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/indicators/users_total");
  await expect(page).toHaveURL(/\/login\?next=%2Findicators%2Fusers_total$/);
  await page.getByLabel("用户名").fill("leader");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#login-message")).toHaveText("用户名或密码错误。再错 4 次后，每次重试前需等待一段时间。");
  await expect(page.getByLabel("用户名")).toHaveValue("leader");
  await page.getByLabel("密码").fill("viewer-pass-1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/indicators\/users_total$/);
  await context.close();
});

test("a month approved through the review is locked for the staff until a reviewer unlocks it with a reason", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  const staff = await pageAs(browser, "staff");

  // last month but one was entered by the entry test; staff submit it, confirming the indicators left blank
  await staff.page.goto(`/entry/${past(1)}`);
  const workflow = staff.page.getByTestId("month-workflow");
  await workflow.getByText(`填报完成后：提交${formatMonth(past(1))}数据审核`).click();
  for (const box of await workflow.getByTestId("missing-list").getByRole("checkbox").all()) await box.check();
  await workflow.getByRole("button", { name: "提交审核" }).click();
  await expect(workflow.locator('[data-month-status="submitted"]')).toBeVisible();

  // the administrator approves it from the month's own page
  await admin.page.goto(`/entry/${past(1)}`);
  await admin.page.getByRole("button", { name: "审核通过并锁定" }).click();
  await expect(admin.page.getByTestId("month-workflow").locator('[data-month-status="approved"]')).toBeVisible();
  await admin.page.goto("/admin");
  await expect(admin.page.getByTestId("locked-months")).toContainText(formatMonth(past(1)));

  await staff.page.goto(`/entry/${past(1)}`);
  await expect(staff.page.getByText(`${formatMonth(past(1))}已审核并锁定`)).toBeVisible();
  await expect(staff.page.locator('input[name="nanny_new"]')).toHaveCount(0);

  // unlocking asks for a reason
  const locked = admin.page.getByTestId("locked-months");
  await locked.getByText(formatMonth(past(1))).click();
  await locked.getByLabel("解除锁定的原因").fill("更正1月数据");
  await locked.getByRole("button", { name: "解除锁定" }).click();
  await expect(admin.page.getByText("目前没有已审核锁定的月份。")).toBeVisible();
  await staff.page.reload();
  await expect(staff.page.locator('input[name="nanny_new"]')).toBeVisible();
  await expect(staff.page.getByTestId("month-history")).toContainText("解除锁定：更正1月数据");
  await admin.context.close();
  await staff.context.close();
});

test("staff can put a figure back to an earlier value, and the history shows the revert", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "staff");
  // January of that year was entered by the entry test: nanny_new = 29
  await page.goto(`/entry/${past(1)}`);
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("29");
  await page.locator('input[name="nanny_new"]').fill("12");
  await page.getByRole("button", { name: `保存${formatMonth(past(1))}数据` }).click();
  await expect(page.getByRole("status").first()).toContainText("已保存");
  await expect(page.locator('[data-field="nanny_new"]')).toContainText("29单 → 12单");

  await page.goto("/indicators/nanny_new");
  const first = page.getByTestId("revisions").locator("tr", { hasText: `${formatMonth(past(1))}` }).filter({ hasText: "（空） → 29单" });
  await first.getByText("恢复为此值").click();
  await first.getByLabel("更正说明（可选）").fill("12 为误填");
  await first.getByRole("button", { name: "确认恢复为 29单" }).click();
  const revert = page.getByTestId("revisions").locator("tr", { hasText: "恢复历史值" });
  await expect(revert).toContainText("12单 → 29单");
  await expect(revert).toContainText("张三（zhangsan）");
  await expect(revert).toContainText("更正说明：12 为误填");
  await expect(page.locator(`tr[data-period="${past(1)}"]`)).toContainText("29单");
  await context.close();
});
