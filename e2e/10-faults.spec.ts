import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { formatMonth, past } from "./months";

/**
 * Faults on a server of its own (the shared one must keep its database): a full disk (a small
 * tmpfs, where the machine allows mounting one) and a database file deleted under the running
 * server. In both the page stays, the typed values stay, the user reads why in Chinese, health
 * answers 503, and nothing is written.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100) + 10;
const BASE = `http://localhost:${PORT}`;
const STAFF = { username: "faults-staff", password: "faults-pass-1" };
const ADMIN = { username: "faults-admin", password: "faults-pass-2" };
const TYPED = { nanny_new: "37", users_new: "1,250", popsci_coverage_rate: "5.2" };

test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

let dir = "";
let mounted = false;
let server: ChildProcess | null = null;
let serverLog = "";
const databasePath = () => path.join(dir, "app.db");

function run(script: string, args: string[], extraEnv: Record<string, string> = {}): void {
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath(), ...extraEnv },
    stdio: "pipe",
  });
}

async function startServer(): Promise<ChildProcess> {
  serverLog = "";
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    env: { ...process.env, DATABASE_PATH: databasePath(), NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (serverLog += chunk));
  child.stderr?.on("data", (chunk) => (serverLog += chunk));
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) return child;
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not start:\n${serverLog}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${BASE}/api/health`);
  return { status: response.status, body: await response.json() };
}

async function signIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Open a month's form and type into it, watching for any 5xx answer while it is used. */
async function typeMonth(page: Page, month: string): Promise<number[]> {
  const serverErrors: number[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(response.status());
  });
  await page.goto(`/entry/${month}`);
  for (const [name, value] of Object.entries(TYPED)) await page.fill(`input[name="${name}"]`, value);
  return serverErrors;
}

async function expectTypedValuesKept(page: Page): Promise<void> {
  for (const [name, value] of Object.entries(TYPED)) await expect(page.locator(`input[name="${name}"]`)).toHaveValue(value);
  await expect(page.getByText("页面暂时无法显示")).toHaveCount(0);
}

const saveButton = (page: Page) => page.locator('form button[type="submit"]').filter({ hasText: "保存" }).first();

function withFile(file: string, change: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(file);
  try {
    change(sqlite);
  } finally {
    sqlite.close();
  }
}

function monthRows(file: string, month: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare<[string], { n: number }>("SELECT count(*) AS n FROM observations WHERE period = ?").get(month)?.n ?? 0;
  } finally {
    sqlite.close();
  }
}

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-e2e-faults-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", dir], { stdio: "pipe" });
    mounted = true;
  } catch {
    mounted = false;
  }
  run("db/seed-cli.ts", ["--no-demo"]);
  run("db/user-add-cli.ts", [STAFF.username, "staff"], { PASSWORD: STAFF.password });
  run("db/user-add-cli.ts", [ADMIN.username, "admin"], { PASSWORD: ADMIN.password });
  server = await startServer();
});

test.afterAll(async () => {
  await stopServer();
  if (mounted) execFileSync("umount", [dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a full disk: the save is refused in Chinese with the typed values kept, health answers 503, and saving works once there is room", async ({ page }) => {
  // the full disk is a small tmpfs, which only root can mount: CI runs as root, and a run that cannot mount it fails rather than passing unseen
  expect(mounted, "mounting a small tmpfs needs root (run the e2e tests as root, as CI does)").toBe(true);
  await signIn(page, STAFF);
  const serverErrors = await typeMonth(page, past(3));
  expect(await health()).toEqual({ status: 200, body: { status: "ok" } });

  const filler = path.join(dir, "filler");
  const block = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(filler, "w");
  try {
    for (;;) fs.writeSync(fd, block);
  } catch {
    // the disk is full
  } finally {
    fs.closeSync(fd);
  }
  for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
    try {
      for (;;) fs.appendFileSync(filler, Buffer.alloc(size, 1));
    } catch {
      // not even `size` bytes are left
    }
  }

  await saveButton(page).click();
  await expect(page.getByText(/保存失败，未做任何修改：服务器磁盘空间已满/)).toBeVisible();
  await expectTypedValuesKept(page);
  expect(await health()).toEqual({ status: 503, body: { status: "failing" } });
  expect(serverLog).toContain("database not writable");

  fs.rmSync(filler);
  expect(await health()).toEqual({ status: 200, body: { status: "ok" } });
  expect(monthRows(databasePath(), past(3))).toBe(0);
  await saveButton(page).click();
  await expect(page.getByText(`已保存${formatMonth(past(3))}`, { exact: false })).toBeVisible();
  expect(serverErrors).toEqual([]);
});

test("a deleted database file: saves are refused instead of vanishing, health answers 503, setup stays shut, the data can be rescued, and a restart refuses to run on nothing", async ({ page, browser }) => {
  await signIn(page, STAFF);
  const admin = await browser.newContext({ baseURL: BASE });
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN);
  const serverErrors = await typeMonth(page, past(4));
  // as on a database no page had read the due dates of yet, and a session last renewed two hours ago:
  // rendering must need no write (issue 29: a write during render answered 500 here)
  withFile(databasePath(), (sqlite) => {
    sqlite.prepare("DELETE FROM app_settings WHERE key = 'due_settings'").run();
    sqlite.prepare("UPDATE sessions SET expires_at = ?, updated_at = ?").run(Date.now() + (3 * 24 - 2) * 3_600_000, Date.now() - 2 * 3_600_000);
  });
  fs.rmSync(databasePath());

  await saveButton(page).click();
  await expect(page.getByText(/保存失败，未做任何修改：数据库文件 .* 已被删除或移走/)).toBeVisible();
  await expectTypedValuesKept(page);
  expect(serverErrors).toEqual([]);
  expect(await health()).toEqual({ status: 503, body: { status: "failing" } });

  // every page still renders what the server holds
  for (const [who, path] of [[page, "/"], [page, "/entry"], [page, `/entry/${past(5)}`], [adminPage, "/admin/outbox"]] as const) {
    const response = await who.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(who.getByText("页面暂时无法显示")).toHaveCount(0);
  }

  const visitor = await browser.newContext({ baseURL: BASE });
  const setup = await visitor.newPage();
  await setup.goto("/setup");
  await expect(setup.getByRole("heading", { name: "系统已完成初始化" })).toBeVisible();
  await expect(setup.getByLabel("管理员用户名")).toHaveCount(0);
  await visitor.close();

  // an administrator (signed in before) can still download what the server holds; the refused month is not in it
  await adminPage.goto("/admin/backups");
  await expect(adminPage.getByTestId("database-status")).toContainText("已被删除或移走");
  const download = adminPage.waitForEvent("download");
  await adminPage.getByRole("link", { name: "下载当前数据库备份" }).click();
  const rescued = path.join(os.tmpdir(), `kepu-rescued-${process.pid}.db`);
  await (await download).saveAs(rescued);
  await admin.close();
  try {
    const sqlite = new Database(rescued, { readonly: true });
    expect(sqlite.prepare("SELECT username FROM users ORDER BY username").all()).toEqual([{ username: ADMIN.username }, { username: STAFF.username }]);
    sqlite.close();
    expect(monthRows(rescued, past(4))).toBe(0);
  } finally {
    fs.rmSync(rescued, { force: true });
  }

  // restarted, the server does not create an empty database (and with it an open /setup): it stops, saying why
  await stopServer();
  const restarted = await startServer();
  await new Promise((resolve) => (restarted.exitCode !== null ? resolve(null) : restarted.once("exit", resolve)));
  expect(restarted.exitCode).toBe(1);
  expect(serverLog).toContain("数据库文件不存在");
  expect(serverLog).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(databasePath())).toBe(false);
});
