import { expect, test } from "@playwright/test";
import { pageAs } from "./accounts";
import { addMonths, CURRENT, formatMonth, past } from "./months";

test("an indicator the administrator adds appears on the forms from its first month; retired, it leaves the forms from then on but stays on the earlier ones, with its history", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  const staff = await pageAs(browser, "staff");

  await admin.page.goto("/admin/catalog");
  const add = admin.page.getByRole("form", { name: "添加指标" });
  await add.getByLabel("键名").fill("popsci_bases_total");
  await add.getByLabel("名称").fill("科普基地数量");
  await add.getByLabel("单位").fill("个");
  await add.getByLabel("类别").fill("科普");
  await add.getByLabel("类型").selectOption("stock");
  await add.getByLabel("起始月份").fill(past(1));
  await add.getByLabel("定义（可不填）").fill("区内挂牌的科普基地总数（月末数）。");
  await add.getByRole("button", { name: "添加指标" }).click();
  await expect(add.getByRole("status")).toContainText(`已添加指标“科普基地数量”（popsci_bases_total），自${formatMonth(past(1))}起出现在月度填报表中`);

  await add.getByLabel("键名").fill("nanny_new");
  await add.getByLabel("名称").fill("重复");
  await add.getByLabel("单位").fill("单");
  await add.getByLabel("类别").fill("保姆式服务");
  await add.getByRole("button", { name: "添加指标" }).click();
  await expect(add.locator("#new-key-error")).toHaveText("该键名已存在（已停用的指标也保留键名）");

  // the form of a month before it was added does not ask for it
  await staff.page.goto(`/entry/${addMonths(past(1), -1)}`);
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(formatMonth(addMonths(past(1), -1)));
  await expect(staff.page.locator('[data-field="popsci_bases_total"]')).toHaveCount(0);

  await staff.page.goto(`/entry/${past(7)}`);
  await staff.page.fill('input[name="popsci_bases_total"]', "12");
  await staff.page.getByRole("button", { name: `保存${formatMonth(past(7))}数据` }).click();
  await expect(staff.page.getByRole("status").first()).toContainText("已保存");

  await admin.page.reload();
  const row = admin.page.locator('[data-catalog="popsci_bases_total"]');
  // it holds a figure now: its unit can no longer change (its history would be rescaled)
  await expect(row.getByLabel("单位")).toHaveAttribute("readonly", "");
  await expect(row).toContainText("已有数据，单位不可改");
  await row.getByLabel(/定义/).fill("区内挂牌的科普基地总数（月末数），以区科协认定名单为准。");
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("status")).toContainText("已保存“科普基地数量”");
  admin.page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "停用" }).click();
  await expect(row.getByRole("status")).toContainText("停用“科普基地数量”");

  // retired from this month on: this month's form leaves it out, an earlier month's still asks for it
  await staff.page.goto(`/entry/${CURRENT}`);
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(formatMonth(CURRENT));
  await expect(staff.page.locator('[data-field="popsci_bases_total"]')).toHaveCount(0);
  await staff.page.goto(`/entry/${past(8)}`);
  await expect(staff.page.locator('input[name="popsci_bases_total"]')).toBeVisible();
  await expect(staff.page.getByText(/已填 \d+ \/ 27 项/)).toBeVisible();
  await staff.page.goto(`/entry/${past(7)}`);
  await expect(staff.page.locator('input[name="popsci_bases_total"]')).toHaveValue("12");
  await staff.page.goto("/indicators/popsci_bases_total");
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText("科普基地数量（已停用）");
  await expect(staff.page.getByTestId("definition")).toContainText("以区科协认定名单为准");
  await expect(staff.page.locator(`tr[data-period="${past(7)}"]`)).toContainText("12个");
  await admin.context.close();
  await staff.context.close();
});
