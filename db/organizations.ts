import "server-only";
import { asc } from "drizzle-orm";
import type { Queryable } from "./client";
import { organizations, type Organization } from "./schema";

/** The organization the app serves: the first one created (the district association). */
export function getHomeOrganization(db: Queryable): Organization {
  const organization = db.select().from(organizations).orderBy(asc(organizations.id)).limit(1).get();
  if (!organization) throw new Error("数据库中还没有组织：请先运行 npm run db:seed");
  return organization;
}
