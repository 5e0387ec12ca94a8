import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { hashApiToken, newApiToken, tokenDisplayPrefix } from "@/lib/api-token";
import { currentTime } from "@/lib/clock";
import type { Queryable } from "./client";
import { apiTokens, users } from "./schema";

/** Issue a token; the token itself is returned this once and never stored. */
export function issueApiToken(db: Queryable, input: { name: string; createdBy: string; now?: Date }): { id: number; token: string } {
  const token = newApiToken();
  const row = db
    .insert(apiTokens)
    .values({ name: input.name, tokenHash: hashApiToken(token), prefix: tokenDisplayPrefix(token), createdBy: input.createdBy, createdAt: input.now ?? currentTime() })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}

export function listApiTokens(db: Queryable) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      createdByName: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** Revoke a token for good; false when there is no such live token. */
export function revokeApiToken(db: Queryable, id: number, now = currentTime()): boolean {
  return db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).run().changes > 0;
}

/** The live token a request presents, noting when it was last used; null for an unknown or revoked one. */
export function authenticateApiToken(db: Queryable, token: string, now = currentTime()): { id: number; name: string } | null {
  const row = db
    .select({ id: apiTokens.id, name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return row;
}
