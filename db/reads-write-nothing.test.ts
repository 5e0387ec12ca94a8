import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { currentTime } from "@/lib/clock";
import { DEFAULT_DUE_DAY, DEFAULT_SOON_DAYS, defaultTrackFrom } from "@/lib/due-dates";
import { seededDatabase } from "@/tests/support/database";
import { createAuth, signedInAccount } from "./auth-core";
import { DatabaseFileError, type Db } from "./client";
import { getDueSettings, listDueItems, setDueSettings } from "./due-settings";
import { appSettings, sessions } from "./schema";
import { createAccount } from "./users";

/**
 * What a page reads while it renders never needs a write: with the database file deleted under the
 * server (every write refused), the pages still render what the server holds.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function database(): { db: Db; file: string; organizationId: number } {
  const opened = seededDatabase();
  cleanups.push(opened.cleanup);
  return opened;
}

const setting = (db: Db, key: string) => db.select().from(appSettings).where(eq(appSettings.key, key)).get();

describe("the due-date settings", () => {
  it("are stored when the database is opened, the first tracked month being the one before that day", () => {
    const { db } = database();
    const stored = setting(db, "due_settings");
    expect(stored && JSON.parse(stored.value)).toEqual({
      dueDay: DEFAULT_DUE_DAY,
      soonDays: DEFAULT_SOON_DAYS,
      trackFrom: defaultTrackFrom(currentTime()),
    });
  });

  it("keep the first tracked month where the installation began, months later", () => {
    const { db } = database();
    const later = new Date(currentTime().getTime() + 100 * 24 * 60 * 60 * 1000);
    expect(getDueSettings(db, later).trackFrom).toBe(defaultTrackFrom(currentTime()));
  });

  it("are read back as the administrator saved them", () => {
    const { db } = database();
    setDueSettings(db, { dueDay: 10, soonDays: 5, trackFrom: "2025-07" });
    expect(getDueSettings(db)).toEqual({ dueDay: 10, soonDays: 5, trackFrom: "2025-07" });
  });

  it("are read without writing, so the entry pages render with the database file deleted, even where none were ever stored", () => {
    const { db, file, organizationId } = database();
    db.delete(appSettings).where(eq(appSettings.key, "due_settings")).run();
    fs.rmSync(file);
    expect(() => db.insert(appSettings).values({ key: "probe", value: "1" }).run()).toThrow(DatabaseFileError);
    const now = currentTime();
    expect(getDueSettings(db, now)).toEqual({ dueDay: DEFAULT_DUE_DAY, soonDays: DEFAULT_SOON_DAYS, trackFrom: defaultTrackFrom(now) });
    expect(() => listDueItems(db, organizationId, now)).not.toThrow();
  });
});

describe("the session key and the session itself", () => {
  const PASSWORD = "correct-horse-9";
  delete process.env.BETTER_AUTH_SECRET;

  async function signedIn(db: Db): Promise<Headers> {
    const auth = createAuth(db);
    await createAccount(db, auth, { username: "reader", name: "读者", role: "viewer", password: PASSWORD });
    const { headers } = await auth.api.signInUsername({ body: { username: "reader", password: PASSWORD }, returnHeaders: true });
    const cookie = /kepu\.session_token=[^;]+/.exec(headers.get("set-cookie") ?? "")?.[0];
    if (!cookie) throw new Error("no session cookie");
    return new Headers({ cookie });
  }

  it("the key that signs session cookies is stored when the database is opened, not when the first page asks for it", () => {
    const { db, file } = database();
    expect(setting(db, "auth_secret")?.value).toMatch(/^.{32,}$/);
    fs.rmSync(file);
    expect(() => createAuth(db)).not.toThrow();
  });

  it("a session due for its hourly renewal still reads when the renewal cannot be written", async () => {
    const { db, file } = database();
    const request = await signedIn(db);
    // last renewed two hours ago: reading it renews it (a write), which the deleted file refuses
    const twoHoursAgo = Date.now() - 2 * 60 * 60 * 1000;
    db.update(sessions).set({ expiresAt: new Date(twoHoursAgo + 3 * 24 * 60 * 60 * 1000), updatedAt: new Date(twoHoursAgo) }).run();
    fs.rmSync(file);
    const auth = createAuth(db);
    expect(await signedInAccount(auth, request)).toMatchObject({ username: "reader", role: "viewer" });
  });

  it("an expired session is no session, even when it cannot be removed", async () => {
    const { db, file } = database();
    const request = await signedIn(db);
    db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).run();
    fs.rmSync(file);
    expect(await signedInAccount(createAuth(db), request)).toBeNull();
  });
});
