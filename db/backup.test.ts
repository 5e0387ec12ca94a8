import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fileFingerprint } from "@/tests/support/database";
import { BackupError, inspectDatabaseFile, writeBackup } from "./backup";
import { DatabaseFileError, openDatabase, type Db } from "./client";
import { restoreDatabase } from "./restore";
import { appSettings } from "./schema";
import { seedDatabase } from "./seed";

const folders: string[] = [];
const handles: { close: () => unknown; open: boolean }[] = [];
function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-backup-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const handle of handles.splice(0)) if (handle.open) handle.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A seeded database file of the app (catalog and baseline), closed. */
function seededFile(dir = tempFolder()): string {
  const file = path.join(dir, "app.db");
  const db = openDatabase(file);
  seedDatabase(db, { demo: false });
  db.$client.close();
  return file;
}

function connect(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 5000");
  handles.push(sqlite);
  return sqlite;
}

type Row = Record<string, unknown>;
function rows(file: string, table: "observations" | "revisions"): Row[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare<[], Row>(`SELECT * FROM ${table} ORDER BY id`).all();
  } finally {
    sqlite.close();
  }
}
const idOf = (row: Row) => Number(row.id);

/**
 * Another process that keeps saving: each transaction adds one observation and its revision, with
 * the same value, so a copy that caught half a transaction would show an observation without its
 * revision (or the reverse).
 */
function startWriter(file: string, saves: number): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(path.resolve("node_modules/better-sqlite3"))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma("busy_timeout = 5000");
    const org = db.prepare("SELECT id FROM organizations LIMIT 1").get().id;
    const indicators = db.prepare("SELECT id FROM indicators ORDER BY id").all().map((row) => row.id);
    const observe = db.prepare("INSERT INTO observations (organization_id, indicator_id, period, value, entered_by) VALUES (?, ?, ?, ?, 'writer')");
    const revise = db.prepare("INSERT INTO revisions (organization_id, indicator_id, period, old_value, new_value, source, changed_by) VALUES (?, ?, ?, NULL, ?, 'form', NULL)");
    const save = db.transaction((i) => {
      const indicator = indicators[i % indicators.length];
      const month = Math.floor(i / indicators.length);
      const period = (2030 + Math.floor(month / 12)) + "-" + String((month % 12) + 1).padStart(2, "0");
      observe.run(org, indicator, period, i);
      revise.run(org, indicator, period, i);
    });
    for (let i = 0; i < ${saves}; i += 1) save(i);
    db.close();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer failed: ${stderr}`))));
  });
}

describe("backups", () => {
  it("include what is still only in the write-ahead log, which a copy of the file misses", () => {
    const dir = tempFolder();
    const file = seededFile(dir);
    const writer = connect(file);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.prepare("INSERT INTO app_settings (key, value) VALUES ('latest-save', 'in the log only')").run();

    fs.copyFileSync(file, path.join(dir, "copied.db"));
    const copied = new Database(path.join(dir, "copied.db"), { readonly: true });
    expect(copied.prepare("SELECT value FROM app_settings WHERE key = 'latest-save'").get()).toBeUndefined();
    copied.close();

    const backup = path.join(dir, "backup.db");
    writeBackup(connect(file), backup);
    const restored = new Database(backup, { readonly: true });
    expect(restored.prepare("SELECT value FROM app_settings WHERE key = 'latest-save'").get()).toEqual({ value: "in the log only" });
    restored.close();
  });

  it("taken while another process saves, each restores to a consistent set of observations and revisions, identical to the source up to that moment", async () => {
    const dir = tempFolder();
    const file = seededFile(dir);
    const baselineObservations = rows(file, "observations").length;
    const reader = connect(file);
    let writerDone = false;
    const writing = startWriter(file, 3000).finally(() => (writerDone = true));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const observed = () => reader.prepare<[], { count: number }>("SELECT count(*) AS count FROM observations").get()?.count ?? 0;
    // the writer is another process: back up from its first save until its last, however fast this machine is
    while (observed() === baselineObservations && !writerDone) await sleep(5);
    const backups: string[] = [];
    const backUp = () => {
      const backup = path.join(dir, `backup-${backups.length}.db`);
      writeBackup(reader, backup);
      backups.push(backup);
    };
    while (!writerDone && backups.length < 40) {
      backUp();
      await sleep(15);
    }
    await writing;
    backUp();

    const finalObservations = rows(file, "observations");
    const finalRevisions = rows(file, "revisions");
    expect(finalObservations.length).toBe(baselineObservations + 3000);
    const caughtMidway = backups.filter((backup) => {
      const count = rows(backup, "observations").length;
      return count > baselineObservations && count < finalObservations.length;
    });
    expect(caughtMidway.length).toBeGreaterThan(0);

    for (const backup of backups) {
      const live = path.join(dir, `restored-${path.basename(backup)}`);
      restoreDatabase({ from: backup, to: live, keepFolder: path.join(dir, "kept") });
      const observations = rows(live, "observations");
      const revisions = rows(live, "revisions");
      expect(observations).toEqual(rows(backup, "observations"));
      expect(revisions).toEqual(rows(backup, "revisions"));
      // a prefix of the source's history: nothing missing before the moment, nothing after it
      const lastObservation = Math.max(...observations.map(idOf));
      const lastRevision = Math.max(...revisions.map(idOf));
      expect(observations).toEqual(finalObservations.filter((row) => idOf(row) <= lastObservation));
      expect(revisions).toEqual(finalRevisions.filter((row) => idOf(row) <= lastRevision));
      // every save is whole: each writer observation has its revision, and no revision is alone
      const written = observations.filter((row) => row.entered_by === "writer").map((row) => `${row.indicator_id}/${row.period}/${row.value}`);
      const revised = revisions.filter((row) => row.source === "form").map((row) => `${row.indicator_id}/${row.period}/${row.new_value}`);
      expect(revised).toEqual(written);
    }
  }, 60_000);

  it("are checked before they are kept: a backup is never left half-written under its name", () => {
    const dir = tempFolder();
    const file = seededFile(dir);
    const backup = path.join(dir, "backup.db");
    const report = writeBackup(connect(file), backup);
    expect(report).toMatchObject({ file: backup, observations: rows(file, "observations").length, pendingMigrations: 0 });
    expect(fs.readdirSync(dir).filter((name) => name.includes(".tmp-"))).toEqual([]);
    expect(() => writeBackup(connect(file), backup)).toThrow(/目标文件已存在/);
  });

  it("can still be taken from a connection whose file was deleted: the way to rescue it", () => {
    const dir = tempFolder();
    const file = seededFile(dir);
    const db: Db = openDatabase(file);
    handles.push(db.$client);
    db.insert(appSettings).values({ key: "only-here", value: "rescued" }).run();
    fs.rmSync(file);
    expect(() => db.insert(appSettings).values({ key: "lost", value: "x" }).run()).toThrow(DatabaseFileError);
    const rescue = path.join(dir, "rescue.db");
    writeBackup(db.$client, rescue);
    const copy = new Database(rescue, { readonly: true });
    expect(copy.prepare("SELECT value FROM app_settings WHERE key = 'only-here'").get()).toEqual({ value: "rescued" });
    copy.close();
  });
});

describe("restoring a backup", () => {
  function setUp() {
    const dir = tempFolder();
    const live = seededFile(dir);
    const backup = path.join(dir, "backup.db");
    const sqlite = connect(live);
    sqlite.prepare("INSERT INTO app_settings (key, value) VALUES ('marker', 'from the backup')").run();
    writeBackup(sqlite, backup);
    sqlite.prepare("UPDATE app_settings SET value = 'changed after the backup' WHERE key = 'marker'").run();
    sqlite.close();
    return { dir, live, backup, kept: path.join(dir, "kept") };
  }
  const marker = (file: string) => {
    const sqlite = new Database(file, { readonly: true });
    try {
      return sqlite.prepare<[], { value: string }>("SELECT value FROM app_settings WHERE key = 'marker'").get()?.value;
    } finally {
      sqlite.close();
    }
  };

  it("replaces the live database and keeps the one it replaced", () => {
    const { live, backup, kept } = setUp();
    const report = restoreDatabase({ from: backup, to: live, keepFolder: kept });
    expect(marker(live)).toBe("from the backup");
    expect(report.previous).not.toBeNull();
    expect(marker(report.previous ?? "")).toBe("changed after the backup");
    expect(fs.readdirSync(path.dirname(live)).filter((name) => name.startsWith("app.db"))).toEqual(["app.db"]);
    expect(inspectDatabaseFile(live).pendingMigrations).toBe(0);
  });

  it("refuses a corrupt file and leaves the live database untouched", () => {
    const { dir, live, backup, kept } = setUp();
    const before = fileFingerprint(live);
    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, "SQLite format 3\0".padEnd(8192, "x"));
    expect(() => restoreDatabase({ from: garbage, to: live, keepFolder: kept })).toThrow(BackupError);

    const truncated = path.join(dir, "truncated.db");
    const bytes = fs.readFileSync(backup);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(() => restoreDatabase({ from: truncated, to: live, keepFolder: kept })).toThrow(/完整性检查|不是完好的/);
    expect(fileFingerprint(live)).toBe(before);
    expect(fs.existsSync(kept)).toBe(false);
  });

  it("refuses another program's SQLite database", () => {
    const { dir, live, kept } = setUp();
    const before = fileFingerprint(live);
    const foreign = path.join(dir, "foreign.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE observations (id INTEGER PRIMARY KEY, value REAL); INSERT INTO observations (value) VALUES (1);");
    other.close();
    expect(() => restoreDatabase({ from: foreign, to: live, keepFolder: kept })).toThrow(/不是本应用/);
    expect(fileFingerprint(live)).toBe(before);
  });

  it("refuses a backup from a newer version of the app (a migration this version does not know)", () => {
    const { live, backup, kept } = setUp();
    const sqlite = new Database(backup);
    sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 9999999999999)").run();
    sqlite.close();
    expect(() => restoreDatabase({ from: backup, to: live, keepFolder: kept })).toThrow(/不认识/);
  });

  it("refuses while the server has the live database open, unless forced; forced, the server then refuses to write", () => {
    const { live, backup, kept } = setUp();
    const server = openDatabase(live, { create: false });
    handles.push(server.$client);
    server.select().from(appSettings).all();
    const before = fileFingerprint(live);
    expect(() => restoreDatabase({ from: backup, to: live, keepFolder: kept })).toThrow(/正被其他程序打开[\s\S]*停止服务/);
    expect(fileFingerprint(live)).toBe(before);

    const report = restoreDatabase({ from: backup, to: live, keepFolder: kept, force: true });
    expect(report.replacedInUse).toBe(true);
    expect(marker(live)).toBe("from the backup");
    expect(() => server.insert(appSettings).values({ key: "late", value: "x" }).run()).toThrow(/已被替换/);
  });

  it("after the live file was deleted, refuses while the old server still holds its log, then restores once it has stopped", async () => {
    const { live, backup, kept } = setUp();
    const script = `
      const Database = require(${JSON.stringify(path.resolve("node_modules/better-sqlite3"))});
      const db = new Database(${JSON.stringify(live)});
      db.pragma("journal_mode = WAL");
      db.prepare("INSERT INTO app_settings (key, value) VALUES ('server', 'up')").run();
      process.stdout.write("ready\\n");
      setInterval(() => {}, 1000);
    `;
    const server = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => server.stdout.once("data", resolve));
    try {
      fs.rmSync(live);
      expect(() => restoreDatabase({ from: backup, to: live, keepFolder: kept })).toThrow(new RegExp(`进程 ${server.pid}`));
      expect(fs.existsSync(live)).toBe(false);
    } finally {
      server.kill("SIGKILL");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    restoreDatabase({ from: backup, to: live, keepFolder: kept });
    expect(marker(live)).toBe("from the backup");
    expect(fs.existsSync(`${live}-wal`)).toBe(false);
  });
});
