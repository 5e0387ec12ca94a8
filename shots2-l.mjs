import { chromium } from "playwright-core";
const base = "http://localhost:3440";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
const page = await ctx.newPage();
await page.goto(base + "/login");
await page.getByLabel("用户名").fill(process.argv[2] ?? "zhangsan");
await page.getByLabel("密码").fill(process.argv[3] ?? "staff-pass-1");
await page.getByRole("button", { name: "登录" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
for (const spec of process.argv.slice(4)) {
  const [name, path, width, height] = spec.split(",");
  await page.setViewportSize({ width: Number(width), height: Number(height) });
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/l-try/v-${name}.png` });
}
await browser.close();
