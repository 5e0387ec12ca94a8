import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { formatMonth, LAST_DEMO, past } from "./months";

test.use({ storageState: storageStateOf("admin") });

test("the admin button removes every demo figure and leaves the baseline and real entries", async ({ page }) => {
  await page.goto("/admin");
  await expect(page.getByTestId("demo-count")).toHaveText("312");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "清除全部示例数据" }).click();
  await expect(page.locator("section", { hasText: "当前示例数据" }).getByRole("status")).toContainText("已清除示例数据 312 条、示例目标 4 条");
  await expect(page.getByTestId("demo-count")).toHaveText("0");

  await page.goto("/");
  await expect(page.getByText("示例数据")).toHaveCount(0);
  // the latest month with real figures: July two years back, entered by the staff in the catalog test
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${formatMonth(past(7))} 工作看板`);

  await page.goto("/?month=2023-12");
  await expect(page.locator('[data-indicator="users_total"] [data-value]')).toHaveText("14312人");
  await page.goto(`/?month=${LAST_DEMO}`);
  await expect(page.getByTestId("filled-count")).toHaveText("0");
});
