/**
 * What the app's own server (server.ts) refuses before a request reaches Next, each with a clear
 * 4xx in Chinese instead of the 500 (or the English 4xx) Next would answer: a method the app does
 * not serve, a path whose percent-encoding does not decode, a body over the limit or of unstated
 * length, a server-action call from another site (Next's own CSRF rule, answered 403 here), with an
 * id that cannot be one, or whose body is not a form (every action of this app takes FormData, which
 * a browser always sends as multipart), and a form that does not parse, has more parts than any form
 * of the app, or whose action arguments React could not decode (lib/action-body.ts).
 */
import type { Readable } from "node:stream";
import busboy from "next/dist/compiled/busboy";
import { isCsrfOriginAllowed } from "next/dist/server/app-render/csrf-protection";
import { actionBodyProblem, LIMITS, type FormEntry } from "./action-body";

/** The largest request body accepted (an import of up to 5 MB, lib/sheet/limits.ts, with its form); Next's server-action limit is set from it too (next.config.ts). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Hosts (Next's patterns, e.g. "*.example.gov.cn") besides the request's own from which a server action may be called: next.config.ts hands the same list to Next. */
export const ALLOWED_ACTION_ORIGINS: string[] = [];

/** The header in which server.ts passes on the connection's peer address, overwriting any a client sent. */
export const PEER_ADDRESS_HEADER = "x-kepu-peer-address";

declare global {
  /** Set by server.ts once it serves: the peer-address header comes from it, not from a client. */
  var kepuFrontDoor: boolean | undefined;
}

export type RequestHead = {
  method: string;
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
};

export type DoorRefusal = { status: 400 | 403 | 405 | 408 | 411 | 413 | 431; message: string; headers?: Record<string, string> };

/** What every page and route answers. The API's route handlers also answer PUT, PATCH, DELETE (the read-only API's own 405) and OPTIONS themselves. */
const SERVED_METHODS = new Set(["GET", "HEAD", "POST"]);
const API_METHODS = new Set([...SERVED_METHODS, "PUT", "PATCH", "DELETE", "OPTIONS"]);
export const METHOD_REFUSAL: DoorRefusal = {
  status: 405,
  message: "本系统不支持这种请求方式（只接受 GET、HEAD 和 POST），未做任何处理。",
  headers: { Allow: "GET, HEAD, POST" },
};

/** Next's action ids: 42 hexadecimal digits. */
const ACTION_ID = /^[0-9a-f]{42}$/;

export function header(request: RequestHead, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

const isMultipart = (request: RequestHead) => /^multipart\/form-data\s*;/i.test(header(request, "content-type") ?? "");

/**
 * Next's CSRF check for a possible server action (any multipart post, or a post with Next-Action):
 * an Origin must name the request's host — the first X-Forwarded-Host, else Host — or one of the
 * allowed origins. No Origin passes (a browser always sends one with a post). Next throws on an
 * Origin that is no URL and refuses any other with a 500.
 */
function fromAnotherSite(request: RequestHead): boolean {
  const origin = header(request, "origin");
  if (origin === undefined) return false;
  const originHost = origin === "null" ? "null" : URL.canParse(origin) ? new URL(origin).host : undefined;
  if (originHost === undefined) return true;
  const host = header(request, "x-forwarded-host")?.split(",")[0]?.trim() || header(request, "host");
  return originHost !== host && !isCsrfOriginAllowed(originHost, ALLOWED_ACTION_ORIGINS);
}

export function refusalAtTheDoor(request: RequestHead): DoorRefusal | null {
  const path = request.url.split("?", 1)[0] ?? "";
  const methods = path === "/api" || path.startsWith("/api/") ? API_METHODS : SERVED_METHODS;
  if (!methods.has(request.method)) return METHOD_REFUSAL;
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, message: "地址中含有无效的百分号编码（如 %ZZ），请检查地址。" };
  }

  const length = header(request, "content-length");
  if (length === undefined && header(request, "transfer-encoding") !== undefined) {
    return { status: 411, message: "请求须注明内容长度（Content-Length），未做任何处理。" };
  }
  if (length !== undefined && !/^\d+$/.test(length.trim())) {
    return { status: 400, message: "请求的内容长度无效，未做任何处理。" };
  }
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
    return { status: 413, message: `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 的上限，未做任何处理。` };
  }

  const action = header(request, "next-action");
  if (request.method === "POST" && (action !== undefined || isMultipart(request)) && fromAnotherSite(request)) {
    return { status: 403, message: "请求来自其他网站（Origin 与本站不符），未做任何修改。" };
  }
  if (request.method === "POST" && action !== undefined) {
    if (!ACTION_ID.test(action)) return { status: 400, message: "请求格式不正确：操作编号无效，未做任何修改。" };
    if (!isMultipart(request)) return { status: 400, message: "请求格式不正确：本系统的操作只接受表单提交，未做任何修改。" };
  }
  return null;
}

/** A posted form is read whole (it is at most MAX_BODY_BYTES) and checked before Next sees it. */
export function isFormPost(request: RequestHead): boolean {
  return request.method === "POST" && isMultipart(request);
}

/** More than `limit` parts, counted by their delimiters before anything is parsed (100 000 empty parts fit in 6 MB). */
function hasMorePartsThan(body: Uint8Array<ArrayBuffer>, contentType: string, limit: number): boolean {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = Buffer.from(`\r\n--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
  if (delimiter.length === 4) return false;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // the first delimiter may open the body without a line break; the last closes the form
  let delimiters = bytes.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? 1 : 0;
  for (let at = bytes.indexOf(delimiter); at !== -1 && delimiters <= limit + 1; at = bytes.indexOf(delimiter, at + delimiter.length)) delimiters += 1;
  return delimiters > limit + 1;
}

/** The parts of a call with JavaScript as Next reads them: with its busboy, as it streams in (a form field and a file alike are a name in order). */
function partsAsNextReadsThem(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<FormEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: FormEntry[] = [];
    const parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { fieldSize: MAX_BODY_BYTES } });
    parser.on("field", (name: string, value: string) => entries.push([name, value]));
    parser.on("file", (name: string, stream: Readable, info: { encoding: string }) => {
      // React refuses (throws on) a file sent in base64
      if (info.encoding.toLowerCase() === "base64") parser.destroy(new Error("base64 file"));
      entries.push([name, stream]);
      stream.resume();
    });
    parser.on("error", reject);
    parser.on("close", () => resolve(entries));
    parser.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
}

/** The parts of a form without JavaScript as Next reads them: with undici's FormData. */
async function partsOfForm(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<FormEntry[]> {
  const form = await new Request("http://front.door/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
  return [...form.entries()];
}

const formRefusal = (problem: string): DoorRefusal => ({ status: 400, message: `请求格式不正确（${problem}），未做任何修改。` });

export async function formBodyRefusal(request: RequestHead, body: Uint8Array<ArrayBuffer>): Promise<DoorRefusal | null> {
  const contentType = header(request, "content-type") ?? "";
  if (hasMorePartsThan(body, contentType, LIMITS.parts)) return formRefusal(`表单部分过多：超过 ${LIMITS.parts} 个`);
  const withJavaScript = header(request, "next-action") !== undefined;
  let entries: FormEntry[];
  try {
    entries = await (withJavaScript ? partsAsNextReadsThem(contentType, body) : partsOfForm(contentType, body));
  } catch {
    return { status: 400, message: "表单数据格式不正确（无法解析），未做任何修改。" };
  }
  const problem = actionBodyProblem(entries, withJavaScript);
  return problem ? formRefusal(problem) : null;
}
