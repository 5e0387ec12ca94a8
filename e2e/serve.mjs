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
// the server as npm start runs it after seeding (the built front door, with its node flags)
// (in this process's group: Playwright ends the suite by killing the group; npm passes other signals on)
const server = spawn("npm", ["run", "--silent", "serve"], { stdio: "inherit", env: { ...process.env, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
