import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { insertUsers, tempDatabase } from "@/tests/support/database";
import { openDataVersion, type DataVersion } from "./data-version";
import { saveFigures } from "./save-figures";
import { seedDatabase } from "./seed";
import { getHomeOrganization } from "./organizations";

describe("the data version the page cache is keyed by", () => {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });

  function setUp(): { file: string; db: ReturnType<typeof tempDatabase>["db"]; version: DataVersion } {
    const temporary = tempDatabase();
    seedDatabase(temporary.db, { demo: false });
    const version = openDataVersion(temporary.file);
    cleanups.push(() => version.close(), temporary.cleanup);
    return { file: temporary.file, db: temporary.db, version };
  }

  it("stays while nothing is written and changes with every commit of the app's connection", () => {
    const { db, version } = setUp();
    const first = version.read();
    expect(first).not.toBeNull();
    db.$client.prepare("SELECT COUNT(*) FROM observations").get();
    expect(version.read()).toBe(first);
    saveFigures(db, {
      organizationId: getHomeOrganization(db).id,
      period: "2026-10",
      figures: new Map([["nanny_new", { value: 31 }]]),
      source: "form",
      changedBy: null,
    });
    const second = version.read();
    expect(second).not.toBe(first);
    insertUsers(db, [{ id: "u1", name: "李主任", username: "leader", role: "viewer" }]);
    const third = version.read();
    expect(third).not.toBe(second);
    // a name shown in every page's header
    db.$client.prepare("UPDATE users SET name = '李副主任' WHERE id = 'u1'").run();
    expect(version.read()).not.toBe(third);
  });

  it("changes with a commit made by another process", () => {
    const { file, version } = setUp();
    const before = version.read();
    const script = `const Database = require("better-sqlite3"); const db = new Database(${JSON.stringify(file)}); db.prepare("INSERT INTO app_settings (key, value) VALUES ('written_by_a_script', 'yes')").run(); db.close();`;
    execFileSync(process.execPath, ["-e", script], { cwd: process.cwd() });
    expect(version.read()).not.toBe(before);
  });

  it("is null once the file is replaced or removed (a restore while running)", () => {
    const { file, version } = setUp();
    expect(version.read()).not.toBeNull();
    fs.copyFileSync(file, `${file}.copy`);
    fs.renameSync(`${file}.copy`, file);
    expect(version.read()).toBeNull();
    fs.rmSync(file);
    expect(version.read()).toBeNull();
  });
});
