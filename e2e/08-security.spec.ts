import { createServer } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, storageStateOf } from "./accounts";
import { formatMonth, past, PAST_YEAR } from "./months";

/** Collect what the browser says about the Content-Security-Policy, and uncaught errors, on a page. */
function watchPolicy(page: Page): string[] {
  const complaints: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(text)) complaints.push(`${page.url()}: ${text}`);
  });
  page.on("pageerror", (error) => complaints.push(`${page.url()}: ${error.message}`));
  return complaints;
}

const SIGNED_IN_PAGES = [
  "/",
  `/?month=${past(3)}`,
  "/entry",
  `/entry/${past(3)}`,
  "/indicators",
  "/indicators/nanny_new",
  "/rankings",
  `/rankings?month=${past(12)}`,
  "/review",
  `/review/${PAST_YEAR}-Q1`,
  "/targets",
  `/quality?month=${past(3)}`,
  "/account",
  "/admin",
  "/admin/users",
  "/admin/catalog",
  "/no-such-page",
];

test.describe("under the Content-Security-Policy", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("every page renders, charts draw and forms work, with no policy violation in the console", async ({ page }) => {
    test.setTimeout(120_000);
    const complaints = watchPolicy(page);
    for (const path of SIGNED_IN_PAGES) {
      const response = await page.goto(path);
      const policy = response?.headers()["content-security-policy"] ?? "";
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(policy, path).toContain("frame-ancestors 'none'");
      await page.waitForLoadState("networkidle");
    }
    // charts are drawn in the browser, on demand, by scripts the policy allowed
    await page.goto(`/?month=${past(3)}`);
    await page.locator("[data-chart]").first().hover();
    await expect(page.locator(".recharts-wrapper svg").first()).toBeVisible();
    await page.goto(`/review/${PAST_YEAR}-Q1`);
    await page.locator("[data-chart]").first().hover();
    await expect(page.locator(".recharts-wrapper svg").first()).toBeVisible();
    // the printed pack keeps its running header, a <style> that carries the nonce
    await page.emulateMedia({ media: "print" });
    expect((await page.pdf({ format: "A4", preferCSSPageSize: true })).byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: "screen" });
    // a download link still downloads
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[href$="/xlsx"]').first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    // a form submitted through the page's scripts still saves
    await page.goto(`/entry/${past(3)}`);
    await page.locator('input[name="nanny_new"]').fill("37");
    await page.getByRole("button", { name: /保存/ }).first().click();
    await expect(page.getByText(new RegExp(`已保存${formatMonth(past(3))}|没有改动`)).first()).toBeVisible();
    expect(complaints).toEqual([]);
  });

  test("the sign-in and first-run pages carry the policy and work under it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const complaints = watchPolicy(page);
    for (const path of ["/login", "/setup", "/login?next=%2F%09%2Fevil.example"]) {
      const response = await page.goto(path);
      expect(response?.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
      await page.waitForLoadState("networkidle");
    }
    expect(complaints).toEqual([]);
    await context.close();
  });
});

test("a month is saved from a page whose scripts never ran: the front door reads the form as the browser sends it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("staff"), javaScriptEnabled: false });
  const page = await context.newPage();
  // July, which the catalog test entered too: the latest month with figures stays July (09-clear-demo)
  const month = past(7);
  await page.goto(`/entry/${month}`);
  await page.locator('input[name="nanny_new"]').fill("41");
  await page.getByRole("button", { name: `保存${formatMonth(month)}数据` }).click();
  await expect(page.getByText(`已保存${formatMonth(month)}`).first()).toBeVisible();
  await page.goto(`/entry/${month}`);
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("41");
  await context.close();
});

test("every response carries the fixed security headers, static files and refusals included", async ({ page, request, baseURL }) => {
  const responses = [await request.get("/login"), await request.get("/api/health"), await request.get("/entry/%ZZ"), await request.get("/icon.svg")];
  await page.goto("/login");
  const script = await page.locator("script[src]").first().getAttribute("src");
  responses.push(await request.get(script ?? ""));
  responses.push(await request.post("/login", { headers: { "next-action": "x", "content-type": "text/plain", origin: baseURL ?? "" }, data: '["a"]' }));
  for (const response of responses) {
    const headers = response.headers();
    expect(headers["x-frame-options"], response.url()).toBe("DENY");
    expect(headers["x-content-type-options"], response.url()).toBe("nosniff");
    expect(headers["referrer-policy"], response.url()).toBe("same-origin");
    expect(headers["permissions-policy"], response.url()).toContain("camera=()");
  }
  expect(responses[2]?.status()).toBe(400);
  expect(await responses[2]?.text()).toContain("地址中含有无效的百分号编码");
  expect(responses[5]?.status()).toBe(400);
});

test("a page of another origin cannot frame the app", async ({ browser, baseURL }) => {
  // another site on this machine (a real server: the browser refuses pages it cannot place on the
  // network from reaching local ones at all, which would hide what the app's own headers do)
  const site = createServer((request, response) => {
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.end(
      request.url === "/plain.html"
        ? "<!doctype html><p id=plain>可以嵌入</p>"
        : `<!doctype html><iframe name="victim" src="${baseURL}/entry/${past(3)}" width="800" height="400"></iframe><iframe name="plain" src="${other}/plain.html"></iframe>`,
    );
  });
  // E2E_FRAME_PORT, or any free port
  await new Promise<void>((resolve) => site.listen(Number(process.env.E2E_FRAME_PORT ?? 0), "127.0.0.1", resolve));
  const address = site.address();
  const other = `http://127.0.0.1:${address !== null && typeof address === "object" ? address.port : 0}`;
  const context = await browser.newContext({ storageState: storageStateOf("staff") });
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("frame-ancestors")) refusals.push(message.text());
  });
  try {
    await page.goto(`${other}/frame.html`);
    // the harness can frame a page that allows it…
    await expect(page.frame({ name: "plain" })?.locator("#plain") ?? page.locator("#missing")).toHaveText("可以嵌入");
    // …but the app refuses: the browser shows its error page instead of the entry form
    await expect.poll(() => page.frame({ name: "victim" })?.url()).toBe("chrome-error://chromewebdata/");
    expect(await page.frame({ name: "victim" })?.locator('input[name="nanny_new"]').count()).toBe(0);
    await expect.poll(() => refusals.join("\n")).toContain("frame-ancestors 'none'");
  } finally {
    await context.close();
    site.close();
  }
});

test("sign-in says how many tries remain, then makes the account wait; an administrator sees and lifts the limit", async ({ browser }) => {
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await stranger.newPage();
  await page.goto("/login");
  const viewer = ACCOUNTS.viewer;
  for (let i = 1; i <= 5; i += 1) {
    await page.getByLabel("用户名").fill(viewer.username);
    await page.getByLabel("密码").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("#login-message")).toContainText(i < 5 ? `再错 ${5 - i} 次后` : "请 1 分钟后再试");
  }
  await page.getByLabel("密码").fill(viewer.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#login-message")).toContainText("该账号近期登录失败的次数过多");

  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  const row = adminPage.locator(`li[data-username="${viewer.username}"]`);
  await expect(row.getByTestId("sign-in-limit")).toContainText("近期登录失败 5 次");
  await row.getByRole("button", { name: "解除登录限制" }).click();
  await expect(row.getByTestId("sign-in-limit")).toHaveCount(0);

  await page.getByLabel("密码").fill(viewer.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await stranger.close();
  await admin.close();
});
