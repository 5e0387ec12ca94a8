/**
 * The page cache of the front door (server.ts): the dashboard, rankings, the review pack, an
 * indicator's history and the targets, rendered once per (audience, address, counters of what it shows, day) and
 * then served without Next until something it shows is written.
 *
 * Who sees a copy: the session is checked first, on every request, exactly as pages check it
 * (db/auth-core.ts `signedInAccount`: a valid, unexpired session of an enabled account). No
 * session, no cache — the request goes to Next, which sends it to sign in. A copy is shared by the
 * accounts that see the same page — the same role, grants and unit scope, read afresh on every
 * request (lib/page-cache.ts `pageAudience`) — so a town's account never gets the district's copy
 * nor a viewer a staff member's; the account's name in the header is put in when served.
 *
 * Freshness: the copy is keyed by the counters of what it shows (cache_versions, kept by triggers
 * in every writing transaction, by any connection or process: db/schema.ts) — its unit's, every
 * rank's and everything global — read again whenever SQLite's data version moves. A save for one
 * unit drops only the pages of that unit (and of its district, for a town).
 *
 * What a copy holds: only a 200 answer without Set-Cookie, HTML or an RSC payload. A 403 (another
 * unit's `?unit=`), a redirect, an error page is passed on and never kept. The nonce the page was
 * rendered with is cut out and each served copy gets a fresh one, in its body and its policy alike.
 *
 * A replaced database file (a restore while running) turns the cache off until the restart the
 * restore asks for.
 */
import { randomBytes } from "node:crypto";
import { IncomingMessage, type ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createAuth, signedInAccount, type Auth } from "../db/auth-core";
import { databasePath, getDb } from "../db/client";
import { openPageCacheReads, type PageCacheReads } from "../db/page-cache-reads";
import { currentTime } from "../lib/clock";
import { beijingDate } from "../lib/due-dates";
import {
  bodyWithNonce,
  gzipWithNonce,
  headersWithNonce,
  holdsPieceOf,
  isCachedPage,
  LruStore,
  NAME_HEADER,
  pageAudience,
  pageCacheKey,
  pageUnitId,
  pageVersions,
  placeholderSplit,
  policyNonce,
  storePage,
  type Filling,
  type PageCacheSettings,
  type StoredPage,
} from "../lib/page-cache";
import { newNonce } from "../lib/security-headers";

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Says whether the answer came from the cache: "hit", or "miss" for a page rendered now (and kept if it may be). */
export const CACHE_HEADER = "X-Page-Cache";

const gzip = promisify(zlib.gzip);
/** Headers not kept with a copy: they belong to one response (length and encoding are set when it is sent). */
const PER_RESPONSE_HEADERS = new Set(["set-cookie", "date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);
const CACHED_TYPES = ["text/html", "text/x-component"];
const RENDERS_AT_ONCE = 2;
/** What a page's key is with no counters: the same for all its copies, old and new. */
const NO_VERSIONS: ReadonlyMap<string, number> = new Map();
const NEWEST_LIMIT = 10_000;

/** At most `size` holders at once; the others wait in order. */
class Turns {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Waits for a turn; call what it gives back to end it. */
  async take(): Promise<() => void> {
    if (this.held >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      // the turn passes straight to the next in line
      if (next) next();
      else this.held -= 1;
    };
  }
}

export class PageCache {
  private readonly store: LruStore<StoredPage>;
  private auth: Auth | null = null;
  private reads: PageCacheReads | null = null;
  private day = "";
  /** What a shared copy's header shows instead of the name: random, so no page holds it by chance. */
  private readonly placeholder = `kepuname${randomBytes(12).toString("hex")}`;
  /** The newest copy's key of each page for each audience: an older one is never asked for again. */
  private readonly newest = new Map<string, string>();
  /** Copies being rendered now, by key: who asks for one meanwhile waits for it. */
  private readonly rendering = new Map<string, Promise<StoredPage | null>>();
  /**
   * Renders of cached pages run a few at a time: on the one event loop more at once are no faster,
   * each holds its memory the longer, and a save waits behind all of them.
   */
  private readonly renders = new Turns(RENDERS_AT_ONCE);

  constructor(settings: PageCacheSettings) {
    this.store = new LruStore(settings.maxEntries, settings.maxBytes);
  }

  /** A GET of one of the cached pages (not a server action). */
  handles(request: IncomingMessage): boolean {
    if (request.method !== "GET" || request.headers["next-action"] !== undefined) return false;
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    return isCachedPage(query === -1 ? url : url.slice(0, query));
  }

  async serve(request: IncomingMessage, response: ServerResponse, handle: Handle): Promise<void> {
    const account = await this.signedIn(request);
    const reads = account ? this.pageCacheReads() : null;
    const versions = reads?.versions() ?? null;
    if (!account || !reads || versions === null) {
      // the file was replaced or removed: no copy is served or kept until the server restarts
      if (account && reads && versions === null) this.forget();
      return handle(request, response);
    }
    const scope = reads.accountScope(account.id);
    const viewer = { ...account, ...scope };
    const url = request.url ?? "/";
    const unitId = pageUnitId(url, viewer, reads.homeUnitId());
    if (unitId === null) return handle(request, response);
    const day = dayKey(currentTime());
    // an older day's copies are never asked for again
    if (day !== this.day) {
      this.forget();
      this.day = day;
    }
    const audience = pageAudience(viewer);
    const keyAt = (now: ReadonlyMap<string, number>) =>
      pageCacheKey({ url, headers: request.headers, audience: audience.key, versions: pageVersions(now, url, unitId, reads.homeUnitId()), day });
    const key = keyAt(versions);
    const filling = (nonce: string): Filling => ({ nonce, name: account.name });
    const stored = this.store.get(key);
    if (stored) return send(request, response, stored, filling(newNonce()), "hit");
    // the same copy already being rendered for someone: wait for it rather than render it again
    const pending = this.rendering.get(key);
    if (pending) {
      const page = await pending;
      if (page) return send(request, response, page, filling(newNonce()), "hit");
    }
    let done: (page: StoredPage | null) => void = () => undefined;
    const rendering = new Promise<StoredPage | null>((resolve) => (done = resolve));
    // the keys this render is the one awaited for (none when another render of this key went wrong)
    const claimed: string[] = pending ? [] : [key];
    for (const one of claimed) this.rendering.set(one, rendering);
    const turn = await this.renders.take();
    try {
      // written to meanwhile: the render shows the data as it is now, and is kept as such, where
      // those asking from now on look for it
      const now = reads.versions();
      if (now === null) return await handle(request, response);
      const current = keyAt(now);
      const kept = this.store.get(current);
      if (kept) return send(request, response, kept, filling(newNonce()), "hit");
      if (current !== key && !this.rendering.has(current)) {
        this.rendering.set(current, rendering);
        claimed.push(current);
      }
      return await this.render(request, response, handle, { key: current, slot: keyAt(NO_VERSIONS), shared: audience.shared, filling, done });
    } finally {
      turn();
      done(null);
      for (const one of claimed) if (this.rendering.get(one) === rendering) this.rendering.delete(one);
    }
  }

  private async render(
    request: IncomingMessage,
    response: ServerResponse,
    handle: Handle,
    copy: { key: string; slot: string; shared: boolean; filling: (nonce: string) => Filling; done: (page: StoredPage | null) => void },
  ): Promise<void> {
    const { key, slot, shared, filling } = copy;
    const encodings = request.headers["accept-encoding"];
    // Next answers uncompressed, so the nonce can be found and the copy kept; compressed when sent
    delete request.headers["accept-encoding"];
    if (shared) request.headers[NAME_HEADER] = this.placeholder;
    let rendered = await capture(request, response, handle);
    const page = keepable(rendered, shared ? this.placeholder : undefined);
    if (shared && !page && holdsPieceOf(rendered.body, this.placeholder)) {
      // not kept (an error page, or the placeholder split in the page's script data): the
      // account's own page instead, with its name
      delete request.headers[NAME_HEADER];
      for (const name of response.getHeaderNames()) response.removeHeader(name);
      rendered = await capture(request, response, handle);
    }
    delete request.headers[NAME_HEADER];
    if (encodings !== undefined) request.headers["accept-encoding"] = encodings;
    if (page) {
      const older = this.newest.get(slot);
      if (older !== undefined && older !== key) this.store.delete(older);
      // bounded as the store is: made-up addresses cannot grow it
      if (this.newest.size >= NEWEST_LIMIT) this.newest.clear();
      this.newest.set(slot, key);
      this.store.set(key, page.stored);
      copy.done(page.stored);
      return send(request, response, page.stored, filling(page.nonce), "miss");
    }
    return finish(request, response, rendered.status, rendered.body);
  }

  /** The account, as pages check it; null too when the check cannot be made (the database unreadable: Next says so). */
  private async signedIn(request: IncomingMessage): Promise<{ id: string; name: string; role: string } | null> {
    try {
      this.auth ??= createAuth(getDb());
      const account = await signedInAccount(this.auth, toHeaders(request));
      return account ? { id: account.id, name: account.name, role: String(account.role ?? "") } : null;
    } catch {
      return null;
    }
  }

  private forget(): void {
    this.store.clear();
    this.newest.clear();
  }

  private pageCacheReads(): PageCacheReads | null {
    try {
      this.reads ??= openPageCacheReads(databasePath());
      return this.reads;
    } catch {
      return null;
    }
  }
}

function dayKey(now: Date): string {
  const { year, month, day } = beijingDate(now);
  return `${year}-${month}-${day}`;
}

function toHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

type Rendered = { status: number; headers: [string, string][]; setsCookie: boolean; body: Buffer };

/**
 * Lets Next answer into a buffer instead of the socket: the whole answer, status and headers
 * (which Next sets on the response object) are read once it has ended.
 */
async function capture(request: IncomingMessage, response: ServerResponse, handle: Handle): Promise<Rendered> {
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve) => {
    // a client that goes away before Next has answered
    response.once("close", resolve);
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" && Buffer.isEncoding(encoding) ? encoding : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const callbackOf = (...args: unknown[]) => args.find((arg): arg is () => void => typeof arg === "function");
    Object.defineProperties(response, {
      write: {
        configurable: true,
        writable: true,
        value: (chunk: unknown, ...rest: unknown[]) => {
          keep(chunk, rest[0]);
          callbackOf(...rest)?.();
          return true;
        },
      },
      end: {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          if (typeof args[0] !== "function") keep(args[0], args[1]);
          callbackOf(...args)?.();
          resolve();
          return response;
        },
      },
      writeHead: {
        configurable: true,
        writable: true,
        value: (status: number, ...rest: unknown[]) => {
          response.statusCode = status;
          const headers = rest.find((arg) => typeof arg === "object" && arg !== null);
          if (Array.isArray(headers)) {
            for (let index = 0; index + 1 < headers.length; index += 2) response.setHeader(String(headers[index]), String(headers[index + 1]));
          } else if (headers) {
            for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, toHeaderValue(value));
          }
          return response;
        },
      },
      flushHeaders: { configurable: true, writable: true, value: () => undefined },
    });
  });
  try {
    await handle(request, response);
    await ended;
  } finally {
    // the response's own methods again (the instance's overrides removed)
    for (const name of ["write", "end", "writeHead", "flushHeaders"]) Reflect.deleteProperty(response, name);
  }
  const headers: [string, string][] = [];
  let setsCookie = false;
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value === undefined) continue;
    if (name === "set-cookie") setsCookie = true;
    headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
  }
  return { status: response.statusCode, headers, setsCookie, body: Buffer.concat(chunks) };
}

function toHeaderValue(value: unknown): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

/** A copy worth keeping: a 200 page with no cookie set, a nonce to replace and, when shared, the name placeholder whole. */
function keepable(rendered: Rendered, namePlaceholder: string | undefined): { stored: StoredPage; nonce: string } | null {
  if (rendered.status !== 200 || rendered.setsCookie) return null;
  const type = rendered.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  if (!CACHED_TYPES.some((cached) => type.startsWith(cached))) return null;
  const policy = rendered.headers.find(([name]) => name === "content-security-policy")?.[1];
  const nonce = policy ? policyNonce(policy) : null;
  if (!nonce) return null;
  const kept = rendered.headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
  const stored = storePage(rendered.status, kept, rendered.body, nonce, namePlaceholder);
  if (namePlaceholder !== undefined && placeholderSplit(stored, namePlaceholder)) return null;
  return { stored, nonce };
}

async function send(request: IncomingMessage, response: ServerResponse, page: StoredPage, filling: Filling, state: "hit" | "miss"): Promise<void> {
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  for (const [name, value] of headersWithNonce(page, filling.nonce)) response.setHeader(name, value);
  response.setHeader(CACHE_HEADER, state);
  response.statusCode = page.status;
  response.setHeader("Vary", varyWithEncoding(response.getHeader("vary")));
  // compressed when kept: the gzip is put together around the fresh nonce, not compressed again
  const gzipped = acceptsGzip(request);
  const sent = gzipped ? gzipWithNonce(page, filling) : bodyWithNonce(page, filling);
  if (gzipped) response.setHeader("Content-Encoding", "gzip");
  response.setHeader("Content-Length", sent.length);
  response.end(sent);
}

/** Sends the body, compressed when the client takes gzip and it is worth it. */
async function finish(request: IncomingMessage, response: ServerResponse, status: number, body: Buffer): Promise<void> {
  response.statusCode = status;
  response.removeHeader("content-length");
  response.removeHeader("content-encoding");
  const type = String(response.getHeader("content-type") ?? "");
  const compressible = body.length > 1024 && (type.startsWith("text/") || type.includes("json") || type.includes("javascript"));
  let sent = body;
  if (compressible && acceptsGzip(request)) {
    sent = await gzip(body, { level: 6 });
    response.setHeader("Content-Encoding", "gzip");
  }
  if (compressible) response.setHeader("Vary", varyWithEncoding(response.getHeader("vary")));
  response.setHeader("Content-Length", sent.length);
  response.end(sent);
}

function acceptsGzip(request: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
}

function varyWithEncoding(vary: ReturnType<ServerResponse["getHeader"]>): string {
  const names = (Array.isArray(vary) ? vary.join(",") : String(vary ?? "")).split(",").map((name) => name.trim()).filter(Boolean);
  if (!names.some((name) => name.toLowerCase() === "accept-encoding")) names.push("Accept-Encoding");
  return names.join(", ");
}
