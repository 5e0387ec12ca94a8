/**
 * The production server (`npm start`): Next's request handler behind a thin front door that
 *  - passes on the connection's peer address in a header of its own (overwriting any a client sent),
 *    since `next start` only fills X-Forwarded-For with it when the client sent none — the only
 *    trustworthy address for throttling sign-in (lib/client-address.ts);
 *  - answers, in Chinese and before Next reads anything, requests Next would fail with a 500
 *    (lib/request-rules.ts): methods the app does not serve (405), undecodable paths, oversized or
 *    unsized bodies, action calls from another site (403), with an impossible id or a body that is
 *    no form, forms that do not parse, hold more than any form of the app, or carry action arguments
 *    React could not decode. A posted form is read whole here (at most 6 MB), checked in time linear
 *    in its size, and handed to Next as a fresh request with the same body. What Node's parser cannot
 *    read is answered in Chinese too (answerUnparsedRequest).
 *  - serves the read pages leadership reloads from a cache of rendered pages, for a signed-in
 *    account only and until anything is written (front-door/page-cache.ts).
 * It takes its port before Next starts (a busy port: one line, exit 1), and on SIGTERM or SIGINT
 * stops cleanly, closing the database. `npm start` runs it under its keeper, supervisor.ts, which
 * restarts it should it crash.
 * Environment: PORT (default 3000), HOSTNAME (default all interfaces), TRUSTED_PROXIES, PAGE_CACHE,
 * PAGE_CACHE_MB.
 * `npm run build` bundles it into .next/kepu-server.cjs, which `npm start` runs with plain node: a
 * TypeScript loader at run time would hold ~35 MB of memory for the server's whole life.
 */
import fs from "node:fs";
import { createServer, IncomingMessage, STATUS_CODES, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import path from "node:path";
import next from "next";
import { closeDatabase } from "./db/client";
import { PageCache } from "./front-door/page-cache";
import { parseTrustedProxies } from "./lib/client-address";
import { NAME_HEADER, pageCacheSettings } from "./lib/page-cache";
import { READY_MESSAGE } from "./lib/restart-policy";
import { formBodyRefusal, isFormPost, METHOD_REFUSAL, PEER_ADDRESS_HEADER, refusalAtTheDoor, type DoorRefusal } from "./lib/request-rules";
import { FIXED_SECURITY_HEADERS, isHttps, STRICT_TRANSPORT_SECURITY } from "./lib/security-headers";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;

/** The headers of every refusal: the fixed security headers, plain Chinese text, never cached, and any of its own. */
function refusalHeaders(refusal: DoorRefusal): [string, string][] {
  const headers = FIXED_SECURITY_HEADERS.map(({ key, value }): [string, string] => [key, value]);
  if (isHttps(process.env.APP_URL)) headers.push(["Strict-Transport-Security", STRICT_TRANSPORT_SECURITY]);
  headers.push(["Content-Type", "text/plain; charset=utf-8"], ["Cache-Control", "no-store"]);
  // the body (if any) is not read: close the connection once the answer is sent
  headers.push(["Connection", "close"]);
  return [...headers, ...Object.entries(refusal.headers ?? {})];
}

function refuse(response: ServerResponse, refusal: DoorRefusal): void {
  for (const [key, value] of refusalHeaders(refusal)) response.setHeader(key, value);
  response.statusCode = refusal.status;
  response.end(`${refusal.message}\n`);
}

const UNPARSED_REFUSALS: Record<string, DoorRefusal> = {
  HPE_INVALID_METHOD: METHOD_REFUSAL,
  HPE_HEADER_OVERFLOW: { status: 431, message: "请求头过大，未做任何处理。" },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: "请求未在时限内发完，未做任何处理。" },
};
const UNREADABLE_REQUEST: DoorRefusal = { status: 400, message: "请求无法解析（不是有效的 HTTP 请求），未做任何处理。" };

/**
 * A request Node's parser could not read never reaches `serve`: answered here in Chinese, as the door
 * answers (a method Node does not know, such as BREW, with the 405 of methods the app does not serve).
 */
function answerUnparsedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  refuseOnSocket(socket, UNPARSED_REFUSALS[error.code ?? ""] ?? UNREADABLE_REQUEST);
}

/** CONNECT (a request to open a tunnel) reaches neither `serve` nor Next: Node would drop the connection unanswered. */
function answerConnect(_request: IncomingMessage, socket: Duplex): void {
  refuseOnSocket(socket, METHOD_REFUSAL);
}

function refuseOnSocket(socket: Duplex, refusal: DoorRefusal): void {
  const body = Buffer.from(`${refusal.message}\n`);
  const head = [`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ""}`, ...refusalHeaders(refusal).map(([key, value]) => `${key}: ${value}`), `Content-Length: ${body.length}`];
  socket.end(Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`), body]));
}

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

async function serve(request: IncomingMessage, response: ServerResponse, handle: Handle, pages: PageCache | null): Promise<void> {
  const head = { method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers };
  const refusal = refusalAtTheDoor(head);
  if (refusal) {
    request.resume();
    refuse(response, refusal);
    return;
  }
  const peer = request.socket.remoteAddress;
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
  else delete request.headers[PEER_ADDRESS_HEADER];
  // only the page cache asks for a shared copy
  delete request.headers[NAME_HEADER];
  if (pages?.handles(request)) return pages.serve(request, response, handle);
  if (!isFormPost(head)) return handle(request, response);

  let body: Buffer;
  try {
    body = await readBody(request);
  } catch {
    // the client went away or sent less than it announced
    refuse(response, { status: 400, message: "请求未能读取完整，未做任何处理。" });
    return;
  }
  const formRefusal = await formBodyRefusal(head, new Uint8Array(body));
  if (formRefusal) {
    refuse(response, formRefusal);
    return;
  }
  return handle(replay(request, body), response);
}

/** The whole body; its length is known and within the limit (refusalAtTheDoor). */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** The same request with its body, already read, ready to be read again by Next. */
function replay(original: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * Next's config as the build finalized it (.next/required-server-files.json), handed over the way
 * Next's own standalone server does: otherwise Next compiles next.config.ts at start, which loads the
 * SWC compiler (~25 MB held for the server's lifetime) for nothing. Without a build, Next says so.
 */
function passBuiltConfig(): void {
  const file = path.join(process.cwd(), ".next", "required-server-files.json");
  if (!fs.existsSync(file)) return;
  const built: { config?: unknown } = JSON.parse(fs.readFileSync(file, "utf8"));
  if (built.config) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
}

async function main(): Promise<void> {
  // tsx (when server.ts is run from source) turns Node's source maps on; left on, Node would also read and
  // keep the source map of every chunk Next loads (about a third of the heap). Stack traces stay Next's own.
  process.setSourceMapsEnabled(false);
  // fail at start, with the culprit named, rather than at the first sign-in
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
  const cacheSettings = pageCacheSettings(process.env);
  passBuiltConfig();
  // the port first: a second server on a busy port stops here, before Next and its jobs start
  let ready: Handle | null = null;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!ready) return answerStarting(request, response);
    ready(request, response).catch((error: unknown) => {
      // a real fault (Next answers its own errors; this is what escaped it)
      console.error(error);
      if (response.headersSent) response.destroy();
      else {
        response.statusCode = 500;
        response.end("服务器内部错误，请稍后再试。\n");
      }
    });
  });
  server.on("clientError", answerUnparsedRequest);
  server.on("connect", answerConnect);
  await listen(server);

  const app = next({ dev: false, hostname, port });
  stopCleanly(server, () => app.close());
  const handle = app.getRequestHandler();
  await app.prepare();
  globalThis.kepuFrontDoor = true;
  const pages = cacheSettings.enabled ? new PageCache(cacheSettings) : null;
  ready = (request, response) => serve(request, response, handle, pages);
  console.log(`▲ 科普KPI看板 已启动：http://${hostname ?? "localhost"}:${port}`);
  // npm start's keeper (supervisor.ts) restarts the server only if it crashes
  process.send?.(READY_MESSAGE);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new Error(listenFailure(error)));
    server.once("error", failed);
    server.listen(port, hostname, () => {
      server.off("error", failed);
      resolve();
    });
  });
}

function listenFailure(error: NodeJS.ErrnoException): string {
  const where = hostname ? `${hostname}:${port}` : String(port);
  if (error.code === "EADDRINUSE") return `无法启动：端口 ${where} 已被占用（可能本服务已在运行），请先停止占用它的程序，或用 PORT 指定其他端口。`;
  if (error.code === "EACCES") return `无法启动：无权监听端口 ${where}（1024 以下的端口需要特权），请用 PORT 指定其他端口。`;
  if (error.code === "EADDRNOTAVAIL") return `无法启动：本机没有地址 ${hostname}，请检查 HOSTNAME。`;
  return `无法启动：监听 ${where} 失败（${error.code ?? error.message}）。`;
}

/** While Next prepares (a few seconds after a start or restart): a clear 503, never a hanging request. */
function answerStarting(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  response.statusCode = 503;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("Retry-After", "2");
  response.setHeader("Connection", "close");
  response.end("服务正在启动，请稍候刷新。\n");
}

/** How long requests under way may take to finish once a stop is asked for. */
const STOP_GRACE_MS = 10_000;

/**
 * On SIGTERM or SIGINT — or when npm start's keeper is gone (its channel closes) — take no new
 * requests, let those under way finish, then checkpoint the database's -wal into its file and close
 * it: a clean stop leaves every confirmed save in the database file itself.
 */
function stopCleanly(server: Server, closeNext: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      void closeNext()
        .catch((error: unknown) => console.error(error))
        .then(() => {
          try {
            closeDatabase();
          } catch (error) {
            console.error(`关闭数据库时出错：${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          }
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (process.send) process.on("disconnect", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
