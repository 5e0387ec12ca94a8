/**
 * Backup files: their names, which ones a retention of N keeps, and when the daily one is due.
 * Names carry the Beijing time they were taken (the office's clock), so a folder listing reads right.
 */

export const BACKUP_KINDS = ["daily", "manual", "pre-restore"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: "每日自动备份",
  manual: "手动备份",
  "pre-restore": "恢复前保留的原数据库",
};

export const BACKUP_TIME_ZONE = "Asia/Shanghai";
export const DEFAULT_BACKUP_KEEP = 14;

const NAME_PATTERN = /^kepu-(daily|manual|pre-restore)-(\d{8})-(\d{6})\.db$/;

const stampFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: BACKUP_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** e.g. `kepu-daily-20261127-030000.db` for 2026-11-27 03:00:00 Beijing time. */
export function backupFileName(kind: BackupKind, at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => stampFormat.formatToParts(at).find((p) => p.type === type)?.value ?? "00";
  return `kepu-${kind}-${part("year")}${part("month")}${part("day")}-${part("hour")}${part("minute")}${part("second")}.db`;
}

export type BackupName = { kind: BackupKind; stamp: string };

/** The kind and time stamp of a file this app wrote as a backup; null for any other file. */
export function parseBackupFileName(name: string): BackupName | null {
  const match = NAME_PATTERN.exec(name);
  const kind = BACKUP_KINDS.find((candidate) => candidate === match?.[1]);
  if (!match || !kind) return null;
  return { kind, stamp: `${match[2]}${match[3]}` };
}

/**
 * The daily backups to delete so that only the newest `keep` remain. Backups made by hand or kept
 * before a restore are never deleted automatically.
 */
export function dailyBackupsToPrune(names: readonly string[], keep: number): string[] {
  const daily = names
    .map((name) => ({ name, parsed: parseBackupFileName(name) }))
    .filter((entry) => entry.parsed?.kind === "daily")
    .sort((a, b) => (b.parsed?.stamp ?? "").localeCompare(a.parsed?.stamp ?? ""));
  return daily.slice(Math.max(keep, 1)).map((entry) => entry.name);
}

/**
 * Whether the daily backup must run now: when the last one was taken before the most recent
 * scheduled time (the server was down or restarting then), or there is none at all.
 */
export function isDailyBackupDue(lastDailyAt: Date | null, lastScheduledAt: Date | null): boolean {
  if (!lastDailyAt) return true;
  return lastScheduledAt !== null && lastDailyAt.getTime() < lastScheduledAt.getTime();
}

/** The retention from BACKUP_KEEP: a whole number, 0 meaning no automatic backups; anything else, the default. */
export function parseBackupKeep(value: string | undefined): number {
  const keep = Number(value);
  return value && Number.isInteger(keep) && keep >= 0 ? keep : DEFAULT_BACKUP_KEEP;
}

/** A file size as people read it: 812 B, 35.2 KB, 4.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
