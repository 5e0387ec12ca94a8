import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATABASE_PATH = path.resolve("test-results", "e2e", "app.db");

/**
 * End-to-end tests drive Debian's Chromium against `next start` (a production build) on a fresh
 * temporary database seeded like a first start: catalog, 2023 baseline, 2024 demo months, no account.
 * The first-run test creates the accounts the others sign in as; the files then run in order, one at
 * a time, since later ones (clearing demo data) change what earlier ones see.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "first-run", testMatch: /00-first-run\.setup\.ts/ },
    { name: "app", testMatch: /\d\d-.*\.spec\.ts/, dependencies: ["first-run"] },
  ],
  webServer: {
    command: `node e2e/serve.mjs ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    env: { DATABASE_PATH, NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
  },
});
