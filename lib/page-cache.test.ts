import { describe, expect, it } from "vitest";
import zlib from "node:zlib";
import { gzipWithNonce, isCachedPage, LruStore, pageCacheKey, pageCacheSettings, policyNonce, storePage, withNonce } from "./page-cache";

describe("which pages are cached", () => {
  it("holds the dashboard, rankings, a pack and an indicator's history, nothing else", () => {
    for (const path of ["/", "/rankings", "/review/2026-Q3", "/indicators/visits"]) expect(isCachedPage(path), path).toBe(true);
    for (const path of ["/entry/2026-10", "/review/2026-Q3/xlsx", "/indicators", "/admin", "/login", "/api/v1/figures", "/league", "/rankings/x"]) {
      expect(isCachedPage(path), path).toBe(false);
    }
  });
});

describe("the key of a copy", () => {
  const base = { url: "/?month=2026-10", headers: { host: "localhost" }, userId: "u1", dataVersion: 7, day: "2026-11-27" };
  it("differs by account, data version, day, address and the headers Next answers by", () => {
    const key = pageCacheKey(base);
    expect(pageCacheKey({ ...base, userId: "u2" })).not.toBe(key);
    expect(pageCacheKey({ ...base, dataVersion: 8 })).not.toBe(key);
    expect(pageCacheKey({ ...base, day: "2026-11-28" })).not.toBe(key);
    expect(pageCacheKey({ ...base, url: "/?month=2026-10&unit=3" })).not.toBe(key);
    expect(pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1" } })).not.toBe(key);
    expect(pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1", "next-router-prefetch": "1" } })).not.toBe(
      pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1" } }),
    );
    expect(pageCacheKey({ ...base, headers: { host: "localhost", cookie: "other" } })).toBe(key);
  });
});

describe("a stored page's nonce", () => {
  it("is found in the policy", () => {
    expect(policyNonce("default-src 'self'; script-src 'self' 'nonce-ab+c/d==' 'strict-dynamic'")).toBe("ab+c/d==");
    expect(policyNonce("default-src 'self'")).toBeNull();
  });

  it("is replaced everywhere, body and headers, by the one of the response it is served in", () => {
    const old = "OLD+nonce/==";
    const body = Buffer.from(`<script nonce="${old}">1</script><style nonce="${old}"></style>"nonce":"${old}"`);
    const page = storePage(200, [["content-security-policy", `script-src 'nonce-${old}'; style-src 'nonce-${old}'`], ["content-type", "text/html"]], body, old);
    const served = withNonce(page, "NEW");
    expect(served.body.toString()).toBe(`<script nonce="NEW">1</script><style nonce="NEW"></style>"nonce":"NEW"`);
    expect(served.headers).toEqual([["content-security-policy", "script-src 'nonce-NEW'; style-src 'nonce-NEW'"], ["content-type", "text/html"]]);
    expect(withNonce(page, old).body.equals(body)).toBe(true);
  });

  it("is compressed once: the gzip with any nonce inflates to the page with that nonce", () => {
    const old = "b2xkbm9uY2U=";
    const text = Array.from({ length: 30 }, (_, i) => `<script nonce="${old}">self.__next_f.push([1,"行${i} ${"<td>数据</td>".repeat(100 + i)}"])</script>`).join("");
    const page = storePage(200, [], Buffer.from(`<!doctype html>${text}<p>完</p>`), old);
    for (const nonce of ["bmV3+/==", "another-nonce-0123456789"]) {
      const gzipped = gzipWithNonce(page, nonce);
      expect(zlib.gunzipSync(gzipped).equals(withNonce(page, nonce).body)).toBe(true);
      expect(gzipped.length).toBeLessThan(withNonce(page, nonce).body.length / 4);
    }
    // a page without the nonce, and an empty one, too
    for (const body of ["<p>no nonce</p>", ""]) {
      expect(zlib.gunzipSync(gzipWithNonce(storePage(200, [], Buffer.from(body), old), "x")).toString()).toBe(body);
    }
  });
});

describe("the store", () => {
  const sized = (bytes: number) => ({ bytes });
  it("forgets the least recently used first when full, by entries and by bytes", () => {
    const store = new LruStore<{ bytes: number }>(2, 100);
    store.set("a", sized(10));
    store.set("b", sized(10));
    store.get("a");
    store.set("c", sized(10));
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBeDefined();
    store.set("d", sized(95));
    expect(store.size).toBe(1);
    expect(store.totalBytes).toBe(95);
    store.set("huge", sized(101));
    expect(store.get("huge")).toBeUndefined();
    store.clear();
    expect(store.totalBytes).toBe(0);
  });
});

describe("settings", () => {
  it("is on with 32 MB unless told otherwise, and refuses nonsense", () => {
    expect(pageCacheSettings({})).toMatchObject({ enabled: true, maxBytes: 32 * 1024 * 1024 });
    expect(pageCacheSettings({ PAGE_CACHE: "off" }).enabled).toBe(false);
    expect(pageCacheSettings({ PAGE_CACHE_MB: "8" }).maxBytes).toBe(8 * 1024 * 1024);
    expect(() => pageCacheSettings({ PAGE_CACHE: "maybe" })).toThrow(/PAGE_CACHE/);
    expect(() => pageCacheSettings({ PAGE_CACHE_MB: "0" })).toThrow(/PAGE_CACHE_MB/);
  });
});
