import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dumpTables, fileFingerprint } from "@/tests/support/database";
import { APPLICATION_ID, CREATED_EMPTY_KEY, DatabaseFileError, DatabaseOpenError, getDb, openDatabase, type Db } from "./client";
import { writeBackup } from "./backup";
import { checkWritable } from "./health";
import { appSettings } from "./schema";
import { seedDatabase } from "./seed";
import { setupStatus } from "./setup";
import { insertUsers } from "@/tests/support/database";

const folders: string[] = [];
const open: Db[] = [];
function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-client-"));
  folders.push(dir);
  return dir;
}
function track(db: Db): Db {
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  globalThis.kepuDatabase = undefined;
});

const settingKeys = (db: Db) => db.select().from(appSettings).all().map((row) => row.key);

describe("opening the database", () => {
  it("marks a new file as this app's and records that it was created empty, which opens first-run setup", () => {
    const file = path.join(tempFolder(), "app.db");
    const db = track(openDatabase(file));
    expect(db.$client.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(settingKeys(db)).toContain(CREATED_EMPTY_KEY);
    expect(setupStatus(db)).toBe("open");
  });

  it("never lets the running app create a missing database (it would reopen setup to anyone)", () => {
    const file = path.join(tempFolder(), "missing.db");
    process.env.DATABASE_PATH = file;
    expect(() => getDb()).toThrow(DatabaseOpenError);
    expect(() => getDb()).toThrow(/数据库文件不存在/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses another program's SQLite file and leaves it byte-for-byte as it was", () => {
    const file = path.join(tempFolder(), "other.db");
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
    other.close();
    const before = fileFingerprint(file);
    expect(() => openDatabase(file)).toThrow(/不是本应用的数据库/);
    expect(fileFingerprint(file)).toBe(before);
  });

  it("adopts a database of this app made before files were marked, without reopening setup when it has accounts", () => {
    const file = path.join(tempFolder(), "old.db");
    const db = openDatabase(file);
    insertUsers(db, [{ id: "u1", name: "王芳", username: "wangfang", role: "admin" }]);
    db.$client.pragma("application_id = 0");
    db.delete(appSettings).run();
    db.$client.close();

    const reopened = track(openDatabase(file));
    expect(reopened.$client.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    expect(setupStatus(reopened)).toBe("done");
  });

  it("keeps setup closed on a database without accounts that was not created empty here", () => {
    const db = track(openDatabase(path.join(tempFolder(), "app.db")));
    db.delete(appSettings).run();
    expect(setupStatus(db)).toBe("not-new");
  });
});

describe("a database file deleted or replaced while the app runs", () => {
  function seeded(): { db: Db; file: string } {
    const file = path.join(tempFolder(), "app.db");
    const db = track(openDatabase(file));
    seedDatabase(db, { demo: false });
    return { db, file };
  }
  const writeSetting = (db: Db) => db.insert(appSettings).values({ key: "probe", value: "1" }).run();

  it("refuses every write once the file is deleted, writing nothing into the unlinked file", () => {
    const { db, file } = seeded();
    const before = dumpTables(db);
    fs.rmSync(file);
    expect(() => writeSetting(db)).toThrow(DatabaseFileError);
    expect(() => writeSetting(db)).toThrow(/已被删除或移走/);
    expect(() => db.transaction((tx) => tx.insert(appSettings).values({ key: "in-tx", value: "1" }).run())).toThrow(DatabaseFileError);
    // reading still works (the open file is still there for this process), and shows nothing new
    expect(dumpTables(db)).toEqual(before);
  });

  it("refuses writes, including through statements prepared before, once another file takes its place", () => {
    const { db, file } = seeded();
    const statement = db.$client.prepare("INSERT INTO app_settings (key, value) VALUES (?, ?)");
    statement.run("before", "1");
    const replacement = `${file}.new`;
    fs.copyFileSync(file, replacement);
    fs.renameSync(replacement, file);
    expect(() => statement.run("after", "1")).toThrow(/已被替换/);
    expect(() => writeSetting(db)).toThrow(DatabaseFileError);
  });
});

describe("the write-ahead log and its index deleted or replaced while the app runs", () => {
  function seeded(): { db: Db; file: string } {
    const file = path.join(tempFolder(), "app.db");
    const db = track(openDatabase(file));
    seedDatabase(db, { demo: false });
    return { db, file };
  }
  const save = (db: Db, key: string) => db.insert(appSettings).values({ key, value: "1" }).run();
  /** What a restart after kill -9 would find: the database file alone, its -wal and -shm gone. */
  function keysInTheFileAlone(file: string): string[] {
    const copy = path.join(tempFolder(), "alone.db");
    fs.copyFileSync(file, copy);
    const sqlite = new Database(copy, { readonly: true });
    try {
      return sqlite.prepare<[], { key: string }>("SELECT key FROM app_settings").all().map((row) => row.key);
    } finally {
      sqlite.close();
    }
  }
  const identity = (file: string) => {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  };

  it("refuses the save after the -wal is deleted, says so in Chinese, health fails, and the saves confirmed before it are kept in the file itself", () => {
    const { db, file } = seeded();
    save(db, "confirmed-before");
    expect(checkWritable(db, file)).toEqual({ ok: true });
    fs.rmSync(`${file}-wal`);

    expect(() => save(db, "after-deletion")).toThrow(DatabaseFileError);
    expect(() => save(db, "after-deletion")).toThrow(/预写日志.*已被删除/);
    const health = checkWritable(db, file);
    expect(health.ok).toBe(false);
    expect(health.ok ? "" : health.problem).toMatch(/预写日志/);
    // the refusal moved what the log held into the database file: a kill -9 now loses nothing confirmed
    expect(keysInTheFileAlone(file)).toContain("confirmed-before");
    expect(keysInTheFileAlone(file)).not.toContain("after-deletion");
  });

  it("still lets the administrator download the data the connection holds after the -wal is deleted", () => {
    const { db, file } = seeded();
    save(db, "only-in-the-log");
    fs.rmSync(`${file}-wal`);
    expect(() => save(db, "refused")).toThrow(DatabaseFileError);
    const rescue = path.join(tempFolder(), "rescue.db");
    writeBackup(db.$client, rescue);
    const copy = new Database(rescue, { readonly: true });
    expect(copy.prepare("SELECT key FROM app_settings WHERE key = 'only-in-the-log'").get()).toEqual({ key: "only-in-the-log" });
    copy.close();
  });

  it("refuses writes once the -shm is deleted (another process would no longer see this one's writes)", () => {
    const { db, file } = seeded();
    fs.rmSync(`${file}-shm`);
    expect(() => save(db, "after")).toThrow(/共享内存文件.*已被删除/);
    expect(checkWritable(db, file).ok).toBe(false);
  });

  it("refuses writes once another file takes the -wal's place", () => {
    const { db, file } = seeded();
    save(db, "before");
    fs.copyFileSync(`${file}-wal`, `${file}-wal.new`);
    fs.renameSync(`${file}-wal.new`, `${file}-wal`);
    expect(() => save(db, "after")).toThrow(/预写日志.*已被替换/);
  });

  it("rescues what the -wal held within seconds of its deletion even when nobody saves, in the running server's connection", async () => {
    const { db: seeding, file } = seeded();
    seeding.$client.close();
    process.env.DATABASE_PATH = file;
    const db = track(getDb());
    save(db, "saved-then-idle");
    fs.rmSync(`${file}-wal`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await vi.waitFor(() => expect(keysInTheFileAlone(file)).toContain("saved-then-idle"), { timeout: 5000, interval: 200 });
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/预写日志.*已被删除/));
    } finally {
      logged.mockRestore();
    }
  });

  it("is never confused by SQLite itself: checkpoints of every kind, automatic ones and other connections keep the same -wal and -shm", () => {
    const { db, file } = seeded();
    const before = [identity(`${file}-wal`), identity(`${file}-shm`)];
    const statement = db.$client.prepare("INSERT INTO app_settings (key, value) VALUES (?, ?)");
    // well past the 1 000-page automatic checkpoint
    for (let i = 0; i < 3000; i += 1) statement.run(`bulk-${i}`, "x".repeat(2000));
    for (const mode of ["PASSIVE", "FULL", "RESTART", "TRUNCATE"]) {
      db.$client.pragma(`wal_checkpoint(${mode})`);
      save(db, `after-${mode}`);
    }
    const other = new Database(file);
    other.prepare("SELECT count(*) FROM app_settings").get();
    other.pragma("wal_checkpoint(TRUNCATE)");
    other.close();
    save(db, "after-another-connection");
    db.$client.pragma("journal_size_limit = 0");
    save(db, "after-a-size-limit");
    expect([identity(`${file}-wal`), identity(`${file}-shm`)]).toEqual(before);
    expect(checkWritable(db, file)).toEqual({ ok: true });
  });
});
