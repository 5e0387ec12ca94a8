import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";

const MIGRATIONS = path.resolve("db", "migrations");
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations up to and including `tag`, as a database made before the next one saw them. */
function migrationsUpTo(tag: string): string {
  const folder = path.join(dir, "migrations");
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((entry) => entry.tag === tag);
  const entries = journal.entries.slice(0, upTo + 1);
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

describe("the standing-targets migration", () => {
  it("makes the seeded province target stand from its year on, and keeps every target a person set for its one year", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-migrate-"));
    const sqlite = new Database(path.join(dir, "old.db"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo("0003_comment_revisions") });
    sqlite.exec(`
      INSERT INTO organizations (code, name, short_name) VALUES ('x', '西区科协', '西区');
      INSERT INTO indicators (key, name, unit, category, kind, direction, sort_order) VALUES ('nanny_new', '促成', '单', '保姆式服务', 'flow', 'up', 1);
      INSERT INTO targets (organization_id, indicator_id, year, rule, comparator, value, source, is_demo, created_by)
        VALUES (1, 1, 2024, 'monthly_avg', 'at_least', 34, '省科协要求', 0, NULL),
               (1, 1, 2025, 'monthly_min', 'at_least', 30, '区里要求', 0, 'u1'),
               (1, 1, 2024, 'annual_total', 'at_least', 400, '示例目标（演示用）', 1, NULL);
    `);
    migrate(db, { migrationsFolder: MIGRATIONS });
    const rows = sqlite.prepare("SELECT source, from_year, until_year FROM targets ORDER BY id").all();
    expect(rows).toEqual([
      { source: "省科协要求", from_year: 2024, until_year: null },
      { source: "区里要求", from_year: 2025, until_year: 2025 },
      { source: "示例目标（演示用）", from_year: 2024, until_year: 2024 },
    ]);
    const indicator = sqlite.prepare("SELECT active, in_force_from, retired_from FROM indicators").get();
    expect(indicator).toEqual({ active: 1, in_force_from: null, retired_from: null });
    sqlite.close();
  });
});

describe("the units migration", () => {
  it("makes the organization the app served (the first one) the explicit home unit, and any other a peer", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-migrate-"));
    const sqlite = new Database(path.join(dir, "old.db"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo("0008_append_only_audit_triggers") });
    sqlite.exec(`
      INSERT INTO organizations (code, name, short_name) VALUES ('panzhihua-xiqu', '攀枝花市西区科学技术协会', '西区'), ('bench-2', '示例区县2科学技术协会', '区县2');
      INSERT INTO indicators (key, name, unit, category, kind, direction, sort_order) VALUES ('nanny_new', '促成', '单', '保姆式服务', 'flow', 'up', 1);
    `);
    migrate(db, { migrationsFolder: MIGRATIONS });
    expect(sqlite.prepare("SELECT code, kind, parent_id, retired_from FROM organizations ORDER BY id").all()).toEqual([
      { code: "panzhihua-xiqu", kind: "home", parent_id: null, retired_from: null },
      { code: "bench-2", kind: "peer", parent_id: null, retired_from: null },
    ]);
    expect(sqlite.prepare("SELECT for_sub_units FROM indicators").get()).toEqual({ for_sub_units: 0 });
    expect(() => sqlite.exec("UPDATE organizations SET kind = 'home' WHERE code = 'bench-2'")).toThrow(/UNIQUE/);
    sqlite.close();
  });
});
