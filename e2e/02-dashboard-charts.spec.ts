import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

// leadership's view: a read-only account sees every figure
test.use({ storageState: storageStateOf("viewer") });

test("nanny-style orders are drawn per month against the 34 line, months below it in red", async ({ page }) => {
  await page.goto("/?month=2024-12");
  const chart = page.locator('[data-chart="nanny"]');
  await expect(chart.locator("svg text.recharts-label")).toHaveText("目标 34");
  const bars = chart.locator(".recharts-bar-rectangle path");
  await expect(bars).toHaveCount(12);

  const note = await page.getByText(/红色为低于目标 34单 的月份：/).textContent();
  const listed = (note ?? "").split("：")[1]?.split("、") ?? [];
  expect(listed.length).toBeGreaterThan(0);
  const redBars = chart.locator('.recharts-bar-rectangle path[fill="#dc2626"]');
  await expect(redBars).toHaveCount(listed.length);
});

test("the nanny card judges the year's monthly average against 34 and says so in words", async ({ page }) => {
  await page.goto("/?month=2024-06");
  const card = page.locator('[data-indicator="nanny_new"]');
  await expect(card).toContainText("目标：月均不少于 34单");
  await expect(card).toContainText("省科协要求");
  await expect(card).toContainText(/本年月均 \d+(\.\d)?单，达成 \d+(\.\d)?%/);
  await expect(card.locator("[data-status]")).toHaveText(/达标|接近目标|未达标/);
  await expect(card).toContainText(/其余 6 个月每月需 ≥ \d+单|已达到全年要求/);
});

test("provincial ranks are drawn on a reversed axis, first place at the top", async ({ page }) => {
  await page.goto("/?month=2024-12");
  const chart = page.locator('[data-chart="ranks"]');
  await expect(chart.locator(".recharts-line")).toHaveCount(4);
  const ticks = chart.locator("svg text.recharts-cartesian-axis-tick-value", { hasText: /^第\d+$/ });
  const first = await ticks.first().boundingBox();
  const last = await ticks.last().boundingBox();
  await expect(ticks.first()).toHaveText("第1");
  expect(first && last && first.y < last.y).toBe(true);
});

test("the users chart shows the 2023 year-end figure as its first point", async ({ page }) => {
  await page.goto("/?month=2024-12");
  const chart = page.locator('[data-chart="value"]');
  await expect(chart.locator("svg text.recharts-cartesian-axis-tick-value").first()).toHaveText("2023年12月");
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(13);
});
