import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { CURRENT, formatMonth, RANKED_FIRST, RANKED_SECOND, SHARED_MONTH } from "./months";

/**
 * Two staff members on one month of the real year (not the demo months): each change they make lands,
 * neither silently undoes the other's, and a same-field clash is shown with the choice it needs.
 */
const PEOPLE = {
  wangfang: { name: "王芳", password: "wangfang-pass-1" },
  liuyang: { name: "刘洋", password: "liuyang-pass-1" },
} as const;
type Person = keyof typeof PEOPLE;
// a month of the real year that has ended, after the demo was cleared, that no other spec writes
const MONTH = SHARED_MONTH;
/** The form's save button, whichever month it is for. */
const SAVE = /^保存\d{4}年\d{1,2}月数据$/;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/users");
  for (const [username, person] of Object.entries(PEOPLE)) {
    const form = page.getByRole("form", { name: "添加账号" });
    await form.getByLabel("用户名").fill(username);
    await form.getByLabel("姓名").fill(person.name);
    await form.getByLabel("角色").selectOption("staff");
    await form.getByLabel("初始密码", { exact: true }).fill(person.password);
    await form.getByLabel("再次输入初始密码").fill(person.password);
    await form.getByRole("button", { name: "添加账号" }).click();
    await expect(form.getByRole("status")).toContainText(`账号“${person.name}”（${username}）`);
  }
  await admin.close();
});

/** A browser of one's own, signed in. */
async function open(browser: Browser, username: Person): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PEOPLE[username].password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`/entry/${MONTH}`);
  return page;
}

async function save(page: Page, outcome: "saved" | "conflict" | "invalid") {
  await page.getByRole("button", { name: SAVE }).click();
  await expect(page.locator("#save-result")).toHaveAttribute("data-status", outcome);
}

test("王芳 and 刘洋 change different figures of one month at once: both changes are stored", async ({ browser }) => {
  const liu = await open(browser, "liuyang");
  await liu.fill('input[name="deals_new"]', "2");
  await liu.fill('input[name="demand_new"]', "150");
  await save(liu, "saved");

  const wang = await open(browser, "wangfang");
  await liu.reload();
  await expect(liu.locator('input[name="deals_new"]')).toHaveValue("2");
  await liu.fill('input[name="deals_new"]', "4");
  await save(liu, "saved");

  // her page still shows 2: she changes only 新增发布科技所需
  await expect(wang.locator('input[name="deals_new"]')).toHaveValue("2");
  await wang.fill('input[name="demand_new"]', "160");
  await save(wang, "saved");
  await expect(wang.locator("#save-result")).toContainText("更新 1 项指标");
  await expect(wang.locator("#save-result")).toContainText("已被他人更新，表中已显示最新值：新增达成交易");
  await expect(wang.locator('input[name="deals_new"]')).toHaveValue("4");

  await wang.goto("/indicators/deals_new");
  await expect(wang.locator(`tr[data-period="${MONTH}"]`)).toContainText("4个");
  const history = wang.getByTestId("revisions");
  await expect(history.locator("tr", { hasText: "2个 → 4个" })).toContainText("刘洋");
  await expect(history.locator("tr", { hasText: "4个 → 2个" })).toHaveCount(0);
  await wang.goto("/indicators/demand_new");
  await expect(wang.locator(`tr[data-period="${MONTH}"]`)).toContainText("160条");
  await wang.context().close();
  await liu.context().close();
});

test("a same-field clash names who changed it, keeps her input, and takes theirs or keeps hers in one click", async ({ browser }) => {
  const wang = await open(browser, "wangfang");
  const liu = await open(browser, "liuyang");
  await liu.fill('input[name="deals_new"]', "6");
  await save(liu, "saved");

  await wang.fill('input[name="deals_new"]', "7");
  await wang.fill('input[name="demand_new"]', "170");
  await save(wang, "conflict");
  const summary = wang.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(/新增达成交易：已被 刘洋 于 \d\d:\d\d 修改为 6/);
  await expect(wang.locator('input[name="deals_new"]')).toHaveValue("7");
  await expect(wang.locator('input[name="demand_new"]')).toHaveValue("170");
  const notice = wang.locator('[data-conflict="deals_new"]');
  await expect(notice).toContainText("您填写的是 7");

  // nothing of her save was stored
  await liu.reload();
  await expect(liu.locator('input[name="deals_new"]')).toHaveValue("6");
  await expect(liu.locator('input[name="demand_new"]')).toHaveValue("160");

  // 采用对方的值: his 6 goes into the field and the rest of her save goes ahead
  await notice.getByRole("button", { name: "采用对方的值（6）" }).click();
  await expect(wang.locator("#save-result")).toHaveAttribute("data-status", "saved");
  await expect(wang.locator('input[name="deals_new"]')).toHaveValue("6");
  await liu.reload();
  await expect(liu.locator('input[name="deals_new"]')).toHaveValue("6");
  await expect(liu.locator('input[name="demand_new"]')).toHaveValue("170");

  // 保留我的值: saved over his change, knowingly
  await liu.fill('input[name="deals_new"]', "8");
  await save(liu, "saved");
  await wang.fill('input[name="deals_new"]', "9");
  await save(wang, "conflict");
  await wang.locator('[data-conflict="deals_new"]').getByRole("button", { name: "保留我的值（9）" }).click();
  await expect(wang.locator("#save-result")).toHaveAttribute("data-status", "saved");
  await liu.reload();
  await expect(liu.locator('input[name="deals_new"]')).toHaveValue("9");
  await wang.context().close();
  await liu.context().close();
});

test("Enter in a field moves to the next one and never saves the month", async ({ browser }) => {
  const page = await open(browser, "wangfang");
  // the month now running, which no spec saves
  await page.goto(`/entry/${CURRENT}`);
  const first = page.locator('input[name="users_new"]');
  await first.fill("300");
  await first.press("Enter");
  await expect(page.locator('input[name="users_new_individual"]')).toBeFocused();
  await page.locator('input[name="users_new_individual"]').press("Enter");
  await expect(page.locator('input[name="users_new_scitech"]')).toBeFocused();
  await page.waitForLoadState("networkidle");
  await expect(page.locator("#save-result")).toHaveAttribute("data-status", "idle");

  await page.reload();
  await expect(page.locator('input[name="users_new"]')).toHaveValue("");
  await page.goto("/indicators/users_new");
  await expect(page.locator(`tr[data-period="${CURRENT}"]`)).toHaveCount(0);
  await page.context().close();
});

test("a rank above N is an error while typing and when saved, and N is offered from the last month", async ({ browser }) => {
  const page = await open(browser, "wangfang");
  await page.goto(`/entry/${RANKED_FIRST}`);
  await page.fill('input[name="supply_total_rank"]', "2");
  await page.fill('input[name="supply_total_rank__of"]', "183");
  await save(page, "saved");

  await page.goto(`/entry/${RANKED_SECOND}`);
  const rank = page.locator('input[name="supply_total_rank"]');
  const units = page.getByRole("textbox", { name: "累计发布科技所能全省排名，参与排名单位数：" });
  await expect(units).toHaveValue("");
  await rank.fill("300");
  await expect(units).toHaveValue("183");
  await expect(page.locator('[data-prefilled="supply_total_rank__of"]')).toContainText(`已按${formatMonth(RANKED_FIRST)}预填`);
  await expect(page.locator("#supply_total_rank-error")).toHaveText("排名不能大于参与排名的单位数（183）");
  await save(page, "invalid");
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await page.getByTestId("error-summary").getByRole("link", { name: /累计发布科技所能全省排名/ }).click();
  await expect(rank).toBeFocused();
  await rank.fill("3");
  await save(page, "saved");
  await page.context().close();
});
