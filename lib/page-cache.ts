import zlib from "node:zlib";

/**
 * The parts of the page cache that need no server: which pages it holds, who shares a copy and
 * what it is keyed by, a bounded least-recently-used store, and how a stored copy gets the nonce of the response it is
 * served in (and, compressed once when kept, its gzip with that nonce, without compressing again). The front door (front-door/page-cache.ts) checks the session and reads the data
 * version; this module decides nothing about who may see what.
 */

/** The read pages leadership reloads: the dashboard, rankings, the review pack, an indicator's history, the targets. */
const CACHED_PAGES = [/^\/$/, /^\/rankings$/, /^\/review\/[^/]+$/, /^\/indicators\/[^/]+$/, /^\/targets$/];

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

/**
 * Who a copy is for. Copies are shared by every account that sees the same page: the same role,
 * grants and unit scope (the one unit a town account is limited to, or every unit). The account's
 * own name in the header is the one thing of its own on these pages: a shared copy is rendered with
 * `NAME_HEADER`'s placeholder in its place and each account gets its own name put in when served.
 * A name with a character that would need escaping in HTML or in the page's script data (anything
 * but letters, marks, digits, spaces and a few marks of punctuation) is never put in: such an account
 * gets copies of its own.
 */
export type Audience = { key: string; shared: boolean };

const SHAREABLE_NAME = /^[\p{L}\p{M}\p{N} ·._()（）-]{1,64}$/u;

export function pageAudience(account: { id: string; name: string; role: string; grants: readonly string[]; unitId: number | null }): Audience {
  const scope = account.role === "admin" ? null : account.unitId;
  if (!SHAREABLE_NAME.test(account.name)) return { key: JSON.stringify(["account", account.id]), shared: false };
  return { key: JSON.stringify(["shared", account.role, [...account.grants].sort(), scope]), shared: true };
}

/**
 * The request header with which the page cache asks Next for a shared copy: the placeholder the
 * header shows instead of the account's name (app/(app)/layout.tsx). Removed from every request
 * as it arrives (server.ts), so only the cache can set it.
 */
export const NAME_HEADER = "x-kepu-shared-name";

/**
 * The unit a cached page shows: the rankings always the home unit's; the others their `?unit=`,
 * else the account's own unit, else the home unit. Null when the address names none clearly (Next
 * then answers 404 or 403, which is never kept).
 */
export function pageUnitId(url: string, account: { unitId: number | null; role: string }, homeUnitId: number | null): number | null {
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  if (pathname === "/rankings") return homeUnitId;
  const requested = new URLSearchParams(query === -1 ? "" : url.slice(query + 1)).getAll("unit");
  if (requested.length > 1) return null;
  const [one] = requested;
  if (one === undefined || one === "") return (account.role === "admin" ? null : account.unitId) ?? homeUnitId;
  return /^[1-9]\d{0,9}$/.test(one) ? Number(one) : null;
}

/**
 * The counters a page of `unitId` depends on (cache_versions, see db/schema.ts): everything global,
 * every rank and peer figure, and its unit's own (a town's writes count for its district too). The
 * rankings count only what they show of the unit (`rankings:<id>`: not a non-ranked figure changed in
 * place); a town's targets are a share of the district's: that page counts the home unit's too.
 */
export function pageVersions(versions: ReadonlyMap<string, number>, url: string, unitId: number, homeUnitId: number | null): number[] {
  const scopes = ["global", "ranks", /^\/rankings(\?|$)/.test(url) ? `rankings:${unitId}` : `unit:${unitId}`];
  if (/^\/targets(\?|$)/.test(url) && homeUnitId !== null) scopes.push(`unit:${homeUnitId}`);
  return scopes.map((scope) => versions.get(scope) ?? 0);
}

export type PageKeyParts = {
  /** Path and query, as requested. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Who the copy is for (pageAudience). */
  audience: string;
  /** The counters of what the page shows when it was asked for (pageVersions). */
  versions: readonly number[];
  /** The Beijing day pages are rendered as of (what is due, which months are over). */
  day: string;
};

export function pageCacheKey(parts: PageKeyParts): string {
  const varying = VARYING_REQUEST_HEADERS.map((name) => {
    const value = parts.headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? "");
  });
  return JSON.stringify([parts.audience, parts.versions, parts.day, parts.url, ...varying]);
}

/** The nonce a Content-Security-Policy allows scripts and styles by, or null. */
export function policyNonce(policy: string): string | null {
  return /'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
}

/**
 * A rendered page kept with its nonce (and, for a shared copy, the name placeholder) cut out: the
 * body is `parts` joined by `holes` — the nonce of the response it goes out in, or the account's
 * name. `deflated` holds each part compressed on its own (raw deflate ending on
 * a byte boundary, never the last block), so that a gzip body is these joined by the nonce's own
 * deflate block, closed by an empty last block and the checksum — as pigz joins what it compresses
 * in parallel.
 */
export type StoredPage = {
  status: number;
  headers: [string, string][];
  parts: Buffer[];
  /** What goes between part i and part i + 1. */
  holes: Hole[];
  deflated: Buffer[];
  bytes: number;
};

export type Hole = "nonce" | "name";
/** What a served copy puts in its holes. */
export type Filling = { nonce: string; name?: string };

function fill(hole: Hole, filling: Filling): Buffer {
  if (hole === "name" && filling.name === undefined) throw new Error("shared page served without a name");
  return Buffer.from(hole === "nonce" ? filling.nonce : (filling.name ?? ""));
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

function deflatePart(part: Uint8Array): Buffer {
  return zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** Where the nonce stood in a stored page's headers. */
const NONCE_PLACEHOLDER = "\u0000nonce\u0000";

/**
 * Whether a piece of the placeholder is left in a body once every whole one was found: the page's
 * script data can be written in chunks that split it. Any split leaves a piece of at least half.
 */
export function holdsPieceOf(body: Buffer, placeholder: string): boolean {
  const half = Math.ceil(placeholder.length / 2);
  for (let start = 0; start + half <= placeholder.length; start += 1) {
    if (body.includes(placeholder.slice(start, start + half))) return true;
  }
  return false;
}

/**
 * Cuts the nonce (and `namePlaceholder`, for a shared copy) out of a rendered page, its body and
 * headers, ready to be served with another (`placeholderSplit` says whether it may be).
 */
export function storePage(status: number, headers: [string, string][], body: Buffer, nonce: string, namePlaceholder?: string): StoredPage {
  const needles: { hole: Hole; bytes: Buffer }[] = [{ hole: "nonce", bytes: Buffer.from(nonce) }];
  if (namePlaceholder !== undefined) needles.push({ hole: "name", bytes: Buffer.from(namePlaceholder) });
  const parts: Buffer[] = [];
  const holes: Hole[] = [];
  let start = 0;
  for (;;) {
    let next: { hole: Hole; at: number; length: number } | null = null;
    for (const needle of needles) {
      const at = body.indexOf(needle.bytes, start);
      if (at !== -1 && (next === null || at < next.at)) next = { hole: needle.hole, at, length: needle.bytes.length };
    }
    if (!next) break;
    parts.push(body.subarray(start, next.at));
    holes.push(next.hole);
    start = next.at + next.length;
  }
  parts.push(body.subarray(start));
  const stored = headers.map(([name, value]): [string, string] => [name, value.split(nonce).join(NONCE_PLACEHOLDER)]);
  const headerBytes = stored.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  const kept = parts.map((part) => Buffer.from(part));
  const deflated = kept.map(deflatePart);
  const deflatedBytes = deflated.reduce((sum, part) => sum + part.length, 0);
  return { status, headers: stored, parts: kept, holes, deflated, bytes: body.length + deflatedBytes + headerBytes };
}

/** Whether a piece of the placeholder is left in a stored page: it cannot be served. */
export function placeholderSplit(page: StoredPage, placeholder: string): boolean {
  return page.parts.some((part) => holdsPieceOf(part, placeholder));
}

/** The stored page's headers carrying `nonce`. */
export function headersWithNonce(page: StoredPage, nonce: string): [string, string][] {
  return page.headers.map(([name, value]): [string, string] => [name, value.split(NONCE_PLACEHOLDER).join(nonce)]);
}

/** The stored page's body with its holes filled. */
export function bodyWithNonce(page: StoredPage, filling: Filling): Buffer {
  const pieces: Buffer[] = [];
  page.parts.forEach((part, index) => {
    const hole = index > 0 ? page.holes[index - 1] : undefined;
    if (hole) pieces.push(fill(hole, filling));
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

/** The stored page's headers and body with its holes filled. */
export function withNonce(page: StoredPage, filling: Filling): { headers: [string, string][]; body: Buffer } {
  return { headers: headersWithNonce(page, filling.nonce), body: bodyWithNonce(page, filling) };
}

/** The stored page's body with its holes filled, as gzip (what `withNonce` gives, compressed). */
export function gzipWithNonce(page: StoredPage, filling: Filling): Buffer {
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  const deflatedHoles = new Map<Hole, { bytes: Buffer; deflated: Buffer }>();
  page.parts.forEach((part, index) => {
    const hole = index > 0 ? page.holes[index - 1] : undefined;
    if (hole) {
      let filled = deflatedHoles.get(hole);
      if (!filled) {
        const bytes = fill(hole, filling);
        filled = { bytes, deflated: deflatePart(bytes) };
        deflatedHoles.set(hole, filled);
      }
      pieces.push(filled.deflated);
      crc = zlib.crc32(filled.bytes, crc);
      length += filled.bytes.length;
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

  /** Forgets everything: an older day's pages are never asked for again. */
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
