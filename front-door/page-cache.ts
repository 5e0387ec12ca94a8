/**
 * The page cache of the front door (server.ts): the dashboard, rankings, the review pack and an
 * indicator's history, rendered once per (account, address, data version, day) and then served
 * without Next until anything is written to the database.
 *
 * Who sees a copy: the session is checked first, on every request, exactly as pages check it
 * (db/auth-core.ts `signedInAccount`: a valid, unexpired session of an enabled account). No
 * session, no cache — the request goes to Next, which sends it to sign in. Copies are per account,
 * so one account's page is never another's; an account's unit, role or status changing is a write,
 * which changes the data version, so its old copies are never served again.
 *
 * What a copy holds: only a 200 answer without Set-Cookie, HTML or an RSC payload. A 403 (another
 * unit's `?unit=`), a redirect, an error page is passed on and never kept. The nonce the page was
 * rendered with is cut out and each served copy gets a fresh one, in its body and its policy alike.
 *
 * Freshness: SQLite's data version (db/data-version.ts) changes on every commit by any connection
 * or process — the app's saves, imports, settings and accounts, and CLI scripts (db:seed,
 * db:clear-demo, user:add…). A replaced database file (a restore while running) turns the cache off
 * until the restart the restore asks for.
 */
import { IncomingMessage, type ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createAuth, signedInAccount, type Auth } from "../db/auth-core";
import { databasePath, getDb } from "../db/client";
import { openDataVersion, type DataVersion } from "../db/data-version";
import { currentTime } from "../lib/clock";
import { beijingDate } from "../lib/due-dates";
import { bodyWithNonce, gzipWithNonce, headersWithNonce, isCachedPage, LruStore, pageCacheKey, policyNonce, storePage, type PageCacheSettings, type StoredPage } from "../lib/page-cache";
import { newNonce } from "../lib/security-headers";

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Says whether the answer came from the cache: "hit", or "miss" for a page rendered now (and kept if it may be). */
export const CACHE_HEADER = "X-Page-Cache";

const gzip = promisify(zlib.gzip);
/** Headers not kept with a copy: they belong to one response (length and encoding are set when it is sent). */
const PER_RESPONSE_HEADERS = new Set(["set-cookie", "date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);
const CACHED_TYPES = ["text/html", "text/x-component"];

export class PageCache {
  private readonly store: LruStore<StoredPage>;
  private auth: Auth | null = null;
  private version: DataVersion | null = null;
  private generation = "";

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
    const dataVersion = account ? this.dataVersionNow() : null;
    if (!account || dataVersion === null) return handle(request, response);
    const day = dayKey(currentTime());
    // copies of an older version or day are never asked for again
    const generation = `${dataVersion} ${day}`;
    if (generation !== this.generation) {
      this.store.clear();
      this.generation = generation;
    }
    const key = pageCacheKey({ url: request.url ?? "/", headers: request.headers, userId: account.id, dataVersion, day });
    const stored = this.store.get(key);
    if (stored) return send(request, response, stored, newNonce(), "hit");

    const encodings = request.headers["accept-encoding"];
    // Next answers uncompressed, so the nonce can be found and the copy kept; compressed when sent
    delete request.headers["accept-encoding"];
    const rendered = await capture(request, response, handle);
    if (encodings !== undefined) request.headers["accept-encoding"] = encodings;
    const page = keepable(rendered);
    if (page) {
      this.store.set(key, page.stored);
      return send(request, response, page.stored, page.nonce, "miss");
    }
    return finish(request, response, rendered.status, rendered.body);
  }

  /** The account, as pages check it; null too when the check cannot be made (the database unreadable: Next says so). */
  private async signedIn(request: IncomingMessage): Promise<{ id: string } | null> {
    try {
      this.auth ??= createAuth(getDb());
      return await signedInAccount(this.auth, toHeaders(request));
    } catch {
      return null;
    }
  }

  private dataVersionNow(): number | null {
    try {
      this.version ??= openDataVersion(databasePath());
    } catch {
      return null;
    }
    const version = this.version.read();
    // the file was replaced or removed: no copy is served or kept until the server restarts
    if (version === null) this.store.clear();
    return version;
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

/** A copy worth keeping: a 200 page for this one account, with no cookie set and a nonce to replace. */
function keepable(rendered: Rendered): { stored: StoredPage; nonce: string } | null {
  if (rendered.status !== 200 || rendered.setsCookie) return null;
  const type = rendered.headers.find(([name]) => name === "content-type")?.[1] ?? "";
  if (!CACHED_TYPES.some((cached) => type.startsWith(cached))) return null;
  const policy = rendered.headers.find(([name]) => name === "content-security-policy")?.[1];
  const nonce = policy ? policyNonce(policy) : null;
  if (!nonce) return null;
  const kept = rendered.headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
  return { stored: storePage(rendered.status, kept, rendered.body, nonce), nonce };
}

async function send(request: IncomingMessage, response: ServerResponse, page: StoredPage, nonce: string, state: "hit" | "miss"): Promise<void> {
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  for (const [name, value] of headersWithNonce(page, nonce)) response.setHeader(name, value);
  response.setHeader(CACHE_HEADER, state);
  response.statusCode = page.status;
  response.setHeader("Vary", varyWithEncoding(response.getHeader("vary")));
  // compressed when kept: the gzip is put together around the fresh nonce, not compressed again
  const gzipped = acceptsGzip(request);
  const sent = gzipped ? gzipWithNonce(page, nonce) : bodyWithNonce(page, nonce);
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
