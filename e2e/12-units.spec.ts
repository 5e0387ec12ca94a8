import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import type { BulletinFixture } from "../tests/fixtures/bulletin";
import { pageAs } from "./accounts";
import { addMonths, CURRENT, formatMonth, monthParts } from "./months";

/** The towns' month: last month (a town's months are its own, whatever the district's review did). */
const TOWN_MONTH = addMonths(CURRENT, -1);
/** The bulletin's month: one the other specs leave open for the district. */
const BULLETIN_MONTH = addMonths(CURRENT, -3);
const TOWNS = ["格里坪镇", "清香坪街道"];

test.describe.configure({ mode: "serial" });

async function pdfText(page: Page): Promise<{ pages: number; text: string; width: number; height: number }> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const first = await document.getPage(1);
  const { width, height } = first.getViewport({ scale: 1 });
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str : "")).join("").normalize("NFKC"));
  }
  await page.emulateMedia({ media: "screen" });
  return { pages: document.numPages, text: texts.join("\n").replace(/\s+/g, ""), width: Math.round(width), height: Math.round(height) };
}

test("add two towns, allocate the district's 34 a month between them, enter their month, see and print the towns' league table", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");

  // two towns, and the indicator they report
  await page.goto("/admin/units");
  for (const [name, shortName] of [["格里坪镇", "格里坪"], ["清香坪街道", "清香坪"]] as const) {
    const add = page.getByRole("form", { name: "添加镇街" });
    await add.getByLabel("镇街名称").fill(name);
    await add.getByLabel("简称").fill(shortName);
    await add.getByRole("button", { name: "添加镇街" }).click();
    await expect(add.getByRole("status")).toHaveText(`已添加下属镇街“${name}”。`);
  }
  await expect(page.getByTestId("towns").locator("li")).toHaveCount(2);
  const indicators = page.getByRole("form", { name: "镇街填报的指标" });
  await indicators.getByLabel(/促成“保姆式”服务单数/).check();
  await indicators.getByRole("button", { name: "保存镇街指标" }).click();
  await expect(indicators.getByRole("status")).toContainText("已保存：镇街填报 1 项指标");

  // the province's 34 a month, split equally: 17 each
  await page.goto(`/targets?year=${monthParts(TOWN_MONTH).year}`);
  const allocation = page.locator('[data-testid="allocation"][data-target="nanny_new"]');
  await expect(allocation.getByTestId("allocation-total")).toContainText("各镇街目标合计 0单，比区目标少 34单（2 个镇街未分配）");
  await allocation.getByText("分配区目标到镇街").click();
  const form = allocation.getByRole("form", { name: /分配.*到镇街/ });
  await form.getByLabel("平均分配").check();
  await expect(form.getByTestId("allocation-sum")).toHaveText("合计 34单，与区目标一致（区目标 34单）");
  await form.getByRole("button", { name: "按此分配到镇街" }).click();
  await expect(form.getByRole("status")).toContainText("合计 34单，与区目标一致");
  await expect(allocation.getByTestId("allocation-total")).toContainText("各镇街目标合计 34单，与区目标一致");
  await expect(allocation.getByTestId("town-targets").locator("li")).toHaveText([/格里坪镇月均不少于 17单/, /清香坪街道月均不少于 17单/]);

  // each town's month, entered as the district's staff pick the town
  const { context: staffContext, page: staff } = await pageAs(browser, "staff");
  for (const [town, value] of [["格里坪镇", "20"], ["清香坪街道", "12"]] as const) {
    await staff.goto(`/entry/${TOWN_MONTH}`);
    await staff.getByRole("form", { name: "选择单位" }).getByLabel("单位").selectOption({ label: town });
    await staff.getByRole("form", { name: "选择单位" }).getByRole("button", { name: "切换" }).click();
    await expect(staff.getByTestId("unit-name")).toHaveText(town);
    // a town's form holds only the indicators chosen for towns
    await expect(staff.locator('input[name="users_total"]')).toHaveCount(0);
    await staff.fill('input[name="nanny_new"]', value);
    await staff.getByRole("button", { name: `保存${formatMonth(TOWN_MONTH)}数据` }).click();
    await expect(staff.getByText(`已保存${town}${formatMonth(TOWN_MONTH)}：更新 1 项指标`)).toBeVisible();
  }
  await staffContext.close();

  // the towns' league: 20 first, 12 second and short of its 17
  await page.goto(`/league?level=towns&indicator=nanny_new&month=${TOWN_MONTH}`);
  const { year, month } = monthParts(TOWN_MONTH);
  const title = `西区科协关于${year}年${month}月各镇街天府科技云工作情况的通报`;
  await expect(page.getByTestId("league-title")).toHaveText(title);
  const rows = page.getByTestId("league-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("格里坪镇");
  await expect(rows.nth(0).getByTestId("rank")).toHaveText("1");
  await expect(rows.nth(0).getByTestId("value")).toHaveText("20");
  await expect(rows.nth(0)).toContainText("达成 117.6%");
  await expect(rows.nth(1)).toContainText("清香坪街道");
  await expect(rows.nth(1)).toContainText("再增加 9单 可升至第1名");
  await expect(page.getByTestId("shortfall")).toHaveText("未达标：清香坪街道");

  // printed on A4 as the 通报, without the navigation
  const printed = await pdfText(page);
  expect(printed.pages).toBe(1);
  expect([printed.width, printed.height]).toEqual([595, 842]);
  expect(printed.text).toContain(title);
  expect(printed.text).toContain("格里坪镇");
  expect(printed.text).toContain("未达标:清香坪街道");
  expect(printed.text).not.toContain("退出");

  // the same table as a workbook, text as text
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${title}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  const sheet = workbook.getWorksheet("通报");
  expect(sheet?.getCell("A1").value).toBe(title);
  expect(sheet?.getRow(4).values).toEqual(expect.arrayContaining(["序号", "名次", "单位"]));
  expect(sheet?.getCell("C5").value).toBe("格里坪镇");
  expect(sheet?.getCell("D5").type).toBe(ExcelJS.ValueType.Number);
  expect(sheet?.getCell("D5").value).toBe(20);
  // wide with its target columns: landscape A4, at full size, the header rows on every page
  expect(sheet?.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, printTitlesRow: "1:4" });
  await context.close();
});

test("import a 10-unit bulletin: the home unit's rank, N and neighbours come filled in on the monthly form", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  // the fixture generator, run as a person would (npx tsx tests/fixtures/bulletin.ts 输出.xlsx --small)
  const file = path.resolve("test-results", "e2e", "small-bulletin.xlsx");
  execFileSync("npx", ["tsx", "tests/fixtures/bulletin.ts", file, "--small", "--month", BULLETIN_MONTH], { stdio: "ignore" });
  const buffer = fs.readFileSync(file);
  const fixture: BulletinFixture = JSON.parse(
    execFileSync("npx", ["tsx", "--eval", `import { bulletinFixture } from "./tests/fixtures/bulletin"; console.log(JSON.stringify(bulletinFixture({ size: "small", month: "${BULLETIN_MONTH}" })));`], { encoding: "utf8" }),
  );
  const home = fixture.units.find((unit) => unit.name === "攀枝花市西区");
  const rank = home?.expected.popsci_volume_rank ?? 0;
  const volumes = fixture.units.flatMap((unit) => (unit.figures.popsci_volume === null ? [] : [unit.figures.popsci_volume])).sort((a, b) => b - a);
  const own = home?.figures.popsci_volume ?? 0;
  const above = volumes.filter((value) => value > own).at(-1);
  const below = volumes.filter((value) => value < own)[0];

  await page.goto("/import/bulletin");
  await page.setInputFiles('input[name="file"]', { name: "省级通报.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#bulletin-message")).toContainText("预览：");
  const ranks = page.getByTestId("home-ranks");
  await expect(ranks.locator('[data-key="popsci_volume_rank"]').getByTestId("home-rank")).toHaveText(`第${rank}名（共10）`);
  await expect(page.getByTestId("unmatched-name")).toHaveCount(9);

  await page.getByRole("button", { name: "全部添加为同级单位（9 个）" }).click();
  await expect(page.locator("#bulletin-message")).toContainText("已添加 9 个同级单位");
  await expect(page.getByTestId("unmatched-name")).toHaveCount(0);
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#bulletin-message")).toContainText("已导入“省级通报.xlsx”");
  await expect(page.locator("#bulletin-message")).toContainText("来源：省级通报");

  // the form now shows the derived rank and its details, as stored
  await page.goto(`/entry/${BULLETIN_MONTH}`);
  await expect(page.locator('input[name="popsci_volume_rank"]')).toHaveValue(String(rank));
  await expect(page.locator('input[name="popsci_volume_rank__of"]')).toHaveValue("10");
  await expect(page.locator('input[name="popsci_volume_rank__above"]')).toHaveValue(above === undefined ? "" : String(above));
  await expect(page.locator('input[name="popsci_volume_rank__below"]')).toHaveValue(below === undefined ? "" : String(below));
  await expect(page.locator('input[name="supply_total_rank"]')).toHaveValue("1");

  // the same file again changes nothing
  await page.goto("/import/bulletin");
  await page.setInputFiles('input[name="file"]', { name: "省级通报.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#bulletin-message")).toHaveText("通报中的数与系统中完全一致，没有需要导入的改动。");
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();

  // the peers' league, the home unit highlighted
  await page.goto(`/league?level=peers&indicator=popsci_volume&month=${BULLETIN_MONTH}`);
  const highlighted = page.locator('[data-testid="league-table"] tr[aria-current="true"]');
  await expect(highlighted).toContainText("攀枝花市西区科学技术协会");
  await expect(highlighted.getByTestId("rank")).toHaveText(String(rank));
  await context.close();
});

test("a town's staff see and enter only their town", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/admin/units");
  const scope = page.getByTestId("account-scopes").locator("li", { hasText: "zhangsan" });
  await scope.getByRole("combobox").selectOption({ label: `只限：${TOWNS[0]}` });
  await scope.getByRole("button", { name: "保存" }).click();
  await expect(scope.getByRole("status")).toContainText(`此后只能查看和填报“${TOWNS[0]}”的数据`);

  const { context: staffContext, page: staff } = await pageAs(browser, "staff");
  await staff.goto(`/?month=${TOWN_MONTH}`);
  await expect(staff.getByTestId("unit-name")).toHaveText(TOWNS[0] ?? "");
  await expect(staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "全省排名" })).toHaveCount(0);
  expect((await staff.goto("/rankings"))?.status()).toBe(403);
  expect((await staff.goto("/league"))?.status()).toBe(403);
  const town = await staff.request.get(`/export/figures.csv`);
  expect(await town.text()).toContain("促成“保姆式”服务单数");
  const home = await staff.request.get(`/api/v1/figures?unit=1`);
  expect(home.status()).toBe(403);
  await staffContext.close();

  // the account sees the whole district again
  await scope.getByRole("combobox").selectOption({ label: "全区（可查看全部单位）" });
  await scope.getByRole("button", { name: "保存" }).click();
  await expect(scope.getByRole("status")).toContainText("此后可查看全区及各镇街的数据");
  await context.close();
});
