import { expect, test, type Locator } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { FIRST_DEMO, LAST_DEMO, monthParts } from "./months";

/** Point at a chart: the static drawing becomes the interactive Recharts chart. */
async function interactive(chart: Locator): Promise<Locator> {
  await chart.hover();
  await expect(chart).toHaveAttribute("data-chart-state", "interactive");
  return chart;
}

// leadership's view: a read-only account sees every figure
test.use({ storageState: storageStateOf("viewer") });

// the demo months of this year run from January to the last demo month
const monthsThisYear = monthParts(LAST_DEMO).month;

test("nanny-style orders are drawn per month against the 34 line, months below it in red", async ({ page }) => {
  await page.goto(`/?month=${LAST_DEMO}`);
  const chart = page.locator('[data-chart="nanny"]');
  const note = (await page.getByText(/红色为低于目标 34单 的月份：|已填报的月份均不低于目标 34单/).textContent()) ?? "";
  const listed = note.startsWith("红色") ? (note.split("：")[1]?.split("；")[0]?.split("、") ?? []) : [];

  // first drawn without the chart library: the same bars, line and colours
  await expect(chart).toHaveAttribute("data-chart-state", "static");
  await expect(chart.locator("[data-reference]")).toHaveText("目标 34");
  await expect(chart.locator("[data-bar]")).toHaveCount(monthsThisYear);
  await expect(chart.locator('[data-bar][data-color="#dc2626"]')).toHaveCount(listed.length);
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label", /各月促成单数：1月\d+单/);

  await interactive(chart);
  await expect(chart.locator("svg text.recharts-label")).toHaveText("目标 34");
  await expect(chart.locator(".recharts-bar-rectangle path")).toHaveCount(monthsThisYear);
  await expect(chart.locator('.recharts-bar-rectangle path[fill="#dc2626"]')).toHaveCount(listed.length);
});

test("charts far down the page load the chart library only when scrolled near, and the first view never waits for it", async ({ page }) => {
  const chartRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") chartRequests.push(request.url());
  });
  await page.goto(`/?month=${LAST_DEMO}`);
  await page.waitForLoadState("networkidle");
  const loadedFirst = chartRequests.length;
  const ranks = page.locator('[data-chart="ranks"]');
  // nothing scrolled or touched: every chart is the static drawing, and it is complete
  await expect(page.locator('[data-chart-state="interactive"]')).toHaveCount(0);
  await expect(ranks.locator("[data-line]")).toHaveCount(4);
  await ranks.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await expect(ranks).toHaveAttribute("data-chart-state", "interactive");
  await expect(ranks.locator(".recharts-line")).toHaveCount(4);
  // the chart library came after the first view, on demand
  expect(chartRequests.length).toBeGreaterThan(loadedFirst);
});

test("the nanny card judges the year's monthly average against the standing 34 and says so in words", async ({ page }) => {
  await page.goto(`/?month=${LAST_DEMO}`);
  const card = page.locator('[data-indicator="nanny_new"]');
  await expect(card).toContainText("目标：月均不少于 34单");
  await expect(card).toContainText("自2024年起，省科协要求");
  await expect(card).toContainText(/本年月均 \d+\.\d单，达成 \d+\.\d%/);
  await expect(card.locator("[data-status]").first()).toHaveText(/达标|接近目标|未达标/);
  if (monthsThisYear < 12) await expect(card).toContainText(new RegExp(`其余 ${12 - monthsThisYear} 个月每月需 ≥ \\d+单|已达到全年要求`));
});

/** The numbers of a rank chart's visible axis labels (第N), top down, with where each sits (the print-only copy left out). */
async function rankTicks(ticks: Locator): Promise<{ rank: number; y: number }[]> {
  const boxes = await ticks.evaluateAll((elements) =>
    elements.filter((element) => element.checkVisibility()).map((element) => ({ text: element.textContent ?? "", y: element.getBoundingClientRect().y })),
  );
  return boxes.map((box) => ({ rank: Number(/^第(\d+)$/.exec(box.text)?.[1]), y: box.y })).sort((a, b) => a.y - b.y);
}

test("provincial ranks are drawn on a reversed axis zoomed to the places shown, 第1 on top", async ({ page }) => {
  await page.goto(`/?month=${LAST_DEMO}`);
  const ranks = page.locator('[data-chart="ranks"]');
  // the demo's places lie between 第1 and 第25 of 183: the axis stops near them, not at 第183
  await expect(page.getByText("纵轴只显示所涉名次（全省共183个单位参与排名）")).toBeVisible();
  // the static drawing first, then the interactive chart it becomes
  const drawings = [async () => ranks.locator("[data-tick]"), async () => (await interactive(ranks)).locator("svg text.recharts-cartesian-axis-tick-value", { hasText: /^第\d+$/ })];
  for (const drawing of drawings) {
    const ticks = await drawing();
    await expect(ticks.first()).toHaveText("第1");
    const shown = await rankTicks(ticks);
    expect(shown[0]?.rank).toBe(1);
    const numbers = shown.map((tick) => tick.rank);
    // top down the places grow: 第1 above, the worst place below
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(Math.max(...numbers)).toBeLessThanOrEqual(40);
    expect(numbers).not.toContain(183);
  }
  await expect(ranks.locator(".recharts-line")).toHaveCount(4);
});

test("the users chart starts where the figures start and labels no two ticks alike", async ({ page }) => {
  await page.goto(`/?month=${LAST_DEMO}`);
  const chart = page.locator('[data-chart="value"]');
  const { year, month } = monthParts(FIRST_DEMO);
  const staticTicks = await chart.locator("[data-tick]").allTextContents();
  expect(new Set(staticTicks).size).toBe(staticTicks.length);
  await interactive(chart);
  await expect(chart.locator("svg text.recharts-cartesian-axis-tick-value").first()).toHaveText(`${year}年${month}月`);
  await expect(chart.locator(".recharts-line-dot")).toHaveCount(12);
  const yLabels = await chart.locator(".recharts-yAxis-tick-labels text").allTextContents();
  expect(yLabels.length).toBeGreaterThan(2);
  expect(new Set(yLabels).size).toBe(yLabels.length);
});
