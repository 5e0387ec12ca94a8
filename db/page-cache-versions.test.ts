import { afterEach, describe, expect, it } from "vitest";
import { insertUsers, tempDatabase } from "@/tests/support/database";
import { addUnit, getHomeOrganization, setUserUnit } from "./organizations";
import { openPageCacheReads, type PageCacheReads } from "./page-cache-reads";
import { saveFigures } from "./save-figures";
import { seedDatabase } from "./seed";
import { setUserGrant } from "./user-grants";
import { organizations } from "./schema";

/** Tables no cached page shows: their writes count for no page (see cache_versions in db/schema.ts). */
const EXEMPT = ["sessions", "verifications", "sign_in_attempts", "audit_events", "outbox", "outbox_attempts", "cache_versions", "__drizzle_migrations"];

describe("the counters the page cache keys copies by", () => {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
  });

  function setUp() {
    const temporary = tempDatabase();
    seedDatabase(temporary.db, { demo: false });
    const reads = openPageCacheReads(temporary.file);
    cleanups.push(() => reads.close(), temporary.cleanup);
    const db = temporary.db;
    const home = getHomeOrganization(db);
    const town = addUnit(db, { kind: "sub", name: "甲镇科协", shortName: "甲镇" });
    const otherTown = addUnit(db, { kind: "sub", name: "乙镇科协", shortName: "乙镇" });
    const peer = addUnit(db, { kind: "peer", name: "东区科协", shortName: "东区" });
    return { db, reads, home, town, otherTown, peer };
  }

  function snapshot(reads: PageCacheReads): Map<string, number> {
    return new Map(reads.versions());
  }

  function changed(before: Map<string, number>, after: Map<string, number>): string[] {
    return [...new Set([...before.keys(), ...after.keys()])].filter((scope) => before.get(scope) !== after.get(scope)).sort();
  }

  const save = (db: ReturnType<typeof setUp>["db"], organizationId: number, key: string, value: number) =>
    saveFigures(db, { organizationId, period: "2026-10", figures: new Map([[key, { value }]]), source: "form", changedBy: null });

  it("a save for the district moves only the district's counters; a town's the town's and its district's", () => {
    const { db, reads, home, town, otherTown } = setUp();
    let before = snapshot(reads);
    save(db, home.id, "nanny_new", 31);
    let after = snapshot(reads);
    // a new figure: a month may have become reported, which the rankings show
    expect(changed(before, after)).toEqual([`rankings:${home.id}`, `unit:${home.id}`]);
    before = after;
    save(db, home.id, "nanny_new", 32);
    after = snapshot(reads);
    // changed in place: the rankings do not show it
    expect(changed(before, after)).toEqual([`unit:${home.id}`]);

    before = after;
    save(db, town.id, "nanny_new", 4);
    save(db, town.id, "nanny_new", 5);
    after = snapshot(reads);
    expect(changed(before, after)).toEqual([`rankings:${town.id}`, `unit:${home.id}`, `unit:${town.id}`].sort());
    expect(after.get(`unit:${otherTown.id}`)).toBe(before.get(`unit:${otherTown.id}`));
  });

  it("a rank, or any peer's figure, moves the ranks' counter", () => {
    const { db, reads, home, peer } = setUp();
    const rank = (value: number) =>
      saveFigures(db, { organizationId: home.id, period: "2026-10", figures: new Map([["supply_total_rank", { value, rankedUnits: 21 }]]), source: "form", changedBy: null });
    rank(3);
    let before = snapshot(reads);
    rank(4);
    let after = snapshot(reads);
    expect(changed(before, after)).toEqual(["ranks", `rankings:${home.id}`, `unit:${home.id}`].sort());
    // the figure a rank is of, too
    save(db, home.id, "supply_total", 800);
    before = snapshot(reads);
    save(db, home.id, "supply_total", 801);
    after = snapshot(reads);
    expect(changed(before, after)).toEqual(["ranks", `rankings:${home.id}`, `unit:${home.id}`].sort());
    before = after;
    save(db, peer.id, "supply_total", 900);
    after = snapshot(reads);
    expect(changed(before, after)).toEqual(["ranks", `rankings:${peer.id}`, `unit:${peer.id}`].sort());
  });

  it("accounts, their units and grants, units and the catalog move the global counter; sessions move none", () => {
    const { db, reads, town } = setUp();
    let before = snapshot(reads);
    insertUsers(db, [{ id: "u1", name: "李主任", username: "leader", role: "viewer" }]);
    let after = snapshot(reads);
    expect(changed(before, after)).toEqual(["global"]);
    for (const write of [
      () => setUserUnit(db, { userId: "u1", organizationId: town.id, assignedBy: "u1" }),
      () => setUserGrant(db, { userId: "u1", grant: "reviewer", held: true, grantedBy: "u1" }),
      () => db.update(organizations).set({ shortName: "甲镇街" }).run(),
    ]) {
      before = after;
      write();
      after = snapshot(reads);
      expect(changed(before, after)).toEqual(["global"]);
    }
    before = after;
    db.$client.prepare("INSERT INTO sessions (id, expires_at, token, created_at, updated_at, user_id) VALUES ('s1', 9999999999, 't1', 0, 0, 'u1')").run();
    expect(changed(before, snapshot(reads))).toEqual([]);
    expect(reads.accountScope("u1")).toEqual({ unitId: town.id, grants: ["reviewer"] });
  });

  it("every table of the schema moves a counter on insert, update and delete, or is named here as shown on no cached page", () => {
    const { db } = setUp();
    const tables = db.$client.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
    const triggers = new Set(db.$client.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all());
    const uncounted = tables
      .filter((table) => !EXEMPT.includes(table))
      .flatMap((table) => ["insert", "update", "delete"].map((op) => `${table}_cache_version_${op}`))
      .filter((trigger) => !triggers.has(trigger));
    expect(uncounted).toEqual([]);
  });
});
