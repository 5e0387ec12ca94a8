/**
 * A number that changes whenever anything is committed to the database by anyone else: the app's
 * own connection (form saves, imports, settings, accounts…), a CLI script in another process, a
 * second server. SQLite keeps it for us (`PRAGMA data_version`): this module holds a read-only
 * connection of its own, which never writes, so every commit to the file is "another connection's".
 * It is what the page cache keys rendered pages by (front-door/page-cache.ts).
 *
 * Reading it is one prepared statement and one stat(): the stat notices the file being replaced
 * (a restore) or removed, when the number would no longer say anything — then it is null.
 */
import fs from "node:fs";
import Database from "better-sqlite3";

export type DataVersion = {
  /** The current version, or null when it cannot be trusted (file replaced, removed or unreadable). */
  read(): number | null;
  close(): void;
};

export function openDataVersion(file: string): DataVersion {
  const identity = fs.statSync(file);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const statement = sqlite.prepare("PRAGMA data_version").pluck();
  return {
    read() {
      const now = fs.statSync(file, { throwIfNoEntry: false });
      if (!now || now.ino !== identity.ino || now.dev !== identity.dev) return null;
      try {
        const value: unknown = statement.get();
        return typeof value === "number" ? value : null;
      } catch {
        return null;
      }
    },
    close() {
      sqlite.close();
    },
  };
}
