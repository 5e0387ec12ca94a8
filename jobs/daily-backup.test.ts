import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backupFileName } from "@/lib/backups";
import { openTemporaryAppDatabase } from "@/tests/support/accounts";
import { inspectDatabaseFile, listBackups } from "@/db/backup";
import { runDailyBackup, startDailyBackups } from "./daily-backup";

let cleanup: () => void;
let folder: string;

beforeAll(() => {
  cleanup = openTemporaryAppDatabase({ demo: false });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-daily-"));
  process.env.BACKUP_DIR = folder;
  process.env.BACKUP_KEEP = "2";
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterAll(() => {
  cleanup();
  fs.rmSync(folder, { recursive: true, force: true });
  delete process.env.BACKUP_DIR;
  delete process.env.BACKUP_KEEP;
});

const dailyNames = () => listBackups(folder).filter((backup) => backup.kind === "daily").map((backup) => backup.name).sort();

describe("the daily backup", () => {
  it("takes a checked backup at the first start, and a restart the same day takes no second one", async () => {
    const first = startDailyBackups();
    await vi.waitFor(() => expect(dailyNames()).toHaveLength(1));
    first.stop();
    const [name] = dailyNames();
    expect(inspectDatabaseFile(path.join(folder, name ?? "")).pendingMigrations).toBe(0);

    const restarted = startDailyBackups();
    await new Promise((resolve) => setTimeout(resolve, 50));
    restarted.stop();
    expect(dailyNames()).toEqual([name]);
  });

  it("keeps only the newest BACKUP_KEEP daily backups, and never a backup made by hand", () => {
    const manual = path.join(folder, backupFileName("manual", new Date("2020-01-01T00:00:00Z")));
    fs.writeFileSync(manual, "made by hand");
    for (const day of ["2099-01-01", "2099-01-02", "2099-01-03"]) runDailyBackup(new Date(`${day}T00:00:00Z`));
    expect(dailyNames()).toEqual(["kepu-daily-20990102-080000.db", "kepu-daily-20990103-080000.db"]);
    expect(fs.existsSync(manual)).toBe(true);
  });
});
