/**
 * What the page cache (front-door/page-cache.ts) reads besides the session, on a read-only
 * connection of its own that never writes: the counters of what pages show (`cache_versions`, kept
 * by triggers: see db/schema.ts), read again only when the database's data version has moved; the
 * home unit; and the parts of an account a page depends on besides its role — the one unit it is
 * limited to and the grants it holds.
 */
import Database from "better-sqlite3";
import { openDataVersion } from "./data-version";

export type PageCacheReads = {
  /** Every counter now, or null when they cannot be trusted (the file replaced, removed or unreadable). */
  versions(): ReadonlyMap<string, number> | null;
  /** The home unit's id (what a page without `?unit=` shows an account that sees every unit). */
  homeUnitId(): number | null;
  /** The unit an account is limited to (null: every unit) and its grants, sorted. */
  accountScope(userId: string): { unitId: number | null; grants: string[] };
  close(): void;
};

export function openPageCacheReads(file: string): PageCacheReads {
  const dataVersion = openDataVersion(file);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const versionRows = sqlite.prepare<[], { scope: string; version: number }>("SELECT scope, version FROM cache_versions");
  const home = sqlite.prepare<[], number>("SELECT id FROM organizations WHERE kind = 'home' ORDER BY id LIMIT 1").pluck();
  const unitOf = sqlite.prepare<[string], number>("SELECT organization_id FROM user_units WHERE user_id = ?").pluck();
  const grantsOf = sqlite.prepare<[string], string>("SELECT grant_name FROM user_grants WHERE user_id = ? ORDER BY grant_name").pluck();
  let readAt: number | null = null;
  let versions = new Map<string, number>();
  let homeId: number | null = null;
  return {
    versions() {
      const now = dataVersion.read();
      if (now === null) {
        readAt = null;
        return null;
      }
      if (now !== readAt) {
        try {
          // one read transaction: the counters and the home unit as of the same commit
          sqlite.transaction(() => {
            versions = new Map(versionRows.all().map((row) => [row.scope, row.version]));
            homeId = home.get() ?? null;
          })();
        } catch {
          readAt = null;
          return null;
        }
        readAt = now;
      }
      return versions;
    },
    homeUnitId: () => homeId,
    accountScope(userId) {
      return { unitId: unitOf.get(userId) ?? null, grants: grantsOf.all(userId) };
    },
    close() {
      dataVersion.close();
      sqlite.close();
    },
  };
}
