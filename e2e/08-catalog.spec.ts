import { expect, test } from "@playwright/test";
import { pageAs } from "./accounts";

test("an indicator the administrator adds appears on the form; retired, it leaves the form but keeps its history", async ({ browser }) => {
  const admin = await pageAs(browser, "admin");
  const staff = await pageAs(browser, "staff");

  await admin.page.goto("/admin/catalog");
  const add = admin.page.getByRole("form", { name: "添加指标" });
  await add.getByLabel("键名").fill("popsci_bases_total");
  await add.getByLabel("名称").fill("科普基地数量");
  await add.getByLabel("单位").fill("个");
  await add.getByLabel("类别").fill("科普");
  await add.getByLabel("类型").selectOption("stock");
  await add.getByRole("button", { name: "添加指标" }).click();
  await expect(add.getByRole("status")).toContainText("已添加指标“科普基地数量”（popsci_bases_total）");

  await add.getByLabel("键名").fill("nanny_new");
  await add.getByLabel("名称").fill("重复");
  await add.getByLabel("单位").fill("单");
  await add.getByLabel("类别").fill("保姆式服务");
  await add.getByRole("button", { name: "添加指标" }).click();
  await expect(add.locator("#new-key-error")).toHaveText("该键名已存在（已停用的指标也保留键名）");

  await staff.page.goto("/entry/2025-07");
  await staff.page.fill('input[name="popsci_bases_total"]', "12");
  await staff.page.getByRole("button", { name: "保存2025年7月数据" }).click();
  await expect(staff.page.getByRole("status").first()).toContainText("已保存");

  await admin.page.reload();
  const row = admin.page.locator('[data-catalog="popsci_bases_total"]');
  admin.page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "停用" }).click();
  await expect(row.getByRole("status")).toContainText("已停用“科普基地数量”");

  await staff.page.goto("/entry/2025-08");
  await expect(staff.page.locator('input[name="popsci_bases_total"]')).toHaveCount(0);
  await staff.page.goto("/indicators/popsci_bases_total");
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText("科普基地数量（已停用）");
  await expect(staff.page.locator('tr[data-period="2025-07"]')).toContainText("12个");
  await admin.context.close();
  await staff.context.close();
});
