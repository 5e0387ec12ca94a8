import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, storageStateOf } from "./accounts";

test("first run: the first administrator is created, then a staff member and a viewer", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "首次使用：创建管理员" })).toBeVisible();

  await page.getByLabel("管理员用户名").fill(ACCOUNTS.admin.username);
  await page.getByLabel("姓名").fill(ACCOUNTS.admin.name);
  await page.getByLabel("密码", { exact: true }).fill(ACCOUNTS.admin.password);
  await page.getByLabel("再次输入密码").fill("a-different-one");
  await page.getByRole("button", { name: "创建管理员并登录" }).click();
  await expect(page.locator("#confirm-error")).toHaveText("两次输入的密码不一致");
  await expect(page.getByLabel("管理员用户名")).toHaveValue(ACCOUNTS.admin.username);

  await page.getByLabel("密码", { exact: true }).fill(ACCOUNTS.admin.password);
  await page.getByLabel("再次输入密码").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "创建管理员并登录" }).click();
  await expect(page).toHaveURL(/\/admin\/users/);
  await expect(page.getByText("管理员账号已创建")).toBeVisible();

  for (const role of ["staff", "viewer"] as const) {
    const account = ACCOUNTS[role];
    const form = page.getByRole("form", { name: "添加账号" });
    await form.getByLabel("用户名").fill(account.username);
    await form.getByLabel("姓名").fill(account.name);
    await form.getByLabel("角色").selectOption(role);
    await form.getByLabel("初始密码", { exact: true }).fill(account.password);
    await form.getByLabel("再次输入初始密码").fill(account.password);
    await form.getByRole("button", { name: "添加账号" }).click();
    await expect(form.getByRole("status")).toContainText(`账号“${account.name}”（${account.username}）`);
  }
  await expect(page.getByTestId("accounts").locator("li")).toHaveCount(3);
  await page.context().storageState({ path: storageStateOf("admin") });

  // setup is closed for good once an account exists
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "系统已完成初始化" })).toBeVisible();

  for (const role of ["staff", "viewer"] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, role);
    await expect(other.getByRole("link", { name: new RegExp(ACCOUNTS[role].name) })).toBeVisible();
    await context.storageState({ path: storageStateOf(role) });
    await context.close();
  }
});
