import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { LAST_DEMO } from "./months";

// leadership's view, read on a phone: a page's links are fetched ahead only when the reader shows
// they are about to follow one (app/ui/link.tsx), never all of them as soon as the page loads
test.use({ storageState: storageStateOf("viewer") });

test("a page prefetches no link when it loads, and the one pointed at when the reader points at it", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.has("_rsc")) prefetched.push(url.pathname);
  });
  await page.goto(`/?month=${LAST_DEMO}`);
  await page.waitForLoadState("networkidle");
  // the navigation alone has a dozen links in view
  const rankings = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "全省排名" });
  await expect(rankings).toBeVisible();
  expect(prefetched).toEqual([]);

  await rankings.hover();
  await expect.poll(() => prefetched.filter((path) => path === "/rankings").length).toBeGreaterThan(0);
  expect(prefetched.every((path) => path === "/rankings")).toBe(true);
  // following it still navigates within the app
  await rankings.click();
  await expect(page).toHaveURL(/\/rankings/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
