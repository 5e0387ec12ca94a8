import "server-only";
import { and, eq } from "drizzle-orm";
import { currentTime } from "@/lib/clock";
import { isUserGrant, type UserGrant } from "@/lib/roles";
import type { Queryable } from "./client";
import { userGrants } from "./schema";

/** The grants an account holds on top of its role. */
export function listUserGrants(db: Queryable, userId: string): UserGrant[] {
  return db
    .select({ grant: userGrants.grant })
    .from(userGrants)
    .where(eq(userGrants.userId, userId))
    .all()
    .map((row) => row.grant)
    .filter(isUserGrant);
}

/** Every account's grants, by account id (for the accounts page). */
export function listAllUserGrants(db: Queryable): Map<string, UserGrant[]> {
  const byUser = new Map<string, UserGrant[]>();
  for (const row of db.select({ userId: userGrants.userId, grant: userGrants.grant }).from(userGrants).all()) {
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.grant]);
  }
  return byUser;
}

/** Give or take away a grant; returns false when the account already was so. */
export function setUserGrant(
  db: Queryable,
  input: { userId: string; grant: UserGrant; held: boolean; grantedBy: string; now?: Date },
): boolean {
  if (input.held) {
    return (
      db
        .insert(userGrants)
        .values({ userId: input.userId, grant: input.grant, grantedBy: input.grantedBy, grantedAt: input.now ?? currentTime() })
        .onConflictDoNothing()
        .run().changes > 0
    );
  }
  return db.delete(userGrants).where(and(eq(userGrants.userId, input.userId), eq(userGrants.grant, input.grant))).run().changes > 0;
}
