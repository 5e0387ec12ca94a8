import zlib from "node:zlib";

/**
 * The parts of the page cache that need no server: which pages it holds, what a copy is keyed by,
 * a bounded least-recently-used store, and how a stored copy gets the nonce of the response it is
 * served in (and, compressed once when kept, its gzip with that nonce, without compressing again). The front door (front-door/page-cache.ts) checks the session and reads the data
 * version; this module decides nothing about who may see what.
 */

/** The read pages leadership reloads: the dashboard, rankings, the review pack, an indicator's history. */
const CACHED_PAGES = [/^\/$/, /^\/rankings$/, /^\/review\/[^/]+$/, /^\/indicators\/[^/]+$/];

export function isCachedPage(pathname: string): boolean {
  return CACHED_PAGES.some((pattern) => pattern.test(pathname));
}

/**
 * The request headers Next's answer for a page depends on besides the URL and the cookie: whether
 * it is a navigation (RSC payload) or a prefetch, and the router's state in the browser. `host`
 * too, should a page ever write an absolute address.
 */
export const VARYING_REQUEST_HEADERS = [
  "host",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
] as const;

export type PageKeyParts = {
  /** Path and query, as requested. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The signed-in account: each account has copies of its own, so none is ever shown to another. */
  userId: string;
  /** The database's data version when the page was asked for. */
  dataVersion: number;
  /** The Beijing day pages are rendered as of (what is due, which months are over). */
  day: string;
};

export function pageCacheKey(parts: PageKeyParts): string {
  const varying = VARYING_REQUEST_HEADERS.map((name) => {
    const value = parts.headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? "");
  });
  return JSON.stringify([parts.userId, parts.dataVersion, parts.day, parts.url, ...varying]);
}

/** The nonce a Content-Security-Policy allows scripts and styles by, or null. */
export function policyNonce(policy: string): string | null {
  return /'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
}

/**
 * A rendered page kept with its nonce cut out: the body is `parts` joined by the nonce of the
 * response it goes out in. `deflated` holds each part compressed on its own (raw deflate ending on
 * a byte boundary, never the last block), so that a gzip body is these joined by the nonce's own
 * deflate block, closed by an empty last block and the checksum — as pigz joins what it compresses
 * in parallel.
 */
export type StoredPage = {
  status: number;
  headers: [string, string][];
  parts: Buffer[];
  deflated: Buffer[];
  bytes: number;
};

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

function deflatePart(part: Uint8Array): Buffer {
  return zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** Where the nonce stood in a stored page's headers. */
const NONCE_PLACEHOLDER = "\u0000nonce\u0000";

/** Cuts the nonce out of a rendered page (its body and headers), ready to be served with another. */
export function storePage(status: number, headers: [string, string][], body: Buffer, nonce: string): StoredPage {
  const parts: Buffer[] = [];
  const needle = Buffer.from(nonce);
  let start = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, start)) {
    parts.push(body.subarray(start, at));
    start = at + needle.length;
  }
  parts.push(body.subarray(start));
  const stored = headers.map(([name, value]): [string, string] => [name, value.split(nonce).join(NONCE_PLACEHOLDER)]);
  const headerBytes = stored.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  const kept = parts.map((part) => Buffer.from(part));
  const deflated = kept.map(deflatePart);
  const deflatedBytes = deflated.reduce((sum, part) => sum + part.length, 0);
  return { status, headers: stored, parts: kept, deflated, bytes: body.length + deflatedBytes + headerBytes };
}

/** The stored page's headers carrying `nonce`. */
export function headersWithNonce(page: StoredPage, nonce: string): [string, string][] {
  return page.headers.map(([name, value]): [string, string] => [name, value.split(NONCE_PLACEHOLDER).join(nonce)]);
}

/** The stored page's body carrying `nonce`. */
export function bodyWithNonce(page: StoredPage, nonce: string): Buffer {
  const needle = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  page.parts.forEach((part, index) => {
    if (index > 0) pieces.push(needle);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

/** The stored page's headers and body carrying `nonce`. */
export function withNonce(page: StoredPage, nonce: string): { headers: [string, string][]; body: Buffer } {
  return { headers: headersWithNonce(page, nonce), body: bodyWithNonce(page, nonce) };
}

/** The stored page's body carrying `nonce`, as gzip (what `withNonce` gives, compressed). */
export function gzipWithNonce(page: StoredPage, nonce: string): Buffer {
  const needle = Buffer.from(nonce);
  const deflatedNeedle = deflatePart(needle);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  page.parts.forEach((part, index) => {
    if (index > 0) {
      pieces.push(deflatedNeedle);
      crc = zlib.crc32(needle, crc);
      length += needle.length;
    }
    const deflated = page.deflated[index];
    if (!deflated) throw new Error("stored page without its compressed part");
    pieces.push(deflated);
    crc = zlib.crc32(part, crc);
    length += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  pieces.push(LAST_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/** A store bounded by entries and bytes that forgets the least recently used first. */
export class LruStore<Value extends { bytes: number }> {
  private readonly entries = new Map<string, Value>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: Value): void {
    if (value.bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += value.bytes;
    for (const [oldest, stored] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= stored.bytes;
    }
  }

  delete(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.bytes -= value.bytes;
  }

  /** Forgets everything: an older data version's pages are never asked for again. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }
}

export type PageCacheSettings = { enabled: boolean; maxBytes: number; maxEntries: number };

/** PAGE_CACHE=off turns the cache off; PAGE_CACHE_MB bounds its memory (default 32). A wrong value is an error at start. */
export function pageCacheSettings(env: Record<string, string | undefined>): PageCacheSettings {
  const switchText = (env.PAGE_CACHE ?? "on").trim().toLowerCase();
  if (!["on", "off", ""].includes(switchText)) throw new Error(`PAGE_CACHE=${env.PAGE_CACHE} 无效：应为 on 或 off`);
  const mbText = (env.PAGE_CACHE_MB ?? "").trim();
  const mb = mbText === "" ? 32 : Number(mbText);
  if (!Number.isInteger(mb) || mb < 1 || mb > 4096) throw new Error(`PAGE_CACHE_MB=${env.PAGE_CACHE_MB} 无效：应为 1 到 4096 之间的整数（兆字节）`);
  return { enabled: switchText !== "off", maxBytes: mb * 1024 * 1024, maxEntries: 2000 };
}
