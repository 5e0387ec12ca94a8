// The README's first command ends in `npm start`: on a brand-new database it must serve the
// 2023 baseline to a signed-in user. Signs in the way a browser without JavaScript would.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-smoke-"));
const port = Number(process.env.SMOKE_PORT ?? 3199);
const base = `http://localhost:${port}`;
const env = { ...process.env, DATABASE_PATH: path.join(dir, "app.db"), PORT: String(port) };
const server = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (chunk) => (log += chunk));
server.stderr.on("data", (chunk) => (log += chunk));

function stop(code, message) {
  if (message) console.log(message);
  if (code !== 0) console.log(log);
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}

/** fetch, retried: a pooled keep-alive connection the server has meanwhile closed fails once. */
async function get(url, init) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) throw new Error(`${url}: ${error.cause?.message ?? error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function waitForHealth() {
  for (let i = 0; i < 90; i += 1) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return response.json();
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  stop(1, "the server did not become healthy");
}

try {
  console.log("health:", JSON.stringify(await waitForHealth()));
  const first = await get(`${base}/`, { redirect: "follow" });
  if (!first.url.endsWith("/setup")) stop(1, `a fresh install should ask for its first administrator, got ${first.url}`);

  execFileSync("npm", ["run", "--silent", "user:add", "--", "smoke", "viewer"], { env: { ...env, PASSWORD: "smoke-pass-1" }, stdio: "inherit" });

  const login = await (await get(`${base}/login`)).text();
  const form = new FormData();
  for (const [, name, value] of login.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    form.set(name, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.set("username", "smoke");
  form.set("password", "smoke-pass-1");
  const signedIn = await get(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { Origin: base } });
  const cookie = (signedIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie.includes("session_token")) stop(1, `signing in gave no session cookie (status ${signedIn.status})`);

  const page = await (await get(`${base}/?month=2023-12`, { headers: { cookie } })).text();
  for (const text of ["14312人", "8855单", "全省第1名"]) {
    if (!page.includes(text)) stop(1, `the dashboard does not show ${text}`);
  }
  stop(0, "npm start serves the 2023 baseline on a fresh database, behind sign-in");
} catch (error) {
  stop(1, String(error));
}
