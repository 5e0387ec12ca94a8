import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { formatMonth, past } from "./months";

test.use({ storageState: storageStateOf("staff") });

async function enterRank(page: Page, month: string, label: string, figures: Record<string, string>) {
  await page.goto(`/entry/${month}`);
  for (const [name, value] of Object.entries(figures)) await page.fill(`input[name="${name}"]`, value);
  await page.getByRole("button", { name: `保存${label}数据` }).click();
  await expect(page.getByRole("status").first()).toContainText("已保存");
}

test("two months of ranks show the movement, the distance to the next place and the lead, and read on a phone", async ({ page }) => {
  await enterRank(page, `${past(5)}`, `${formatMonth(past(5))}`, {
    popsci_volume: "900",
    popsci_volume_rank: "15",
    popsci_volume_rank__of: "183",
    popsci_volume_rank__above: "905.5",
    popsci_volume_rank__below: "880",
  });
  await enterRank(page, `${past(6)}`, `${formatMonth(past(6))}`, {
    popsci_volume: "950",
    popsci_volume_rank: "13",
    popsci_volume_rank__of: "184",
    popsci_volume_rank__above: "951.2",
    popsci_volume_rank__below: "940",
  });

  await page.goto(`/rankings?month=${past(6)}`);
  const card = page.locator('[data-rank="popsci_volume_rank"]');
  await expect(card.getByTestId("rank-now")).toHaveText("第13名");
  await expect(card).toContainText("共184个单位");
  const sinceLastMonth = card.locator("li", { hasText: "较上月" });
  await expect(sinceLastMonth).toHaveAttribute("data-movement", "up");
  await expect(sinceLastMonth).toContainText("▲ 上升2名");
  // nothing was reported a year before: no movement is made up
  await expect(card.locator("li", { hasText: "较去年同月" })).toHaveAttribute("data-movement", "none");
  await expect(card.locator("li", { hasText: "较上季末" })).toHaveAttribute("data-movement", "none");
  // 951.20 − 950.00 + 0.01 passes the unit in 12th place
  await expect(card.getByTestId("gap")).toHaveText("↑ 科普服务量再增加 1.21万人次 可升至第12名");
  await expect(card.getByTestId("lead")).toHaveText("↓ 领先下一名 10.00万人次");
  // January holds 第11名 (the entry test)
  await expect(card).toContainText("本年最好第11名（1月），最差第15名（5月）");
  await expect(card.locator('[data-chart="ranks"] [data-line]')).toHaveCount(1);
  // 第11 to 第15 of 184: the axis is zoomed to them, first place on top, never run down to 第184
  const staticTicks = await card.locator('[data-chart="ranks"] [data-tick]').allTextContents();
  await card.locator('[data-chart="ranks"]').hover();
  await expect(card.locator('[data-chart="ranks"] .recharts-line')).toHaveCount(1);
  const axisLabels = card.locator('[data-chart="ranks"] svg text.recharts-cartesian-axis-tick-value', { hasText: /^第\d+$/ });
  const ticks = await axisLabels.evaluateAll((elements) => elements.map((element) => ({ rank: Number(element.textContent?.slice(1)), y: element.getBoundingClientRect().y })));
  ticks.sort((a, b) => a.y - b.y);
  expect(ticks.map((tick) => `第${tick.rank}`)).toEqual(staticTicks);
  expect(ticks[0]?.rank).toBeGreaterThanOrEqual(10);
  expect(ticks[0]?.rank).toBeLessThanOrEqual(13);
  expect(ticks.at(-1)?.rank).toBeGreaterThanOrEqual(15);
  expect(ticks.at(-1)?.rank).toBeLessThanOrEqual(20);

  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(card.getByTestId("rank-now")).toHaveText("第13名");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("rankings-375.png"), fullPage: true });

  await page.goto(`/?month=${past(6)}`);
  const strip = page.getByTestId("rank-strip");
  await expect(strip).toContainText("第13名");
  await expect(strip).toContainText("上升2名");
  await strip.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/rankings\\?month=${past(6)}`));
});

test("the 2023 ranks from the document are the starting point", async ({ page }) => {
  await page.goto("/rankings?month=2023-12");
  await expect(page.locator('[data-rank="supply_total_rank"]').getByTestId("rank-now")).toHaveText("第1名");
  await expect(page.locator('[data-rank="popsci_per_capita_rank"]').getByTestId("rank-now")).toHaveText("第3名");
  await expect(page.locator('[data-rank="popsci_coverage_rate_rank"]').getByTestId("rank-now")).toHaveText("第14名");
  await expect(page.locator('[data-rank="popsci_volume_rank"]').getByTestId("rank-now")).toHaveText("第12名");
});
