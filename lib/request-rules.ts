/**
 * What the app's own server (server.ts) refuses before a request reaches Next, each with a clear
 * 4xx in Chinese instead of the 500 Next would answer: a path whose percent-encoding does not
 * decode, a body over the limit or of unstated length, a server-action call whose body is not a
 * form (every action of this app takes FormData, which a browser always sends as multipart), and a
 * form that does not parse or whose action arguments React could not decode (lib/action-body.ts).
 */
import { actionBodyProblem } from "./action-body";

/** The largest request body accepted (an import of up to 5 MB, lib/sheet/limits.ts, with its form); Next's server-action limit is set from it too (next.config.ts). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

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

export type DoorRefusal = { status: 400 | 411 | 413; message: string };

export function header(request: RequestHead, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function refusalAtTheDoor(request: RequestHead): DoorRefusal | null {
  const path = request.url.split("?", 1)[0] ?? "";
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

  if (request.method === "POST" && header(request, "next-action") !== undefined) {
    const type = header(request, "content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      return { status: 400, message: "请求格式不正确：本系统的操作只接受表单提交，未做任何修改。" };
    }
  }
  return null;
}

/** A posted form is read whole (it is at most MAX_BODY_BYTES) and checked before Next sees it. */
export function isFormPost(request: RequestHead): boolean {
  return request.method === "POST" && /^multipart\/form-data\s*;/i.test(header(request, "content-type") ?? "");
}

export async function formBodyRefusal(request: RequestHead, body: Uint8Array<ArrayBuffer>): Promise<DoorRefusal | null> {
  let form: FormData;
  try {
    form = await new Request("http://front.door/", {
      method: "POST",
      headers: { "content-type": header(request, "content-type") ?? "" },
      body,
    }).formData();
  } catch {
    return { status: 400, message: "表单数据格式不正确（无法解析），未做任何修改。" };
  }
  const problem = actionBodyProblem(form, header(request, "next-action") !== undefined);
  return problem ? { status: 400, message: `请求格式不正确（${problem}），未做任何修改。` } : null;
}
