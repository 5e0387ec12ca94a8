import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";

/** A fresh SQLite file in a temporary folder, migrated like the app's own. */
export function tempDatabase(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-test-"));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  return {
    db,
    file,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A hash of the database file and its write-ahead log: equal hashes mean byte-for-byte unchanged. */
export function fileFingerprint(file: string): string {
  const hash = crypto.createHash("sha256");
  for (const part of [file, `${file}-wal`]) {
    hash.update(fs.existsSync(part) ? fs.readFileSync(part) : Buffer.alloc(0));
  }
  return hash.digest("hex");
}

/** Every row of every table, for comparing a database's content before and after. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
}

/** A temporary database holding the catalog, the 2023 baseline and the seeded targets (no demo months). */
export function seededDatabase(): { db: Db; file: string; cleanup: () => void; organizationId: number } {
  const temporary = tempDatabase();
  seedDatabase(temporary.db, { demo: false });
  return { ...temporary, organizationId: getHomeOrganization(temporary.db).id };
}

/** Accounts written straight into the table, for tests that only need someone to attribute changes to. */
export function insertUsers(db: Db, accounts: { id: string; name: string; username: string; role: string }[]): void {
  const now = new Date();
  db.insert(users)
    .values(accounts.map((account) => ({ ...account, email: `${account.username}@test.invalid`, createdAt: now, updatedAt: now })))
    .run();
}
