import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { ACCOUNTS, pageAs } from "./accounts";
import { endedMonthsOfQuarter, formatMonth, monthParts, quarterOf, REPORTING, reportingDueText, SHARED_MONTH } from "./months";

// The real year: last month's figures are being reported (due on the 5th of this month).
const MONTH = REPORTING;
const LABEL = formatMonth(MONTH);

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

async function submitMonth(page: Page) {
  await page.goto(`/entry/${MONTH}`);
  const workflow = page.getByTestId("month-workflow");
  await workflow.getByText(`填报完成后：提交${LABEL}数据审核`).click();
  // every indicator still blank must be ticked before the month can go
  const boxes = workflow.getByTestId("missing-list").getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) await box.check();
  await workflow.getByRole("button", { name: "提交审核" }).click();
  // the page comes back with the month submitted and the form gone
  await expect(workflow.locator('[data-month-status="submitted"]')).toBeVisible();
  await expect(page.getByText("已提交审核，审核期间数据不能修改")).toBeVisible();
}

test("staff submit → the reviewer returns it with a reason → staff fix and resubmit → the reviewer approves → the month is locked and approved", async ({ browser }) => {
  // one story across three people's browsers: longer than a single page's test
  test.setTimeout(120_000);
  const admin = await pageAs(browser, "admin");
  const staff = await pageAs(browser, "staff");
  const leader = await pageAs(browser, "viewer");

  // the administrator makes the leader a reviewer
  await admin.page.goto("/admin/users");
  const leaderRow = admin.page.locator(`li[data-username="${ACCOUNTS.viewer.username}"]`);
  await leaderRow.getByRole("button", { name: "授予审核权限" }).click();
  await expect(leaderRow.getByRole("status").filter({ hasText: "已授予" })).toBeVisible();
  await expect(leaderRow).toContainText("审核人");

  // the month is late (or nearly due): the staff's home says so
  await staff.page.goto("/entry");
  const due = reportingDueText();
  if (due) await expect(staff.page.getByTestId("due-reminders")).toContainText(due);
  else await expect(staff.page.getByTestId("due-reminders")).toHaveCount(0);

  // staff enter part of October and submit it, confirming what is blank
  await staff.page.goto(`/entry/${MONTH}`);
  await staff.page.fill('input[name="nanny_new"]', "36");
  await staff.page.fill('input[name="users_new"]', "120");
  await staff.page.getByRole("button", { name: `保存${LABEL}数据` }).click();
  await expect(staff.page.getByRole("status").first()).toContainText(`已保存${LABEL}`);
  await submitMonth(staff.page);
  await staff.page.reload();
  await expect(staff.page.locator('input[name="nanny_new"]')).toHaveCount(0);

  await staff.page.goto(`/?month=${MONTH}`);
  await expect(staff.page.getByTestId("approval-mark")).toContainText("未审核（已提交，待审核）");
  // each card showing the month's figure says so too
  await expect(staff.page.locator('[data-indicator="nanny_new"] [data-card-approval]')).toContainText("未审核");
  await expect(staff.page.getByTestId("due-reminders")).toHaveCount(0);

  // the reviewer finds it in the queue, with what it holds, and returns it with a reason
  await leader.page.goto("/");
  await leader.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "待审核" }).click();
  const item = leader.page.locator(`[data-testid="queue-item"][data-month="${MONTH}"]`);
  await expect(item).toContainText(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);
  await expect(item.getByTestId("changes").locator('tr[data-key="nanny_new"]')).toContainText("36单");
  await expect(item).toContainText("影响的目标");
  await item.getByLabel("退回原因").fill("保姆式服务单数与台账不符，请核对");
  await item.getByRole("button", { name: "退回修改" }).click();
  // returned, the month leaves the queue
  await expect(leader.page.getByTestId("queue-empty")).toBeVisible();

  // staff see the reason, correct the figure and submit again
  await staff.page.goto(`/entry/${MONTH}`);
  await expect(staff.page.getByTestId("return-reason")).toContainText("保姆式服务单数与台账不符，请核对");
  await expect(staff.page.getByTestId("return-reason")).toContainText(ACCOUNTS.viewer.name);
  await staff.page.fill('input[name="nanny_new"]', "38");
  await staff.page.getByRole("button", { name: `保存${LABEL}数据` }).click();
  await expect(staff.page.getByRole("status").first()).toContainText(`已保存${LABEL}`);
  await submitMonth(staff.page);

  // the reviewer approves it
  await leader.page.goto("/review-queue");
  const again = leader.page.locator(`[data-testid="queue-item"][data-month="${MONTH}"]`);
  await expect(again.getByTestId("changes").locator('tr[data-key="nanny_new"]')).toContainText("38单");
  await again.getByRole("button", { name: "审核通过并锁定" }).click();
  await expect(leader.page.getByTestId("queue-empty")).toBeVisible();

  // the month is locked: no form any more
  await staff.page.goto(`/entry/${MONTH}`);
  await expect(staff.page.getByText(`${LABEL}已审核并锁定`)).toBeVisible();
  await expect(staff.page.locator('input[name="nanny_new"]')).toHaveCount(0);
  await expect(staff.page.getByTestId("month-history")).toContainText("保姆式服务单数与台账不符，请核对");
  await expect(staff.page.getByTestId("month-history").locator("li")).toHaveCount(4);

  // and the dashboard no longer marks the month's figures as unapproved; a card showing an earlier
  // month's figure (新增达成交易, last entered in 10-concurrency's month) still does
  await staff.page.goto(`/?month=${MONTH}`);
  await expect(staff.page.getByTestId("approval-mark")).toHaveAttribute("data-approved", "true");
  await expect(staff.page.locator('[data-indicator="nanny_new"] [data-value]')).toHaveText("38单");
  await expect(staff.page.locator('[data-indicator="nanny_new"] [data-card-approval]')).toHaveCount(0);
  const deals = staff.page.locator('[data-indicator="deals_new"]');
  await expect(deals.locator("[data-latest]")).toContainText(formatMonth(SHARED_MONTH));
  await expect(deals.locator("[data-card-approval]")).toHaveText("未审核");
  await expect(deals.locator("[data-card-approval]")).toHaveAttribute("title", new RegExp(`${formatMonth(SHARED_MONTH)}的数据尚未审核`));

  // the review pack counts the approved month among the quarter's months that have ended
  const ended = endedMonthsOfQuarter(MONTH).length;
  await staff.page.goto(`/review/${quarterOf(MONTH)}`);
  await expect(staff.page.getByTestId("approval-summary")).toContainText(`已审核 1 / ${ended} 个月`);

  // the audit view answers who did what, and exports it
  await admin.page.goto(`/admin/audit?month=${MONTH}`);
  const audit = admin.page.getByTestId("audit");
  await expect(audit.locator('tr[data-area="reviews"]')).toHaveCount(4);
  await expect(audit).toContainText("原因：保姆式服务单数与台账不符，请核对");
  await expect(audit.locator('tr[data-area="figures"]').first()).toContainText("36单 → 38单");
  const exportLink = admin.page.getByRole("link", { name: "导出 Excel" });
  await expect(exportLink).toHaveAttribute("href", `/admin/audit/xlsx?month=${MONTH}`);
  const exported = await admin.page.request.get(`/admin/audit/xlsx?month=${MONTH}`);
  expect(exported.headers()["content-type"]).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(toArrayBuffer(await exported.body()));
  const rows = workbook.getWorksheet("审计记录")!.getSheetValues().map((row) => (Array.isArray(row) ? row.join("|") : ""));
  expect(rows.some((row) => row.includes("退回") && row.includes("原因：保姆式服务单数与台账不符，请核对"))).toBe(true);
  // staff may not export the audit
  expect((await staff.page.request.get("/admin/audit/xlsx")).status()).toBe(403);

  for (const session of [admin, staff, leader]) await session.context.close();
});

test("an approved month is unlocked only with a reason, which its history keeps", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto(`/entry/${MONTH}`);
  await admin.page.getByText("需要更正已审核的数据？解除锁定…").click();
  const reason = admin.page.getByLabel("解除锁定的原因");
  await expect(reason).toHaveAttribute("required", "");
  await reason.fill(`省平台更正了${monthParts(MONTH).month}月排名`);
  await admin.page.getByRole("button", { name: "解除锁定" }).click();
  await expect(admin.page.getByTestId("month-workflow").locator('[data-month-status="in_progress"]')).toBeVisible();
  await expect(admin.page.locator('input[name="nanny_new"]')).toHaveValue("38");
  await expect(admin.page.getByTestId("month-history").locator("li").first()).toContainText(`解除锁定：省平台更正了${monthParts(MONTH).month}月排名`);
  await admin.context.close();
});

test("the outbox page shows the channels off by default and says so when a test message is asked for", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/admin/outbox");
  await expect(admin.page.getByTestId("channels").locator("li")).toHaveCount(2);
  await expect(admin.page.getByTestId("channels")).toContainText("未设置 WECOM_WEBHOOK_URL");
  await admin.page.getByRole("button", { name: "发送测试消息" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "尚未配置任何发送渠道" })).toBeVisible();

  await admin.page.getByLabel("每月数据于次月几日前提交").fill("31");
  await admin.page.getByRole("button", { name: "保存" }).click();
  await expect(admin.page.getByRole("status").first()).toContainText("次月31日前提交");
  await admin.page.goto("/admin/audit?area=settings");
  await expect(admin.page.getByTestId("audit")).toContainText("修改报送期限与提醒");
  await admin.context.close();
});

test("the outbox page shows a failed send's summary, never the robot's answer as it came (issue 29)", async ({ browser }) => {
  // a failure kept before answers were summarised: the robot's errmsg, echoed whole
  const db = new Database(path.resolve("test-results", "e2e", "app.db"));
  db.prepare("INSERT INTO outbox (dedup_key, channel, kind, subject, body, status, attempts, last_error) VALUES (?, 'wecom', 'test', ?, '### 测试', 'failed', 1, ?)").run(
    `e2e-echoed-${Date.now()}`,
    "【科普KPI看板】旧的测试消息",
    "企业微信接口返回错误 93000：invalid webhook url, hint: [1733563], from ip: 10.1.2.3, more info at https://open.work.weixin.qq.com/devtool/query?e=93000",
  );
  db.close();
  const admin = await pageAs(browser, "admin");
  await admin.page.goto("/admin/outbox");
  const row = admin.page.getByTestId("outbox").locator("tr", { hasText: "旧的测试消息" });
  await expect(row).toContainText("企业微信返回错误码 93000（Webhook 地址无效：key 不正确，或机器人已被移出群聊）");
  await expect(row).not.toContainText("from ip");
  await expect(row).not.toContainText("invalid webhook url");
  await admin.context.close();
});
