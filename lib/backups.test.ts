import { describe, expect, it } from "vitest";
import { backupFileName, dailyBackupsToPrune, formatBytes, isDailyBackupDue, parseBackupFileName, parseBackupKeep } from "./backups";

describe("backup file names", () => {
  it("carry Beijing time, so a backup taken at 19:00 UTC is dated the next morning", () => {
    expect(backupFileName("daily", new Date("2026-11-26T19:00:00Z"))).toBe("kepu-daily-20261127-030000.db");
  });

  it("are read back with their kind and stamp; other files are not backups", () => {
    expect(parseBackupFileName("kepu-manual-20261127-101502.db")).toEqual({ kind: "manual", stamp: "20261127101502" });
    expect(parseBackupFileName("kepu-pre-restore-20261127-101502.db")?.kind).toBe("pre-restore");
    expect(parseBackupFileName("app.db")).toBeNull();
    expect(parseBackupFileName("kepu-daily-20261127-030000.db.tmp-123")).toBeNull();
  });
});

describe("retention", () => {
  const daily = (day: number) => `kepu-daily-202611${String(day).padStart(2, "0")}-030000.db`;

  it("keeps the newest N daily backups and deletes the older ones", () => {
    const names = [daily(3), daily(1), daily(4), daily(2)];
    expect(dailyBackupsToPrune(names, 2).sort()).toEqual([daily(1), daily(2)]);
  });

  it("never deletes backups made by hand or before a restore, nor other files", () => {
    const names = [daily(1), daily(2), "kepu-manual-20200101-000000.db", "kepu-pre-restore-20200101-000000.db", "notes.txt"];
    expect(dailyBackupsToPrune(names, 1)).toEqual([daily(1)]);
  });

  it("always keeps at least one", () => {
    expect(dailyBackupsToPrune([daily(1), daily(2)], 0)).toEqual([daily(1)]);
  });

  it("reads BACKUP_KEEP as a whole number (0 turns automatic backups off), else 14", () => {
    expect(parseBackupKeep("30")).toBe(30);
    expect(parseBackupKeep("0")).toBe(0);
    expect(parseBackupKeep(undefined)).toBe(14);
    expect(parseBackupKeep("-1")).toBe(14);
    expect(parseBackupKeep("2.5")).toBe(14);
    expect(parseBackupKeep("abc")).toBe(14);
  });
});

describe("when the daily backup is due", () => {
  const scheduled = new Date("2026-11-26T19:00:00Z");

  it("is due when there is no backup yet", () => {
    expect(isDailyBackupDue(null, scheduled)).toBe(true);
  });

  it("is due after a restart that missed the scheduled time", () => {
    expect(isDailyBackupDue(new Date("2026-11-25T19:00:05Z"), scheduled)).toBe(true);
  });

  it("is not due again once today's backup exists (a restart does not take a second one)", () => {
    expect(isDailyBackupDue(new Date("2026-11-26T19:00:03Z"), scheduled)).toBe(false);
  });
});

describe("file sizes", () => {
  it("are shown in B, KB and MB", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(36_045)).toBe("35.2 KB");
    expect(formatBytes(4_300_000)).toBe("4.1 MB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
  });
});
