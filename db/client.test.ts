import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { dumpTables, fileFingerprint } from "@/tests/support/database";
import { APPLICATION_ID, CREATED_EMPTY_KEY, DatabaseFileError, DatabaseOpenError, getDb, openDatabase, type Db } from "./client";
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
