import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bearerToken, hashApiToken } from "@/lib/api-token";
import { insertUsers, seededDatabase } from "@/tests/support/database";
import { authenticateApiToken, issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import type { Db } from "./client";

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = seededDatabase());
  insertUsers(db, [{ id: "u-admin", name: "王管理", username: "admin", role: "admin" }]);
});
afterEach(() => cleanup());

describe("read-only API tokens", () => {
  it("are stored only as a hash, the token itself returned once", () => {
    const { token } = issueApiToken(db, { name: "市科协数据平台", createdBy: "u-admin" });
    const rows = db.$client.prepare("SELECT * FROM api_tokens").all();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows).toEqual([expect.objectContaining({ token_hash: hashApiToken(token), name: "市科协数据平台" })]);
    expect(listApiTokens(db)[0]).toMatchObject({ prefix: `${token.slice(0, 9)}…`, createdByName: "王管理", lastUsedAt: null, revokedAt: null });
  });

  it("record when they were last used, and stop working once revoked", () => {
    const { id, token } = issueApiToken(db, { name: "平台", createdBy: "u-admin" });
    const used = new Date("2026-11-27T03:00:00Z");
    expect(authenticateApiToken(db, token, used)).toEqual({ id, name: "平台" });
    expect(listApiTokens(db)[0]?.lastUsedAt).toEqual(used);
    expect(authenticateApiToken(db, `${token}x`)).toBeNull();
    expect(revokeApiToken(db, id)).toBe(true);
    expect(revokeApiToken(db, id)).toBe(false);
    expect(authenticateApiToken(db, token)).toBeNull();
  });

  it("are read from an Authorization: Bearer header only", () => {
    expect(bearerToken("Bearer kepu_abc")).toBe("kepu_abc");
    expect(bearerToken("bearer kepu_abc ")).toBe("kepu_abc");
    expect(bearerToken("Basic a2VwdQ==")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
