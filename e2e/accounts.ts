import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";

/** The accounts the first-run test creates; the other tests sign in as them. */
export const ACCOUNTS = {
  admin: { username: "admin", name: "王管理", password: "admin-pass-1" },
  staff: { username: "zhangsan", name: "张三", password: "staff-pass-1" },
  viewer: { username: "leader", name: "李主任", password: "viewer-pass-1" },
} as const;

export type AccountRole = keyof typeof ACCOUNTS;

/** Where a signed-in browser state is kept between the first-run test and the rest. */
export function storageStateOf(role: AccountRole): string {
  return path.resolve("test-results", "e2e", `${role}.json`);
}

export async function signIn(page: Page, role: AccountRole): Promise<void> {
  const account = ACCOUNTS[role];
  await page.goto("/login");
  await page.getByLabel("用户名").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A page in a browser context of its own, signed in as `role`. */
export async function pageAs(browser: Browser, role: AccountRole): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  return { context, page: await context.newPage() };
}
