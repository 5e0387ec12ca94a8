import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./accounts";
import { DEMO_QUARTER, LAST_DEMO } from "./months";

/** Serious and critical findings of axe (WCAG 2.1 A and AA) on the page as it is now: "rule: where" per node. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} — ${node.failureSummary ?? ""}`));
}

const READ_PAGES = ["/", `/?month=${LAST_DEMO}`, "/rankings", `/review/${DEMO_QUARTER}`, "/indicators/nanny_new", "/indicators/popsci_volume_rank", "/indicators", "/targets", "/quality"];

test("the pages leadership reads have no serious or critical accessibility finding, on a desk and on a phone", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await pageAs(browser, "viewer");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    for (const path of READ_PAGES) {
      await page.goto(path);
      expect(await violations(page), `${path} at ${width}px`).toEqual([]);
    }
  }
  await context.close();
});

test("the charts stay accessible once they become interactive", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "viewer");
  await page.goto(`/?month=${LAST_DEMO}`);
  for (const chart of await page.locator("[data-chart]").all()) {
    await chart.hover();
    await expect(chart).toHaveAttribute("data-chart-state", "interactive");
  }
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await context.close();
});

test("the pages staff work in have no serious or critical accessibility finding", async ({ browser }) => {
  test.setTimeout(60_000);
  const { context, page } = await pageAs(browser, "staff");
  for (const path of ["/entry", `/entry/${LAST_DEMO}`, "/import", "/export", "/account"]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  await context.close();
});

test("the sign-in page has no serious or critical accessibility finding", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  expect(await violations(page)).toEqual([]);
  await context.close();
});
