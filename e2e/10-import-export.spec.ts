import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, request as apiRequest, test, type Download } from "@playwright/test";
import { ACCOUNTS, pageAs, storageStateOf } from "./accounts";
import { CURRENT, CURRENT_YEAR, formatMonth, IMPORTED_FIRST, IMPORTED_SECOND, monthParts } from "./months";

/** Two months of one year that have ended and that no other spec writes, as the template's year and columns. */
const YEAR = monthParts(IMPORTED_SECOND).year;
const FIRST = monthParts(IMPORTED_FIRST).month;
/** The template's columns: key, name, unit, kind, then January to December. */
const columnOf = (month: number) => 4 + month;
const FILE_NAME = `${YEAR}年${FIRST}-${FIRST + 1}月.xlsx`;

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

test("a year's template, filled for two months, goes in through preview and 确认导入 and shows everywhere", async ({ page }) => {
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入数据");
  await expect(page.getByLabel("年份")).toHaveValue(String(CURRENT_YEAR));
  await page.getByLabel("年份").selectOption(String(YEAR));
  const [templateDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Excel 模板" }).click()]);
  expect(templateDownload.suggestedFilename()).toBe(`${YEAR}年指标数据导入模板.xlsx`);
  const workbook = await workbookOf(templateDownload);
  const sheet = workbook.getWorksheet(`${YEAR}年`);
  if (!sheet) throw new Error(`no ${YEAR} sheet`);
  expect(sheet.getRow(2).getCell(columnOf(FIRST)).value).toBe(formatMonth(IMPORTED_FIRST));

  // the two months, side by side; every other month of the year stays empty
  const fill = (key: string, first: number, second: number) => {
    const row = rowOf(sheet, key);
    row.getCell(columnOf(FIRST)).value = first;
    row.getCell(columnOf(FIRST + 1)).value = second;
  };
  fill("nanny_new", 36, 41);
  fill("users_new", 120, 130);
  fill("users_new_individual", 117, 126);
  fill("users_new_org", 3, 4);
  fill("popsci_volume_rank", 11, 10);
  fill("popsci_volume_rank__of", 183, 183);
  const filled = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.locator('input[name="file"]').setInputFiles({ name: FILE_NAME, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("预览：新增 10 项、修改 0 项");
  await expect(page.getByTestId("import-counts")).toContainText("新增 10");
  const october = page.locator('[data-testid="import-row"]', { hasText: "促成“保姆式”服务单数" }).filter({ hasText: "41单" });
  await expect(october).toHaveAttribute("data-status", "new");

  // the month's dashboard, seen (and so kept in the page cache) before the import is confirmed
  const dashboard = await page.context().newPage();
  const cached = async () => (await dashboard.goto(`/?month=${IMPORTED_SECOND}`))?.headers()["x-page-cache"];
  let state = await cached();
  for (let attempt = 0; attempt < 5 && state !== "hit"; attempt += 1) state = await cached();
  expect(state).toBe("hit");
  await expect(dashboard.locator('[data-indicator="nanny_new"]')).not.toContainText("41单");
  await dashboard.close();

  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.locator("#import-message")).toContainText(`已导入“${FILE_NAME}”：新增 10 项、更新 0 项`);

  await page.goto(`/?month=${IMPORTED_SECOND}`);
  await expect(page.locator('[data-indicator="nanny_new"] [data-value]')).toHaveText("41单");
  await expect(page.locator('[data-indicator="popsci_volume"]')).toContainText("全省第10名（共183）");

  await page.goto("/indicators/nanny_new");
  const revision = page.getByTestId("revisions").locator("tr", { hasText: formatMonth(IMPORTED_SECOND) });
  await expect(revision).toContainText("（空） → 41单");
  await expect(revision).toContainText("导入");
  await expect(revision).toContainText(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);

  // the same file again changes nothing and cannot be confirmed
  await page.goto("/import");
  await page.locator('input[name="file"]').setInputFiles({ name: FILE_NAME, mimeType: "application/octet-stream", buffer: filled });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText("与系统中完全一致，没有需要导入的改动");
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
});

test("pasted cells with a bad number are refused with the cell's address, and the paste is kept", async ({ page }) => {
  await page.goto("/import");
  const paste = `指标\t${formatMonth(IMPORTED_SECOND)}\t${formatMonth(CURRENT)}\n新增发布科技所需\t12.5\t80\n`;
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
  const october = rows.find((row) => row[1] === "nanny_new" && row[5] === IMPORTED_SECOND);
  expect(october?.[7]).toBe(41);
  expect(october?.[11]).toBe("否");
  expect(october?.[12]).toBe(`${ACCOUNTS.staff.name}（${ACCOUNTS.staff.username}）`);
  expect(rows.find((row) => row[1] === "users_new" && row[5] === "2023")?.[7]).toBe(3918);
  const revisions = workbook.getWorksheet("修订记录")?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row] : [])) ?? [];
  expect(revisions.some((row) => row[1] === "nanny_new" && row[4] === IMPORTED_SECOND && row[10] === "导入")).toBe(true);

  const answer = await page.request.get(`/api/v1/figures?from=${IMPORTED_FIRST}&to=${IMPORTED_SECOND}&indicator=nanny_new`);
  expect(answer.status()).toBe(200);
  const body = await answer.json();
  expect(body.figures.map((figure: { period: string; value: number }) => [figure.period, figure.value])).toEqual([[IMPORTED_FIRST, 36], [IMPORTED_SECOND, 41]]);
  const bad = await page.request.get(`/api/v1/figures?from=${CURRENT_YEAR}-13`);
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
  expect((await outsider.get(`/api/v1/figures?from=${IMPORTED_SECOND}&to=${IMPORTED_SECOND}`)).status()).toBe(401);
  const withToken = await outsider.get(`/api/v1/figures?from=${IMPORTED_SECOND}&to=${IMPORTED_SECOND}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(withToken.status()).toBe(200);
  expect((await withToken.json()).count).toBeGreaterThan(0);
  expect((await outsider.post("/api/v1/figures", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(405);
  await admin.reload();
  await expect(admin.getByTestId("tokens")).toContainText(`最近使用：${CURRENT_YEAR}`);
  await admin.getByRole("button", { name: "撤销令牌“市科协数据平台”" }).click();
  await expect(admin.getByTestId("tokens")).toContainText("撤销");
  await expect.poll(async () => (await outsider.get("/api/v1/figures", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await outsider.dispose();
  await context.close();
});

/** 100 000 rows × 10 numbers as exceljs streams them: 1 000 000 cells in about 3 MB. */
async function millionCellWorkbook(): Promise<Buffer> {
  const file = path.resolve("test-results", "e2e", "million-cells.xlsx");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("数据");
  for (let row = 0; row < 100_000; row += 1) sheet.addRow(Array.from({ length: 10 }, (_, col) => (row * 10 + col) % 1000)).commit();
  sheet.commit();
  await workbook.commit();
  return fs.readFileSync(file);
}

test("the audit's heaviest imports are refused in Chinese while the server keeps answering", async ({ page }) => {
  test.setTimeout(300_000);
  const justUnder = 5 * 1024 * 1024 - 1;
  const million = await millionCellWorkbook();
  const csv = "text/csv";
  const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const uploads = [
    { path: "/import", message: "#import-message", name: "空行.csv", mimeType: csv, buffer: Buffer.from(`${"\n".repeat(justUnder - 1)}1`) },
    { path: "/import", message: "#import-message", name: "逗号.csv", mimeType: csv, buffer: Buffer.from(`${",".repeat(justUnder - 1)}1`) },
    { path: "/import", message: "#import-message", name: "一百万格.xlsx", mimeType: xlsx, buffer: million },
    { path: "/import/bulletin", message: "#bulletin-message", name: "通报-空行.csv", mimeType: csv, buffer: Buffer.from(`${"\n".repeat(justUnder - 1)}1`) },
    { path: "/import/bulletin", message: "#bulletin-message", name: "通报-一百万格.xlsx", mimeType: xlsx, buffer: million },
  ];
  for (const upload of uploads) {
    await page.goto(upload.path);
    await page.locator('input[name="file"]').setInputFiles({ name: upload.name, mimeType: upload.mimeType, buffer: upload.buffer });
    await page.getByRole("button", { name: "预览" }).click();
    await expect(page.locator(upload.message), upload.name).toContainText("上限", { timeout: 60_000 });
    await expect(page.locator(upload.message)).toContainText("本次未写入任何数据");
    expect((await page.request.get("/api/health")).status(), `health after ${upload.name}`).toBe(200);
  }

  // pasted: 2.5 million line breaks (a browser sends each as CR LF: 5 MB), then 5 MB of commas
  for (const paste of [`${"\n".repeat(2_500_000)}1`, ",".repeat(justUnder)]) {
    await page.goto("/import");
    await page.getByLabel(/或粘贴单元格/).evaluate((textarea, value) => {
      // hidden, so the browser does not lay out millions of lines; a hidden field is still sent
      if (!(textarea instanceof HTMLTextAreaElement)) return;
      textarea.style.display = "none";
      textarea.value = value;
    }, paste);
    await page.getByRole("button", { name: "预览" }).click();
    await expect(page.locator("#import-message")).toContainText("上限", { timeout: 60_000 });
    expect((await page.request.get("/api/health")).status()).toBe(200);
  }

  // and the server still reads an ordinary paste
  await page.goto("/import");
  await page.getByLabel(/或粘贴单元格/).fill(`指标\t${formatMonth(IMPORTED_SECOND)}\n新增发布科技所需\t12\n`);
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.locator("#import-message")).toContainText(/预览：|完全一致/);
});
