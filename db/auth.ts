import "server-only";
import { getDb, type Db } from "./client";
import { createAuth, type Auth } from "./auth-core";

export { createAuth, SESSION_COOKIE, signedInAccount, type Auth } from "./auth-core";

declare global {
  var kepuAuth: { db: Db; auth: Auth } | undefined;
}

/** The app's auth, over the app's database; made on first use. */
export function getAuth(): Auth {
  const db = getDb();
  if (globalThis.kepuAuth?.db !== db) globalThis.kepuAuth = { db, auth: createAuth(db) };
  return globalThis.kepuAuth.auth;
}

