import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./accounts";
import { makeMonth } from "../lib/periods";
import { formatMonth, PAST_YEAR } from "./months";
import type { BulletinFixture } from "../tests/fixtures/bulletin";

/**
 * The province's files taken as they come (issue 22): its bulletin with 市（州） and 县（市、区） in two
 * columns and units in the headings ("数值（万人次）"), imported without hand mapping; and pasted cells
 * headed "7月 8月", without a year, of which July is already submitted for review. In a year no other
 * spec writes (three before the older specs' year). Runs before 14-one-judgement, which runs last.
 */
const YEAR = PAST_YEAR - 3;
const month = (m: number) => makeMonth(YEAR, m);
/** Where the spec's screenshots go when asked for (E2E_SHOTS=/tmp/dir): never into the repository. */
const SHOTS = process.env.E2E_SHOTS ?? null;

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the province's bulletin, 市（州）+县（市、区） in two columns and units in brackets, imports without hand mapping and says which columns it used", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await pageAs(browser, "admin");
  const june = month(6);
  // the fixture generator, run as a person would (npx tsx tests/fixtures/bulletin.ts 输出.xlsx --split)
  const file = path.resolve("test-results", "e2e", "province-bulletin.xlsx");
  execFileSync("npx", ["tsx", "tests/fixtures/bulletin.ts", file, "--split", "--month", june], { stdio: "ignore" });
  const fixture: BulletinFixture = JSON.parse(
    execFileSync("npx", ["tsx", "--eval", `import { bulletinFixture } from "./tests/fixtures/bulletin"; console.log(JSON.stringify(bulletinFixture({ layout: "split", month: "${june}" })));`], { encoding: "utf8" }),
  );
  const rank = fixture.units.find((unit) => unit.name === "攀枝花市西区")?.expected.popsci_volume_rank;
  const ranked = fixture.units.filter((unit) => unit.stated.popsci_volume_rank !== null).length;

  // brought to the figures import, the home unit's row is previewed as June's figures, its names' columns said, the bulletin import still offered
  await page.goto("/import");
  await page.setInputFiles('input[name="file"]', { name: "全省通报.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fs.readFileSync(file) });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("预览：新增");
  await expect(page.locator("#import-message")).toContainText("这张表也可到“导入省级通报”页面（/import/bulletin）导入");
  await expect(page.getByText(/单位名称取自「市（州）」\+「县（市、区）」两列.*读取“攀枝花市西区”一行/)).toBeVisible();
  await expect(page.locator("#import-message")).not.toContainText("没有找到可导入的数据");
  await noSidewaysScroll(page);
  await shoot(page, "import-province-row");

  await page.goto("/import/bulletin");
  await page.setInputFiles('input[name="file"]', { name: "全省通报.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fs.readFileSync(file) });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#bulletin-message")).toContainText("预览：");
  await expect(page.getByTestId("bulletin-name-columns")).toHaveText(/^单位名称取自「市（州）」\+「县（市、区）」两列：其中 \d+ 个与已知单位或别名相符/);
  await expect(page.getByText("读到 183 个单位（名称在 B+C 列）")).toBeVisible();
  await expect(page.getByTestId("city-names")).toHaveCount(0);
  await expect(page.getByText("通报中没有找到本单位")).toHaveCount(0);
  // every indicator column mapped by its heading, 数值（条） and 数值（万人次） alike
  const mapping = page.getByTestId("bulletin-mapping").locator("select");
  await expect(mapping).toHaveCount(fixture.layout.columns.length);
  for (const [index, column] of fixture.layout.columns.entries()) await expect(mapping.nth(index)).toHaveValue(column.key);
  await expect(page.getByTestId("home-ranks").locator('[data-key="popsci_volume_rank"]').getByTestId("home-rank")).toHaveText(`第${rank}名（共${ranked}）`);
  await noSidewaysScroll(page);
  await shoot(page, "bulletin-province-layout");

  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#bulletin-message")).toContainText(`已导入“全省通报.xlsx”（${formatMonth(june)}）`);
  await context.close();
});

test("cells headed 7月 8月 ask for their year; July, already submitted, is marked 已提交 and left out, and August imports", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await pageAs(browser, "staff");
  const july = month(7);
  const august = month(8);

  // July holds a figure and is submitted for review
  await page.goto("/import");
  await page.getByLabel(/或粘贴单元格/).fill(`指标\t${formatMonth(july)}\nnanny_new\t30\n`);
  await page.getByRole("button", { name: "预览" }).click();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#import-message")).toContainText("新增 1 项");
  await page.goto(`/entry/${july}`);
  const workflow = page.getByTestId("month-workflow");
  await workflow.getByText(`填报完成后：提交${formatMonth(july)}数据审核`).click();
  for (const box of await workflow.getByTestId("missing-list").getByRole("checkbox").all()) await box.check();
  await workflow.getByRole("button", { name: "提交审核" }).click();
  await expect(workflow.locator('[data-month-status="submitted"]')).toBeVisible();

  // the same July and a new August, pasted without a year
  await page.goto("/import");
  await page.getByLabel(/或粘贴单元格/).fill("指标\t7月\t8月\nnanny_new\t33\t31\n");
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("表头中的“7月”“8月”没有写年份");
  const choice = page.getByTestId("import-year-choice");
  await expect(choice).toBeVisible();
  await noSidewaysScroll(page);
  await shoot(page, "import-year-choice");
  await choice.getByLabel(/属于哪一年/).selectOption(String(YEAR));
  await page.getByRole("button", { name: "按所选年份预览" }).click();

  await expect(page.locator("#import-message")).toContainText("另有 1 个数属于已提交审核的月份，确认后也不会导入");
  await expect(page.getByTestId("import-counts")).toContainText("已提交 1");
  await expect(page.locator('[data-testid="import-row"][data-status="submitted"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="import-row"][data-status="new"]')).toHaveCount(1);
  await noSidewaysScroll(page);
  await shoot(page, "import-closed-month");
  const confirm = page.getByRole("button", { name: "确认导入" });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.locator("#import-message")).toContainText("新增 1 项、更新 0 项");
  await expect(page.locator("#import-message")).toContainText("另有 1 个数属于已提交审核的月份，未导入。");
  await expect(page.locator("#import-message")).not.toContainText("在预览之后");

  await page.goto(`/entry/${august}`);
  await expect(page.locator('input[name="nanny_new"]')).toHaveValue("31");
  await context.close();
});
