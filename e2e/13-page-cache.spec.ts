import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request as requests, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ACCOUNTS, pageAs } from "./accounts";
import { formatMonth, past, PAST_YEAR } from "./months";

/**
 * The page cache of the front door (front-door/page-cache.ts): a reload comes from it, a copy is
 * shared by accounts that see the same page (each with its own name in the header), and a copy
 * never reaches anyone who should not see it — no session, a logged-out session, a disabled account,
 * an account limited to another unit, a viewer asking for a staff member's page — and never outlives
 * a write, whoever makes it.
 */
const DATABASE_PATH = path.resolve("test-results", "e2e", "app.db");
/** A month no other spec writes. */
const MONTH = past(11);
const TOWN = "格里坪镇";

test.describe.configure({ mode: "serial" });

type Served = { status: number; cache: string | null; body: string; nonce: string | null; location: string | null };

async function fetchPage(from: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<Served> {
  const response = await from.get(url, { maxRedirects: 0, headers });
  const policy = response.headers()["content-security-policy"] ?? "";
  return {
    status: response.status(),
    cache: response.headers()["x-page-cache"] ?? null,
    body: await response.text(),
    nonce: /'nonce-([^']+)'/.exec(policy)?.[1] ?? null,
    location: response.headers()["location"] ?? null,
  };
}

/** Asks until the answer comes from the cache (a first request renders; a background write may make a second render too). */
async function fetchCached(from: APIRequestContext, url: string, headers: Record<string, string> = {}): Promise<Served> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const served = await fetchPage(from, url, headers);
    expect(served.status, `${url} → ${served.location ?? ""}`).toBe(200);
    if (served.cache === "hit") return served;
  }
  throw new Error(`${url} was never served from the cache`);
}

/** Signs a fresh browser context in (a session of its own, so that logging it out touches no other spec). */
async function freshSession(
  browser: Browser,
  username: string = ACCOUNTS.viewer.username,
  password: string = ACCOUNTS.viewer.password,
): Promise<{ context: BrowserContext; page: Page; cookie: string; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const cookie = (await context.cookies()).map((one) => `${one.name}=${one.value}`).join("; ");
  return { context, page, cookie, close: () => context.close() };
}

/** A request context that carries exactly the cookie given (none: anonymous). */
async function bare(baseURL: string | undefined, cookie?: string): Promise<APIRequestContext> {
  return requests.newContext({ baseURL, extraHTTPHeaders: cookie ? { cookie } : {} });
}

function expectNotServed(served: Served, secret: string): void {
  expect(served.status).not.toBe(200);
  expect(served.cache).toBeNull();
  expect(served.body).not.toContain(secret);
}

test("a leader's reload comes from the cache, with a nonce of its own each time, and the page works under its policy", async ({ browser }) => {
  const { context, page } = await freshSession(browser);
  const first = await fetchCached(context.request, "/rankings");
  const second = await fetchPage(context.request, "/rankings");
  expect(second.cache).toBe("hit");
  expect(first.nonce).toBeTruthy();
  expect(second.nonce).not.toBe(first.nonce);
  expect(second.body).toContain(`nonce="${second.nonce}"`);
  expect(second.body).not.toContain(first.nonce ?? "");
  expect(second.body).toContain(ACCOUNTS.viewer.name);

  // in the browser: a copy from the cache runs its scripts under its policy (the chart comes alive)
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/rankings");
  expect(response?.headers()["x-page-cache"]).toBe("hit");
  await page.locator("[data-chart]").first().hover();
  await expect(page.locator(".recharts-wrapper svg").first()).toBeVisible();
  // a navigation inside the app (an RSC request) is cached as well, apart from the page itself
  // (Next first sends an RSC request without its cache-busting parameter to the address that has it)
  const asked = await fetchPage(context.request, "/rankings", { rsc: "1" });
  const navigation = await fetchCached(context.request, asked.location ?? "/rankings", { rsc: "1" });
  expect(navigation.cache).toBe("hit");
  expect(navigation.body).not.toContain("<html");
  expect(violations).toEqual([]);
  await context.close();
});

test("never to an anonymous request, nor to a made-up session", async ({ baseURL }) => {
  for (const cookie of [undefined, "kepu.session_token=made-up.signature"]) {
    const anonymous = await bare(baseURL, cookie);
    for (const url of ["/", "/rankings", `/indicators/nanny_new`]) {
      const served = await fetchPage(anonymous, url);
      expectNotServed(served, ACCOUNTS.viewer.name);
      expect(served.status).toBe(307);
    }
    await anonymous.dispose();
  }
});

test("never after logout, even to the old session cookie", async ({ browser, baseURL }) => {
  const session = await freshSession(browser);
  const before = await bare(baseURL, session.cookie);
  await fetchCached(before, "/rankings");
  await session.page.getByRole("button", { name: "退出" }).click();
  await session.page.waitForURL(/\/login/);
  expectNotServed(await fetchPage(before, "/rankings"), ACCOUNTS.viewer.name);
  await before.dispose();
  await session.close();
});

test("never to a disabled account, whose session is still there", async ({ browser, baseURL }) => {
  const username = "cache-check";
  const password = "cache-pass-1";
  execFileSync("npx", ["tsx", "--conditions=react-server", "db/user-add-cli.ts", username, "viewer", "--name", "缓存检查"], {
    env: { ...process.env, DATABASE_PATH, PASSWORD: password },
    stdio: "pipe",
  });
  const session = await freshSession(browser, username, password);
  const signedIn = await bare(baseURL, session.cookie);
  expect((await fetchCached(signedIn, "/")).body).toContain("缓存检查");
  // disabled behind the app's back: only the account check can stop the copy now
  const db = new Database(DATABASE_PATH);
  db.prepare("UPDATE users SET banned = 1 WHERE username = ?").run(username);
  db.close();
  expectNotServed(await fetchPage(signedIn, "/"), "缓存检查");
  await signedIn.dispose();
  await session.close();
});

test("two leaders share one copy, each with their own name; a viewer never gets a staff member's copy with its buttons", async ({ browser }) => {
  const second = { username: "leader-two", name: "周副主任", password: "viewer-pass-2" };
  execFileSync("npx", ["tsx", "--conditions=react-server", "db/user-add-cli.ts", second.username, "viewer", "--name", second.name], {
    env: { ...process.env, DATABASE_PATH, PASSWORD: second.password },
    stdio: "pipe",
  });
  const url = `/indicators/nanny_new?month=${MONTH}`;
  const first = await freshSession(browser);
  const theirs = await freshSession(browser, second.username, second.password);
  const { context: staff } = await pageAs(browser, "staff");
  try {
    // the second leader's request right after the first leader's is the first leader's copy, with
    // the second's own name (asked again should a background write come between the two)
    let shared: Served | null = null;
    for (let attempt = 0; attempt < 3 && shared?.cache !== "hit"; attempt += 1) {
      expect((await fetchPage(first.context.request, url)).status).toBe(200);
      shared = await fetchPage(theirs.context.request, url);
    }
    if (!shared) throw new Error("no answer");
    expect(shared.cache).toBe("hit");
    expect(shared.body).toContain(second.name);
    expect(shared.body).not.toContain(ACCOUNTS.viewer.name);
    expect((await fetchCached(first.context.request, url)).body).toContain(ACCOUNTS.viewer.name);
    await theirs.page.goto(url);
    await expect(theirs.page.getByRole("link", { name: new RegExp(second.name) })).toBeVisible();

    // staff see the button to enter the month on their own copy of the dashboard; the leaders never do
    const dashboard = `/?month=${MONTH}`;
    const entryButton = new RegExp(`<a[^>]*href="/entry/${MONTH}"[^>]*>(填报|修改)本月数据<`);
    expect((await fetchCached(staff.request, dashboard)).body).toMatch(entryButton);
    for (const served of [await fetchCached(first.context.request, dashboard), await fetchCached(theirs.context.request, dashboard)]) {
      expect(served.body).not.toMatch(entryButton);
    }
  } finally {
    await staff.close();
    await theirs.close();
    await first.close();
  }
});

test("never to an account limited to a town, for the district or another town", async ({ browser }) => {
  const db = new Database(DATABASE_PATH, { readonly: true });
  const district = {
    id: Number(db.prepare("SELECT id FROM organizations WHERE kind = 'home'").pluck().get()),
    name: String(db.prepare("SELECT name FROM organizations WHERE kind = 'home'").pluck().get()),
  };
  const otherTownId = db.prepare("SELECT id FROM organizations WHERE kind = 'sub' AND name <> ?").pluck().get(TOWN);
  db.close();
  // the units spec (12) adds the two towns
  expect(otherTownId).toBeTruthy();
  const otherTown = { id: Number(otherTownId) };

  // the district's pages, cached for the district-wide leader and for the staff before the limit
  const { context: leader } = await freshSession(browser);
  await fetchCached(leader.request, `/?unit=${district.id}`);
  await fetchCached(leader.request, `/?unit=${otherTown.id}`);
  const { context: staff } = await pageAs(browser, "staff");
  expect((await fetchCached(staff.request, "/")).body).toContain(district.name);

  const { context: admin, page } = await pageAs(browser, "admin");
  await page.goto("/admin/units");
  const scope = page.getByTestId("account-scopes").locator("li", { hasText: ACCOUNTS.staff.username });
  await scope.getByRole("combobox").selectOption({ label: `只限：${TOWN}` });
  await scope.getByRole("button", { name: "保存" }).click();
  await expect(scope.getByRole("status")).toContainText(`此后只能查看和填报“${TOWN}”的数据`);

  try {
    for (const url of [`/?unit=${district.id}`, `/?unit=${otherTown.id}`, `/indicators/nanny_new?unit=${district.id}`, "/rankings", `/review/${PAST_YEAR}-Q1?unit=${district.id}`]) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const served = await fetchPage(staff.request, url);
        expect(served.status, url).toBe(403);
        expect(served.cache, url).toBeNull();
      }
    }
    // the staff's own page is their town's now, not the copy of the district's they had
    const own = await fetchCached(staff.request, "/");
    expect(own.body).toContain(`data-testid="unit-name">${TOWN}<`);
  } finally {
    await scope.getByRole("combobox").selectOption({ label: "全区（可查看全部单位）" });
    await scope.getByRole("button", { name: "保存" }).click();
    await expect(scope.getByRole("status")).toContainText("此后可查看全区及各镇街的数据");
  }
  expect((await fetchPage(staff.request, "/")).body).toContain(`data-testid="unit-name">${district.name}<`);
  await admin.close();
  await staff.close();
  await leader.close();
});

test("a save through the form, a write by another process and a revert each show on the leader's next request", async ({ browser }) => {
  const { context: leaderContext, page: leader } = await freshSession(browser);
  const dashboard = `/?month=${MONTH}`;
  const card = leader.locator('[data-indicator="nanny_new"] [data-value]');
  const shows = async (text: string) => {
    const response = await leader.goto(dashboard);
    expect(response?.headers()["x-page-cache"]).toBe("miss");
    await expect(card).toHaveText(text);
    // and the reload after it comes from the cache, with the same figure
    await fetchCached(leaderContext.request, dashboard);
    expect((await leader.goto(dashboard))?.headers()["x-page-cache"]).toBe("hit");
    await expect(card).toHaveText(text);
  };
  await leader.goto(dashboard);
  await fetchCached(leaderContext.request, dashboard);
  await expect(leader.locator('[data-indicator="nanny_new"]')).not.toContainText("51单");

  const { context: staffContext, page: staff } = await pageAs(browser, "staff");
  await staff.goto(`/entry/${MONTH}`);
  await staff.locator('input[name="nanny_new"]').fill("51");
  await staff.getByRole("button", { name: `保存${formatMonth(MONTH)}数据` }).click();
  await expect(staff.getByRole("status").first()).toContainText("已保存");
  await shows("51单");

  execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/write-figure.ts", MONTH, "nanny_new", "52"], {
    env: { ...process.env, DATABASE_PATH },
    stdio: "pipe",
  });
  await shows("52单");

  await staff.goto("/indicators/nanny_new");
  const saved = staff.getByTestId("revisions").locator("tr", { hasText: formatMonth(MONTH) }).filter({ hasText: "（空） → 51单" });
  await saved.getByText("恢复为此值").click();
  await saved.getByRole("button", { name: "确认恢复为 51单" }).click();
  await expect(staff.getByTestId("revisions").locator("tr", { hasText: "恢复历史值" }).first()).toContainText("52单 → 51单");
  await shows("51单");

  await staffContext.close();
  await leaderContext.close();
});
