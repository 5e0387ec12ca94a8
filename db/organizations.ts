import "server-only";
import crypto from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { OrganizationNames } from "@/lib/organization-schema";
import type { Month } from "@/lib/periods";
import { aliasConflicts, normalizeUnitName, type KnownUnit } from "@/lib/unit-names";
import type { UnitKind, UnitNames } from "@/lib/units";
import type { Queryable } from "./client";
import { organizations, unitAliases, userUnits, type Organization } from "./schema";

/** The organization the app serves: the unit marked home (the district association). */
export function getHomeOrganization(db: Queryable): Organization {
  const organization = db.select().from(organizations).where(eq(organizations.kind, "home")).get();
  if (!organization) throw new Error("数据库中还没有本单位：请先运行 npm run db:seed");
  return organization;
}

/** Rename the organization (its code, which the seed looks it up by, stays). */
export function renameOrganization(db: Queryable, id: number, names: OrganizationNames): boolean {
  return db.update(organizations).set(names).where(eq(organizations.id, id)).run().changes > 0;
}

const KIND_ORDER = sql`CASE ${organizations.kind} WHEN 'home' THEN 0 WHEN 'sub' THEN 1 ELSE 2 END`;

/** Units of the given kinds (all by default): the home unit, then towns in their order, then peers by name. */
export function listUnits(db: Queryable, kinds: readonly UnitKind[] = ["home", "sub", "peer"]): Organization[] {
  return db
    .select()
    .from(organizations)
    .where(inArray(organizations.kind, [...kinds]))
    .orderBy(KIND_ORDER, asc(organizations.sortOrder), asc(organizations.name), asc(organizations.id))
    .all();
}

export function getUnit(db: Queryable, id: number): Organization | undefined {
  return db.select().from(organizations).where(eq(organizations.id, id)).get();
}

/** Add a town (under the home unit, listed last) or a peer district. */
export function addUnit(db: Queryable, input: UnitNames & { kind: "sub" | "peer" }): Organization {
  const home = getHomeOrganization(db);
  const last = db
    .select({ order: sql<number>`coalesce(max(${organizations.sortOrder}), 0)` })
    .from(organizations)
    .where(eq(organizations.kind, input.kind))
    .get();
  return db
    .insert(organizations)
    .values({
      code: `${input.kind}-${crypto.randomUUID()}`,
      name: input.name,
      shortName: input.shortName,
      kind: input.kind,
      parentId: input.kind === "sub" ? home.id : null,
      sortOrder: (last?.order ?? 0) + 10,
    })
    .returning()
    .get();
}

/** Rename a town or a peer (the home unit is renamed in 单位设置). */
export function renameUnit(db: Queryable, id: number, names: UnitNames): boolean {
  return db
    .update(organizations)
    .set(names)
    .where(and(eq(organizations.id, id), inArray(organizations.kind, ["sub", "peer"])))
    .run().changes > 0;
}

/** Retire a town or a peer from `month` on (null: bring it back); its figures and targets stay. */
export function setUnitRetired(db: Queryable, id: number, month: Month | null): boolean {
  return db
    .update(organizations)
    .set({ retiredFrom: month })
    .where(and(eq(organizations.id, id), inArray(organizations.kind, ["sub", "peer"])))
    .run().changes > 0;
}

/** Every unit's aliases, by unit id. */
export function listAliases(db: Queryable): Map<number, string[]> {
  const byUnit = new Map<number, string[]>();
  const rows = db.select().from(unitAliases).orderBy(asc(unitAliases.id)).all();
  for (const row of rows) byUnit.set(row.organizationId, [...(byUnit.get(row.organizationId) ?? []), row.alias]);
  return byUnit;
}

/** Add an alias; false when the unit already has it. */
export function addAlias(db: Queryable, input: { organizationId: number; alias: string; createdBy: string | null }): boolean {
  return db.insert(unitAliases).values(input).onConflictDoNothing().run().changes > 0;
}

export function removeAlias(db: Queryable, organizationId: number, alias: string): boolean {
  return db
    .delete(unitAliases)
    .where(and(eq(unitAliases.organizationId, organizationId), eq(unitAliases.alias, alias)))
    .run().changes > 0;
}

/** The units a provincial bulletin names (the home unit and its peers), with every name each goes by. */
export function listBulletinUnits(db: Queryable): KnownUnit<number>[] {
  const aliases = listAliases(db);
  return listUnits(db, ["home", "peer"]).map((unit) => ({
    unit: unit.id,
    names: [unit.name, unit.shortName, ...(aliases.get(unit.id) ?? [])],
  }));
}

/** The unit an account is limited to, or null for an account that sees every unit. */
export function getUserUnitId(db: Queryable, userId: string): number | null {
  return db.select({ id: userUnits.organizationId }).from(userUnits).where(eq(userUnits.userId, userId)).get()?.id ?? null;
}

/** Every account limited to one unit: account id → unit id. */
export function listUserUnitIds(db: Queryable): Map<string, number> {
  return new Map(db.select().from(userUnits).all().map((row) => [row.userId, row.organizationId]));
}

/** Limit an account to one town (or lift the limit with null); false when nothing changed. */
export function setUserUnit(db: Queryable, input: { userId: string; organizationId: number | null; assignedBy: string; now?: Date }): boolean {
  if (input.organizationId === null) return db.delete(userUnits).where(eq(userUnits.userId, input.userId)).run().changes > 0;
  if (getUserUnitId(db, input.userId) === input.organizationId) return false;
  db.insert(userUnits)
    .values({ userId: input.userId, organizationId: input.organizationId, assignedBy: input.assignedBy, assignedAt: input.now ?? new Date() })
    .onConflictDoUpdate({
      target: userUnits.userId,
      set: { organizationId: input.organizationId, assignedBy: input.assignedBy, assignedAt: input.now ?? new Date() },
    })
    .run();
  return true;
}

/**
 * A name that would make a bulletin's rows match two units (a peer named like the home unit, an
 * alias another unit already goes by), or a town named like another town: in words, or null.
 * `except`: the unit the names are for, when it exists already.
 */
export function unitNameClash(db: Queryable, kind: UnitKind, names: readonly string[], except: number | null): string | null {
  if (kind === "sub") {
    const wanted = new Set(names.map(normalizeUnitName));
    const other = listUnits(db, ["sub"]).find(
      (town) => town.id !== except && [town.name, town.shortName].some((name) => wanted.has(normalizeUnitName(name))),
    );
    return other ? `已有镇街“${other.name}”使用这个名称` : null;
  }
  const known = listBulletinUnits(db);
  const mine = except ?? -1;
  const others = known.filter((entry) => entry.unit !== mine);
  const own = known.find((entry) => entry.unit === mine)?.names ?? [];
  const conflicts = aliasConflicts([...others, { unit: mine, names: [...own, ...names] }]).filter((conflict) => conflict.units.includes(mine));
  const [first] = conflicts;
  if (!first) return null;
  const owner = first.units.find((unit) => unit !== mine);
  const ownerName = owner === undefined ? "" : (getUnit(db, owner)?.name ?? "");
  return `“${first.name}”已是“${ownerName}”的名称或别名：通报中将无法区分两个单位`;
}
