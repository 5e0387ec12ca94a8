// Start the production server for the end-to-end tests on a brand-new database.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.argv[2] ?? "3100";
const database = process.env.DATABASE_PATH;
if (!database) throw new Error("DATABASE_PATH must be set");
fs.rmSync(path.dirname(database), { recursive: true, force: true });
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` before `npm run test:e2e`.");
  process.exit(1);
}
execFileSync("npx", ["tsx", "--conditions=react-server", "db/seed-cli.ts"], { stdio: "inherit" });
// the node flags npm start gives the server (the heap cap), so the suite runs it as production does
const start = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.start ?? "";
const nodeFlags = (/tsx((?:\s+--\S+)*)\s+server\.ts/.exec(start)?.[1] ?? "").split(/\s+/).filter(Boolean);
const server = spawn("npx", ["tsx", ...nodeFlags, "server.ts"], { stdio: "inherit", env: { ...process.env, PORT: port, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
