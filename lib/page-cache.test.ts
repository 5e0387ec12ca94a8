import { describe, expect, it } from "vitest";
import zlib from "node:zlib";
import {
  bodyWithNonce,
  gzipWithNonce,
  isCachedPage,
  LruStore,
  pageAudience,
  pageCacheKey,
  pageCacheSettings,
  pageUnitId,
  pageVersions,
  placeholderSplit,
  policyNonce,
  storePage,
  withNonce,
} from "./page-cache";

describe("which pages are cached", () => {
  it("holds the dashboard, rankings, a pack, an indicator's history and the targets, nothing else", () => {
    for (const path of ["/", "/rankings", "/review/2026-Q3", "/indicators/visits", "/targets"]) expect(isCachedPage(path), path).toBe(true);
    for (const path of ["/entry/2026-10", "/review/2026-Q3/xlsx", "/indicators", "/admin", "/login", "/api/v1/figures", "/league", "/rankings/x"]) {
      expect(isCachedPage(path), path).toBe(false);
    }
  });
});

describe("the key of a copy", () => {
  const base = { url: "/?month=2026-10", headers: { host: "localhost" }, audience: "a", versions: [3, 1, 7], day: "2026-11-27" };
  it("differs by audience, counters, day, address and the headers Next answers by", () => {
    const key = pageCacheKey(base);
    expect(pageCacheKey({ ...base, audience: "b" })).not.toBe(key);
    expect(pageCacheKey({ ...base, versions: [3, 1, 8] })).not.toBe(key);
    expect(pageCacheKey({ ...base, day: "2026-11-28" })).not.toBe(key);
    expect(pageCacheKey({ ...base, url: "/?month=2026-10&unit=3" })).not.toBe(key);
    expect(pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1" } })).not.toBe(key);
    expect(pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1", "next-router-prefetch": "1" } })).not.toBe(
      pageCacheKey({ ...base, headers: { host: "localhost", rsc: "1" } }),
    );
    expect(pageCacheKey({ ...base, headers: { host: "localhost", cookie: "other" } })).toBe(key);
  });
});

describe("who shares a copy", () => {
  const viewer = { id: "u1", name: "张三", role: "viewer", grants: [], unitId: null };
  it("two accounts of the same role, grants and scope share one; their names are filled in, not part of it", () => {
    const other = pageAudience({ ...viewer, id: "u2", name: "李四" });
    expect(other).toEqual(pageAudience(viewer));
    expect(other.shared).toBe(true);
  });

  it("a different role, grant or unit scope never shares", () => {
    const key = pageAudience(viewer).key;
    expect(pageAudience({ ...viewer, role: "staff" }).key).not.toBe(key);
    expect(pageAudience({ ...viewer, grants: ["reviewer"] }).key).not.toBe(key);
    expect(pageAudience({ ...viewer, unitId: 5 }).key).not.toBe(key);
    expect(pageAudience({ ...viewer, unitId: 5 }).key).not.toBe(pageAudience({ ...viewer, unitId: 6 }).key);
    // an administrator is never limited to a unit: a stale limit does not make it a town's copy
    expect(pageAudience({ ...viewer, role: "admin", unitId: 5 }).key).toBe(pageAudience({ ...viewer, role: "admin" }).key);
  });

  it("an account whose name would need escaping gets copies of its own", () => {
    for (const name of ['<b>x</b>', 'a"b', "a\\b", "a&b", "x\u2028y", "a'b"]) {
      const audience = pageAudience({ ...viewer, name });
      expect(audience.shared, name).toBe(false);
      expect(audience.key).not.toBe(pageAudience({ ...viewer, id: "u2", name }).key);
    }
  });
});

describe("what a page shows", () => {
  const district = { unitId: null, role: "viewer" };
  it("its unit: the address's, else the account's own, else the home unit; the rankings always the home unit", () => {
    expect(pageUnitId("/?month=2026-10", district, 1)).toBe(1);
    expect(pageUnitId("/?month=2026-10&unit=4", district, 1)).toBe(4);
    expect(pageUnitId("/indicators/x", { unitId: 4, role: "staff" }, 1)).toBe(4);
    expect(pageUnitId("/rankings?unit=4", district, 1)).toBe(1);
    for (const url of ["/?unit=x", "/?unit=4&unit=5", "/?unit=0", "/?unit=-1"]) expect(pageUnitId(url, district, 1), url).toBeNull();
  });

  it("counts what is global, every rank, and its own unit", () => {
    const versions = new Map([["global", 2], ["ranks", 5], ["unit:1", 9], ["unit:4", 3], ["rankings:1", 6]]);
    expect(pageVersions(versions, "/", 1, 1)).toEqual([2, 5, 9]);
    expect(pageVersions(versions, "/?unit=4", 4, 1)).toEqual([2, 5, 3]);
    expect(pageVersions(versions, "/review/2026-Q3", 7, 1)).toEqual([2, 5, 0]);
    // the rankings only what they show of the home unit
    expect(pageVersions(versions, "/rankings?month=2026-10", 1, 1)).toEqual([2, 5, 6]);
    // a town's targets are a share of the district's
    expect(pageVersions(versions, "/targets?unit=4", 4, 1)).toEqual([2, 5, 3, 9]);
  });
});

describe("a shared copy's name", () => {
  const nonce = "bm9uY2U=";
  const placeholder = "kepuname0123456789abcdef01234567";
  const body = Buffer.from(`<script nonce="${nonce}"></script><a>${placeholder}<span>（查看）</span></a><script>self.__next_f.push([1,"\\"children\\":\\"${placeholder}\\""])</script>`);
  it("is filled in with each account's own, plain and in gzip", () => {
    const page = storePage(200, [], body, nonce, placeholder);
    expect(placeholderSplit(page, placeholder)).toBe(false);
    const served = bodyWithNonce(page, { nonce: "N1", name: "王五" }).toString();
    expect(served).not.toContain(placeholder);
    expect(served.split("王五")).toHaveLength(3);
    expect(served).toContain('nonce="N1"');
    expect(zlib.gunzipSync(gzipWithNonce(page, { nonce: "N2", name: "赵六" })).toString()).toBe(bodyWithNonce(page, { nonce: "N2", name: "赵六" }).toString());
    expect(() => bodyWithNonce(page, { nonce: "N1" })).toThrow();
  });

  it("found split in the page's script data, the copy is not servable", () => {
    const split = Buffer.from(`<a>${placeholder}</a><script>self.__next_f.push([1,"${placeholder.slice(0, 11)}"])</script><script>self.__next_f.push([1,"${placeholder.slice(11)}"])</script>`);
    expect(placeholderSplit(storePage(200, [], split, nonce, placeholder), placeholder)).toBe(true);
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
    const served = withNonce(page, { nonce: "NEW" });
    expect(served.body.toString()).toBe(`<script nonce="NEW">1</script><style nonce="NEW"></style>"nonce":"NEW"`);
    expect(served.headers).toEqual([["content-security-policy", "script-src 'nonce-NEW'; style-src 'nonce-NEW'"], ["content-type", "text/html"]]);
    expect(withNonce(page, { nonce: old }).body.equals(body)).toBe(true);
  });

  it("is compressed once: the gzip with any nonce inflates to the page with that nonce", () => {
    const old = "b2xkbm9uY2U=";
    const text = Array.from({ length: 30 }, (_, i) => `<script nonce="${old}">self.__next_f.push([1,"行${i} ${"<td>数据</td>".repeat(100 + i)}"])</script>`).join("");
    const page = storePage(200, [], Buffer.from(`<!doctype html>${text}<p>完</p>`), old);
    for (const nonce of ["bmV3+/==", "another-nonce-0123456789"]) {
      const gzipped = gzipWithNonce(page, { nonce });
      expect(zlib.gunzipSync(gzipped).equals(withNonce(page, { nonce }).body)).toBe(true);
      expect(gzipped.length).toBeLessThan(withNonce(page, { nonce }).body.length / 4);
    }
    // a page without the nonce, and an empty one, too
    for (const body of ["<p>no nonce</p>", ""]) {
      expect(zlib.gunzipSync(gzipWithNonce(storePage(200, [], Buffer.from(body), old), { nonce: "x" })).toString()).toBe(body);
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
