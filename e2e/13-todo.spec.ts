import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./accounts";
import { CURRENT, formatMonth, monthParts, RETURNED_MONTH } from "./months";

/**
 * Returned months as a to-do and honest labels (issue 22 items 6 and 7): a month sent back shows
 * its reason on the staff's home and the dashboard, its resubmission shows the reviewer what changed
 * since the return; the running month is 本月进行中; the baseline is the baseline; a peers' league
 * without peers' figures says so; a viewer sees no button they cannot use. The returned month is
 * left returned (open), so a later spec may still write it. Runs before 14-one-judgement, which runs last.
 */
const MONTH = RETURNED_MONTH;
const LABEL = formatMonth(MONTH);
const REASON = "保姆式服务单数与台账不符，请按台账更正";

async function submit(page: Page): Promise<void> {
  await page.goto(`/entry/${MONTH}`);
  const workflow = page.getByTestId("month-workflow");
  await workflow.getByText(`填报完成后：提交${LABEL}数据审核`).click();
  for (const box of await workflow.getByTestId("missing-list").getByRole("checkbox").all()) await box.check();
  await workflow.getByRole("button", { name: "提交审核" }).click();
  await expect(workflow.locator('[data-month-status="submitted"]')).toBeVisible();
}

async function saveOrders(page: Page, orders: string): Promise<void> {
  await page.goto(`/entry/${MONTH}`);
  await page.fill('input[name="nanny_new"]', orders);
  await page.fill('input[name="users_new"]', "120");
  await page.getByRole("button", { name: `保存${LABEL}数据` }).click();
  await expect(page.getByRole("status").first()).toContainText(`已保存${LABEL}`);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("a returned month is a to-do with its reason on /entry and the dashboard, and its resubmission shows what changed since the return", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await pageAs(browser, "staff");
  const admin = await pageAs(browser, "admin");

  await saveOrders(staff.page, "30");
  await submit(staff.page);

  // a first submission lists its values and is called 首次审核
  await admin.page.goto("/review-queue");
  const first = admin.page.locator(`[data-testid="queue-item"][data-month="${MONTH}"]`);
  await expect(first.getByTestId("review-base")).toHaveAttribute("data-base", "first");
  await expect(first).toContainText("首次审核");
  await expect(first.getByTestId("changes").locator('tr[data-key="users_new"]')).toContainText("120户");
  await first.getByLabel("退回原因").fill(REASON);
  await first.getByRole("button", { name: "退回修改" }).click();
  await expect(first).toHaveCount(0);

  // the staff's home: the month is 已退回, with the reason, in its row and in the to-do above the table
  await staff.page.goto("/entry");
  const row = staff.page.locator(`[data-testid="months"] tr[data-month="${MONTH}"]`);
  await expect(row.locator('[data-month-status="returned"]')).toHaveText(/已退回/);
  await expect(row.locator("[data-reason]")).toHaveText(`退回原因：${REASON}`);
  const todo = staff.page.getByTestId("returned-months");
  await expect(todo.locator(`li[data-month="${MONTH}"]`)).toContainText(`${LABEL}已退回，请修改后重新提交。`);
  await expect(todo.locator(`li[data-month="${MONTH}"] [data-reason]`)).toHaveText(`退回原因：${REASON}`);
  // the dashboard says it too, whatever month it opens on
  await staff.page.goto("/");
  await expect(staff.page.getByTestId("returned-months").locator(`li[data-month="${MONTH}"]`)).toContainText(REASON);
  await staff.page.goto(`/?month=${MONTH}`);
  await expect(staff.page.getByTestId("approval-mark")).toHaveText(/未审核（已退回）/);

  // staff correct one figure and submit again
  await saveOrders(staff.page, "34");
  await submit(staff.page);
  await staff.page.goto("/entry");
  await expect(staff.page.getByTestId("returned-months")).toHaveCount(0);

  // the reviewer sees what changed since the return, old → new, and nothing else; never 首次审核
  await admin.page.goto("/review-queue");
  const again = admin.page.locator(`[data-testid="queue-item"][data-month="${MONTH}"]`);
  await expect(again.getByTestId("review-base")).toHaveAttribute("data-base", "returned");
  await expect(again).not.toContainText("首次审核");
  await expect(again.getByTestId("return-reason")).toContainText(REASON);
  await expect(again).toContainText("自退回以来的改动（1）");
  const changed = again.getByTestId("changes").locator('tr[data-key="nanny_new"]');
  await expect(changed.locator("td").nth(1)).toHaveText("30单");
  await expect(changed.locator("td").nth(2)).toHaveText(/34单/);
  await expect(again.getByTestId("changes").locator('tr[data-key="users_new"]')).toHaveCount(0);
  await expect(again.getByTestId("changes").locator("thead")).toContainText("退回时");
  for (const width of [1280, 375]) {
    await admin.page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(admin.page);
  }

  // sent back again, so the month stays open for the specs after this one
  await again.getByLabel("退回原因").fill("请再核对一次");
  await again.getByRole("button", { name: "退回修改" }).click();
  await expect(again).toHaveCount(0);
  for (const session of [staff, admin]) await session.context.close();
});

test("the running month is 本月进行中, never unreported; the baseline is 2023年基线（来自部门预算编制说明）", async ({ browser }) => {
  const staff = await pageAs(browser, "staff");
  await staff.page.goto("/entry");
  const running = staff.page.locator(`[data-testid="months"] tr[data-month="${CURRENT}"]`);
  await expect(running.locator('[data-month-status="running"]')).toHaveText(/本月进行中/);

  await staff.page.goto("/");
  const gaps = staff.page.getByTestId("reporting-gaps");
  if ((await gaps.count()) > 0) await expect(gaps).not.toContainText(new RegExp(`[、：]${monthParts(CURRENT).month}月[^：]*尚未填报`));

  await staff.page.goto("/?month=2023-12");
  await expect(staff.page.getByTestId("approval-mark")).toHaveText("2023年基线（来自部门预算编制说明）");
  await expect(staff.page.getByText("未审核（填报中）")).toHaveCount(0);
  await expect(staff.page.locator("[data-fill-note]")).toHaveCount(0);
  await expect(staff.page.locator('[data-indicator="users_total"] [data-card-approval]')).toHaveText("基线");
  await staff.context.close();
});

test("a peers' league without peers' figures says 尚无同级单位数据, and a viewer sees no button they cannot use", async ({ browser }) => {
  const viewer = await pageAs(browser, "viewer");
  const league = `/league?level=peers&indicator=popsci_volume&month=${CURRENT}`;
  await viewer.page.goto(league);
  await expect(viewer.page.getByTestId("league-empty")).toContainText("尚无同级单位数据");
  await expect(viewer.page.getByTestId("league-table")).toHaveCount(0);
  for (const width of [1280, 375]) {
    await viewer.page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(viewer.page);
  }

  // every page a viewer can open: no way to import, enter, save or administer
  const pages = ["/", "/rankings", league, "/league?level=towns", "/export", "/indicators", "/indicators/nanny_new", "/report", "/review", "/targets", "/quality", `/entry/${CURRENT}`, "/import", "/import/bulletin"];
  const forbidden = /导入|保存|提交审核|退回|审核通过|解除锁定|填报本月|修改本月|添加|删除|撤销|恢复到此|更正|重新生成|分配|新建|设定目标/;
  for (const path of pages) {
    await viewer.page.goto(path);
    await expect(viewer.page.locator("main")).toBeVisible();
    const buttons = await viewer.page.locator("main").getByRole("button").evaluateAll((nodes) => nodes.filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => node.textContent?.trim() ?? ""));
    expect(buttons.filter((text) => forbidden.test(text)), path).toEqual([]);
    const links = await viewer.page.locator('main a[href^="/import"], main a[href^="/admin"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href")));
    expect(links, path).toEqual([]);
  }
  await viewer.context.close();

  // staff, who can import the bulletin, are offered it
  const staff = await pageAs(browser, "staff");
  await staff.page.goto(league);
  await expect(staff.page.getByTestId("league-empty").getByRole("link", { name: "导入省级通报" })).toBeVisible();
  await staff.context.close();
});
