import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role, UserGrant } from "@/lib/roles";
import { getAuth, signedInAccount } from "@/db/auth";
import { getDb } from "@/db/client";
import { getUserUnitId } from "@/db/organizations";
import { listUserGrants } from "@/db/user-grants";
import { countUsers } from "@/db/users";

/**
 * The signed-in account: its role, the grants it holds on top (e.g. reviewer) — pass it to `can` —
 * and the one unit it is limited to (a town's staff), or null for an account that sees every unit
 * (see ./scope.ts).
 */
export type SessionUser = { id: string; username: string; name: string; role: Role; grants: UserGrant[]; unitId: number | null };

/** The signed-in user of this request, or null; read once per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const user = await signedInAccount(getAuth(), await headers());
  if (!user) return null;
  const db = getDb();
  return {
    id: user.id,
    username: user.username ?? "",
    name: user.name,
    role: user.role,
    grants: listUserGrants(db, user.id),
    // an administrator manages every unit; a limit recorded before a promotion does not bind it
    unitId: user.role === "admin" ? null : getUserUnitId(db, user.id),
  };
});

/** The header the proxy sets with the requested path, so sign-in can return to it. */
export const REQUEST_PATH_HEADER = "x-kepu-path";

/** For pages: the signed-in user, or a redirect to sign in (or to first-run setup when no account exists). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if (countUsers(getDb()) === 0) redirect("/setup");
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
}
