import { describe, expect, it } from "vitest";
import { formBodyRefusal, isFormPost, MAX_BODY_BYTES, refusalAtTheDoor, type RequestHead } from "./request-rules";

const get = (url: string, headers: RequestHead["headers"] = {}): RequestHead => ({ method: "GET", url, headers });
const post = (headers: RequestHead["headers"], url = "/entry/2024-03"): RequestHead => ({ method: "POST", url, headers });

describe("the front door", () => {
  it("lets ordinary requests through", () => {
    expect(refusalAtTheDoor(get("/entry/2024-03"))).toBeNull();
    expect(refusalAtTheDoor(get("/indicators/users_total?revisions=all"))).toBeNull();
    expect(refusalAtTheDoor(get("/%E6%8C%87%E6%A0%87"))).toBeNull();
    expect(refusalAtTheDoor(post({ "content-length": "1200", "content-type": "multipart/form-data; boundary=x", "next-action": "7f00" }))).toBeNull();
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
      const headers = { "content-length": "5", "next-action": "7f00", ...(type ? { "content-type": type } : {}) };
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
    expect(await refusalOf(`${part("1_month", "2024-03")}${part("0", '[{},"$K1"]')}--X--\r\n`, { "next-action": "7f00" })).toBeNull();
    expect(await refusalOf(`${part("username", "x")}--X--\r\n`, {})).toBeNull();
  });

  it("is refused with a 400 when it does not parse", async () => {
    expect(await refusalOf("hello", {})).toEqual({ status: 400, message: "表单数据格式不正确（无法解析），未做任何修改。" });
    expect((await refusalOf(`--X\r\nContent-Disposition: form-data; name="0"\r\n\r\n[`, { "next-action": "7f00" }))?.status).toBe(400);
  });

  it("is refused with a 400 naming the fault when its action arguments would not decode", async () => {
    expect(await refusalOf(`${part("0", '["a"]')}--X--\r\n`, { "next-action": "7f00" })).toEqual({ status: 400, message: "请求格式不正确（最后一个参数不是表单），未做任何修改。" });
  });
});
