import { describe, expect, it } from "vitest";
import { expensiveActionBodies, malformedCalls, multipartBody, referenceAmplification } from "@/tests/support/malformed-inputs";
import { formBodyRefusal, isFormPost, MAX_BODY_BYTES, refusalAtTheDoor, type RequestHead } from "./request-rules";

const ACTION_ID = `7f${"0".repeat(40)}`;
const get = (url: string, headers: RequestHead["headers"] = {}): RequestHead => ({ method: "GET", url, headers });
const post = (headers: RequestHead["headers"], url = "/entry/2024-03"): RequestHead => ({ method: "POST", url, headers });

describe("the front door", () => {
  it("lets ordinary requests through", () => {
    expect(refusalAtTheDoor(get("/entry/2024-03"))).toBeNull();
    expect(refusalAtTheDoor(get("/indicators/users_total?revisions=all"))).toBeNull();
    expect(refusalAtTheDoor(get("/%E6%8C%87%E6%A0%87"))).toBeNull();
    expect(refusalAtTheDoor(post({ "content-length": "1200", "content-type": "multipart/form-data; boundary=x", "next-action": ACTION_ID }))).toBeNull();
  });

  it("refuses a path whose percent-encoding does not decode, with a 400", () => {
    for (const url of ["/entry/%ZZ", "/%C0", "/indicators/%E6%8C", "/%", "/entry/%ZZ?month=1"]) {
      expect(refusalAtTheDoor(get(url))?.status, url).toBe(400);
    }
    expect(refusalAtTheDoor(get("/?month=%ZZ"))).toBeNull();
  });

  it("refuses a body over the limit with a 413 before reading it", () => {
    expect(refusalAtTheDoor(post({ "content-length": String(MAX_BODY_BYTES) }))).toBeNull();
    expect(refusalAtTheDoor(post({ "content-length": String(MAX_BODY_BYTES + 1) }))).toEqual({ status: 413, message: "提交的内容超过 6 MB 的上限，未做任何处理。" });
  });

  it("refuses a body of unstated or unreadable length", () => {
    expect(refusalAtTheDoor(post({ "transfer-encoding": "chunked" }))?.status).toBe(411);
    expect(refusalAtTheDoor(post({ "content-length": "12abc" }))?.status).toBe(400);
    expect(refusalAtTheDoor(post({ "content-length": "-1" }))?.status).toBe(400);
  });

  it("refuses a server-action call whose body is not a form, with a 400 in Chinese", () => {
    for (const type of [undefined, "text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const headers = { "content-length": "5", "next-action": ACTION_ID, ...(type ? { "content-type": type } : {}) };
      expect(refusalAtTheDoor(post(headers)), String(type)).toEqual({ status: 400, message: "请求格式不正确：本系统的操作只接受表单提交，未做任何修改。" });
    }
  });

  it("reads whole only posted forms", () => {
    expect(isFormPost(post({ "content-type": "multipart/form-data; boundary=abc" }))).toBe(true);
    expect(isFormPost(post({ "content-type": "text/plain" }))).toBe(false);
    expect(isFormPost(get("/", { "content-type": "multipart/form-data; boundary=abc" }))).toBe(false);
  });
});

describe("a posted form", () => {
  async function refusalOf(body: string, headers: RequestHead["headers"]) {
    return formBodyRefusal(post({ "content-type": "multipart/form-data; boundary=X", ...headers }), new TextEncoder().encode(body));
  }
  const part = (name: string, value: string) => `--X\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

  it("passes when it parses and its action arguments decode", async () => {
    expect(await refusalOf(`${part("_1_month", "2024-03")}${part("0", '[{},"$K1"]')}--X--\r\n`, { "next-action": ACTION_ID })).toBeNull();
    expect(await refusalOf(`${part("username", "x")}--X--\r\n`, {})).toBeNull();
  });

  it("is refused with a 400 when it does not parse", async () => {
    expect(await refusalOf("hello", {})).toEqual({ status: 400, message: "表单数据格式不正确（无法解析），未做任何修改。" });
    expect((await refusalOf(`--X\r\nContent-Disposition: form-data; name="0"\r\n\r\n[`, { "next-action": ACTION_ID }))?.status).toBe(400);
  });

  it("is refused with a 400 naming the fault when its action arguments would not decode", async () => {
    expect(await refusalOf(`${part("0", '["a"]')}--X--\r\n`, { "next-action": ACTION_ID })).toEqual({ status: 400, message: "请求格式不正确（最后一个参数不是表单），未做任何修改。" });
  });
});

describe("methods", () => {
  it("answers a method the app does not serve with 405 and the methods it does, in Chinese", () => {
    for (const method of ["TRACE", "TRACK", "PROPFIND", "MKCOL", "SEARCH", "PURGE"]) {
      const refusal = refusalAtTheDoor({ method, url: "/", headers: {} });
      expect(refusal?.status, method).toBe(405);
      expect(refusal?.headers, method).toEqual({ Allow: "GET, HEAD, POST" });
      expect(refusal?.message, method).toMatch(/不支持/);
    }
  });

  it("lets pages take GET, HEAD and POST, and the API also what its handlers answer themselves", () => {
    for (const method of ["GET", "HEAD", "POST"]) expect(refusalAtTheDoor({ method, url: "/entry/2024-03", headers: {} }), method).toBeNull();
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      expect(refusalAtTheDoor({ method, url: "/entry/2024-03", headers: {} })?.status, method).toBe(405);
      expect(refusalAtTheDoor({ method, url: "/api/v1/figures", headers: {} }), method).toBeNull();
    }
  });
});

describe("the origin of an action call", () => {
  const call = (headers: RequestHead["headers"]) => post({ "content-length": "10", "content-type": "multipart/form-data; boundary=X", host: "kpi.example:3000", ...headers });

  it("is refused with 403 in Chinese when it is another site, as Next would refuse it", () => {
    for (const origin of ["http://evil.example", "https://kpi.example.evil.example:3000", "null", "not a url", "", "http://kpi.example"]) {
      expect(refusalAtTheDoor(call({ "next-action": ACTION_ID, origin })), origin).toEqual({ status: 403, message: "请求来自其他网站（Origin 与本站不符），未做任何修改。" });
      // a form posted without JavaScript is checked by Next the same way
      expect(refusalAtTheDoor(call({ origin }))?.status, origin).toBe(403);
    }
  });

  it("passes from the same site, behind a proxy that names the host, and without an Origin at all", () => {
    expect(refusalAtTheDoor(call({ "next-action": ACTION_ID, origin: "http://kpi.example:3000" }))).toBeNull();
    expect(refusalAtTheDoor(call({ "next-action": ACTION_ID, origin: "https://kpi.example:3000" }))).toBeNull();
    expect(refusalAtTheDoor(call({ "next-action": ACTION_ID, origin: "https://kpi.gov.example", "x-forwarded-host": "kpi.gov.example, proxy.internal" }))).toBeNull();
    expect(refusalAtTheDoor(call({ "next-action": ACTION_ID }))).toBeNull();
    expect(refusalAtTheDoor(call({}))).toBeNull();
  });

  it("is not the door's business for reads and for posts that are no action", () => {
    expect(refusalAtTheDoor(get("/", { origin: "http://evil.example" }))).toBeNull();
    expect(refusalAtTheDoor(post({ "content-length": "3", "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" }))).toBeNull();
  });
});

describe("the action id", () => {
  it("is refused with a 400 in Chinese when it cannot be one (Next answers those in English)", () => {
    for (const id of ["", "zz", "x".repeat(500), "../../etc/passwd", `${ACTION_ID}0`]) {
      expect(refusalAtTheDoor(post({ "content-length": "10", "content-type": "multipart/form-data; boundary=X", "next-action": id }))?.status, id).toBe(400);
    }
  });
});

describe("the work a posted form costs", () => {
  async function refusalOfParts(parts: Parameters<typeof multipartBody>[0], options: Parameters<typeof multipartBody>[1] = {}) {
    const { body, contentType } = multipartBody(parts, options);
    const started = performance.now();
    const refusal = await formBodyRefusal(post({ "content-type": contentType, "next-action": ACTION_ID }), body);
    return { refusal, milliseconds: performance.now() - started };
  }

  it("refuses parts that refer to each other 400 times, three levels deep, in well under a second", async () => {
    const { refusal, milliseconds } = await refusalOfParts(referenceAmplification(400, 3));
    expect(refusal).toEqual({ status: 400, message: "请求格式不正确（引用过多：超过 100 处），未做任何修改。" });
    expect(milliseconds).toBeLessThan(1000);
  });

  it("answers every expensive body with a 400, each in well under two seconds", async () => {
    for (const { label, parts, ...options } of expensiveActionBodies()) {
      const { body } = multipartBody(parts, options);
      expect(body.length, label).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const { refusal, milliseconds } = await refusalOfParts(parts, options);
      expect(refusal?.status, label).toBe(400);
      expect(milliseconds, label).toBeLessThan(2000);
    }
  }, 60_000);

  it("answers each call React would fail on with a 400", async () => {
    for (const { label, parts, status } of malformedCalls('{"status":"idle"}')) {
      expect((await refusalOfParts(parts)).refusal?.status, label).toBe(status);
    }
  });
});
