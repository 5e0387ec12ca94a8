import "server-only";
import { asc, eq } from "drizzle-orm";
import type { OrganizationNames } from "@/lib/organization-schema";
import type { Queryable } from "./client";
import { organizations, type Organization } from "./schema";

/** The organization the app serves: the first one created (the district association). */
export function getHomeOrganization(db: Queryable): Organization {
  const organization = db.select().from(organizations).orderBy(asc(organizations.id)).limit(1).get();
  if (!organization) throw new Error("数据库中还没有组织：请先运行 npm run db:seed");
  return organization;
}

/** Rename the organization (its code, which the seed looks it up by, stays). */
export function renameOrganization(db: Queryable, id: number, names: OrganizationNames): boolean {
  return db.update(organizations).set(names).where(eq(organizations.id, id)).run().changes > 0;
}
