import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, request as apiRequest, test, type Download } from "@playwright/test";
import { ACCOUNTS, pageAs, storageStateOf } from "./accounts";

test.use({ storageState: storageStateOf("staff") });

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const bytes = fs.readFileSync(await download.path());
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(copy);
  return workbook;
}

function rowOf(sheet: ExcelJS.Worksheet, key: string): ExcelJS.Row {
  const index = sheet.getColumn(1).values.indexOf(key);
  if (index < 1) throw new Error(`no row for ${key}`);
  return sheet.getRow(index);
}

test("the 2026 template, filled for two months, goes in through preview and 确认导入 and shows everywhere", async ({ page }) => {
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入数据");
  const [templateDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Excel 模板" }).click()]);
  expect(templateDownload.suggestedFilename()).toBe("2026年指标数据导入模板.xlsx");
  const workbook = await workbookOf(templateDownload);
  const sheet = workbook.getWorksheet("2026年");
  if (!sheet) throw new Error("no 2026 sheet");
  expect(sheet.getRow(2).getCell(13).value).toBe("2026年9月");

  // September and October 2026 (columns M and N); every other month of 2026 stays empty
  const fill = (key: string, september: number, october: number) => {
    const row = rowOf(sheet, key);
    row.getCell(13).value = september;
    row.getCell(14).value = october;
  };
  fill("nanny_new", 36, 41);
  fill("users_new", 120, 130);
  fill("users_new_individual", 117, 126);
  fill("users_new_org", 3, 4);
  fill("popsci_volume_rank", 11, 10);
  fill("popsci_volume_rank__of", 183, 183);
  const filled = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.locator('input[name="file"]').setInputFiles({ name: "2026年9-10月.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("预览：新增 10 项、修改 0 项");
  await expect(page.getByTestId("import-counts")).toContainText("新增 10");
  const october = page.locator('[data-testid="import-row"]', { hasText: "促成“保姆式”服务单数" }).filter({ hasText: "41单" });
  await expect(october).toHaveAttribute("data-status", "new");

  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#import-message")).toContainText("已导入“2026年9-10月.xlsx”：新增 10 项、更新 0 项");

  await page.goto("/?month=2026-10");
  await expect(page.locator('[data-indicator="nanny_new"] [data-value]')).toHaveText("41单");
  await expect(page.locator('[data-indicator="popsci_volume"]')).toContainText("全省第10名（共183）");

  await page.goto("/indicators/nanny_new");
  const revision = page.getByTestId("revisions").locator("tr", { hasText: "2026年10月" });
  await expect(revision).toContainText("（空） → 41单");
  await expect(revision).toContainText("导入");
  await expect(revision).toContainText(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);

  // the same file again changes nothing and cannot be confirmed
  await page.goto("/import");
  await page.locator('input[name="file"]').setInputFiles({ name: "2026年9-10月.xlsx", mimeType: "application/octet-stream", buffer: filled });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("与系统中完全一致，没有需要导入的改动");
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
});

test("pasted cells with a bad number are refused with the cell's address, and the paste is kept", async ({ page }) => {
  await page.goto("/import");
  const paste = "指标\t2026年10月\t2026年11月\n新增发布科技所需\t12.5\t80\n";
  await page.getByLabel(/或粘贴单元格/).fill(paste);
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("B2：应为整数（单位：条）");
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
  await expect(page.getByLabel(/或粘贴单元格/)).toHaveValue(paste);

  await page.locator('input[name="file"]').setInputFiles({ name: "季度报告.xlsx", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7 not a sheet") });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("这不是表格文件（这是 PDF 文件）");
});

test("everything comes out again: the export workbook reads back, and the JSON API answers sessions and tokens", async ({ page, browser, baseURL }) => {
  await page.goto("/export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Excel（数据与修订记录）" }).click()]);
  const workbook = await workbookOf(download);
  const data = workbook.getWorksheet("数据");
  if (!data) throw new Error("no data sheet");
  const rows = data.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row] : []));
  const october = rows.find((row) => row[1] === "nanny_new" && row[5] === "2026-10");
  expect(october?.[7]).toBe(41);
  expect(october?.[11]).toBe("否");
  expect(october?.[12]).toBe(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);
  expect(rows.find((row) => row[1] === "users_new" && row[5] === "2023")?.[7]).toBe(3918);
  const revisions = workbook.getWorksheet("修订记录")?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row] : [])) ?? [];
  expect(revisions.some((row) => row[1] === "nanny_new" && row[4] === "2026-10" && row[10] === "导入")).toBe(true);

  const answer = await page.request.get("/api/v1/figures?from=2026-09&to=2026-10&indicator=nanny_new");
  expect(answer.status()).toBe(200);
  const body = await answer.json();
  expect(body.figures.map((figure: { period: string; value: number }) => [figure.period, figure.value])).toEqual([["2026-09", 36], ["2026-10", 41]]);
  const bad = await page.request.get("/api/v1/figures?from=2026-13");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("from 应为 YYYY-MM");

  // an administrator issues a token; another system reads with it, and not after it is revoked
  const { context, page: admin } = await pageAs(browser, "admin");
  await admin.goto("/admin/tokens");
  await admin.getByLabel("用途").fill("市科协数据平台");
  await admin.getByRole("button", { name: "签发只读令牌" }).click();
  const token = (await admin.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^kepu_/);
  const outsider = await apiRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await outsider.get("/api/v1/figures?from=2026-10&to=2026-10")).status()).toBe(401);
  const withToken = await outsider.get("/api/v1/figures?from=2026-10&to=2026-10", { headers: { Authorization: `Bearer ${token}` } });
  expect(withToken.status()).toBe(200);
  expect((await withToken.json()).count).toBeGreaterThan(0);
  expect((await outsider.post("/api/v1/figures", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(405);
  await admin.reload();
  await expect(admin.getByTestId("tokens")).toContainText("最近使用：2026");
  await admin.getByRole("button", { name: "撤销令牌“市科协数据平台”" }).click();
  await expect(admin.getByTestId("tokens")).toContainText("撤销");
  await expect.poll(async () => (await outsider.get("/api/v1/figures", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await outsider.dispose();
  await context.close();
});
