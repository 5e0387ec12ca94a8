import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { fileFingerprint } from "@/tests/support/database";
import { openDatabase } from "./client";

/**
 * A database that cannot be used at start is reported in one clear line (Chinese, then English),
 * never a stack trace: run the real scripts, as `npm start` does, and read what they print.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-start-"));
fs.chmodSync(dir, 0o755);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const asRoot = process.getuid?.() === 0;
const tsx = path.resolve("node_modules/.bin/tsx");
const NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];

/**
 * Root ignores file permissions, so a read-only file is only read-only to an ordinary user — who may
 * not reach the project at all (a fresh clone in a private temporary folder). Root then stages a
 * read-only file system instead: the folder bind-mounted read-only over itself.
 */
const ordinaryUserCanRun = !asRoot || spawnSync("setpriv", [...NOBODY, "test", "-x", tsx]).status === 0;

function makeReadOnly(folder: string, file: string): () => void {
  if (ordinaryUserCanRun) {
    fs.chmodSync(file, 0o444);
    fs.chmodSync(folder, 0o555);
    return () => fs.chmodSync(folder, 0o755);
  }
  const mount = (...args: string[]) => expect(spawnSync("mount", args).status).toBe(0);
  mount("--bind", folder, folder);
  mount("-o", "remount,bind,ro", folder);
  return () => void spawnSync("umount", [folder]);
}

/** Run a db script (as an ordinary user when asked), returning its exit code and output. */
function runScript(script: string, databasePath: string, options: { ordinaryUser?: boolean } = {}): { status: number | null; stderr: string; stdout: string } {
  const dropPrivileges = asRoot && options.ordinaryUser === true;
  const command = dropPrivileges ? "setpriv" : tsx;
  const args = [...(dropPrivileges ? [...NOBODY, tsx] : []), "--conditions=react-server", script];
  const result = spawnSync(command, args, {
    env: { ...process.env, DATABASE_PATH: databasePath, HOME: os.tmpdir() },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

function expectOneLine(output: string, ...phrases: RegExp[]): void {
  expect(output.split("\n")).toHaveLength(1);
  expect(output).not.toMatch(/\n\s+at |Error:/);
  for (const phrase of phrases) expect(output).toMatch(phrase);
}

describe("a database that cannot be used at start", () => {
  it("read-only: one line saying so", () => {
    const folder = path.join(dir, "readonly");
    fs.mkdirSync(folder);
    const file = path.join(folder, "app.db");
    openDatabase(file).$client.close();
    const restore = makeReadOnly(folder, file);
    try {
      const { status, stderr } = runScript("db/migrate-cli.ts", file, { ordinaryUser: ordinaryUserCanRun });
      expect(status).toBe(1);
      expectOneLine(stderr, /只读/, /read-only/);
    } finally {
      restore();
    }
  });

  it("another program's database: one line, and the file is left alone", () => {
    const file = path.join(dir, "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE notes (body TEXT)");
    other.close();
    fs.chmodSync(file, 0o666);
    const before = fileFingerprint(file);
    const { status, stderr } = runScript("db/seed-cli.ts", file);
    expect(status).toBe(1);
    expectOneLine(stderr, /不是本应用的数据库/, /Not this app's database/);
    expect(fileFingerprint(file)).toBe(before);
  });

  it("missing, for a script that must not create it: one line pointing to restore", () => {
    const file = path.join(dir, "missing", "app.db");
    const { status, stderr } = runScript("db/clear-demo-cli.ts", file);
    expect(status).toBe(1);
    expectOneLine(stderr, /数据库文件不存在/, /db:restore/, /not found/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
