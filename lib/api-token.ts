/**
 * Tokens for the read-only API: 32 random bytes, shown to the administrator once; only a SHA-256
 * hash is stored (a token is random, not a password, so a fast hash is enough to make a stolen
 * database useless for calling the API).
 */
import crypto from "node:crypto";
import { singleLineText } from "./text";

const TOKEN_PREFIX = "kepu_";

export function newApiToken(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** What is shown in the list to tell tokens apart: "kepu_AbC1…". */
export function tokenDisplayPrefix(token: string): string {
  return `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
}

/** The token in an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/** What a token is for, e.g. "市科协数据平台": one line, no control or invisible format characters. */
export const apiTokenNameSchema = singleLineText("用途", { max: 60 });
