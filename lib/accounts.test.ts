import { describe, expect, it } from "vitest";
import { displayNameSchema, newAccountSchema, passwordSchema, safeReturnPath, signInSchema } from "./accounts";

describe("the page to return to after signing in", () => {
  it("is a path on this site, kept with its query", () => {
    expect(safeReturnPath("/entry/2024-03")).toBe("/entry/2024-03");
    expect(safeReturnPath("/review/2024-Q1?print=1#summary")).toBe("/review/2024-Q1?print=1#summary");
    expect(safeReturnPath("/")).toBe("/");
  });

  it("is / when missing or not text", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(null)).toBe("/");
    expect(safeReturnPath(["/entry/2024-03"])).toBe("/");
    expect(safeReturnPath("")).toBe("/");
  });

  it("never leads to another site by an absolute or protocol-relative URL", () => {
    for (const raw of ["https://evil.example/", "http://evil.example", "//evil.example/x", "///evil.example", "javascript:alert(1)", "evil.example", "data:text/html,x"]) {
      expect(safeReturnPath(raw), raw).toBe("/");
    }
  });

  it("refuses tab, CR and LF, which browsers strip to turn /\\t/evil into //evil", () => {
    for (const raw of ["/\t/evil.example/phish", "/\n/evil.example", "/\r/evil.example", "/\r\n/x", "/entry\u0000", "/a\u007F"]) {
      expect(safeReturnPath(raw), JSON.stringify(raw)).toBe("/");
    }
  });

  it("refuses backslashes, which browsers read as slashes", () => {
    for (const raw of ["/\\evil.example", "/\\\\evil.example", "/\\/evil.example", "/entry\\..\\x"]) {
      expect(safeReturnPath(raw), raw).toBe("/");
    }
  });

  it("refuses encoded slashes, backslashes and controls that decode to a way off the site", () => {
    for (const raw of ["/%2F%2Fevil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5c%5cevil", "/%09/evil.example", "/%0A/x", "/%0d%0a/x"]) {
      expect(safeReturnPath(raw), raw).toBe("/");
    }
  });

  it("refuses a path that dot-segments turn into a protocol-relative one", () => {
    expect(safeReturnPath("/..//evil.example")).toBe("/");
    expect(safeReturnPath("/./..//evil.example/x")).toBe("/");
  });

  it("refuses malformed percent-encoding and overlong text instead of failing", () => {
    expect(safeReturnPath("/entry/%ZZ")).toBe("/");
    expect(safeReturnPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("returns the path as the URL parser writes it, so the redirect header is plain ASCII", () => {
    expect(safeReturnPath("/indicators/users_total?说明=是")).toBe("/indicators/users_total?%E8%AF%B4%E6%98%8E=%E6%98%AF");
    expect(safeReturnPath("/a/./b/../c")).toBe("/a/c");
  });
});

describe("account text", () => {
  it("refuses control characters in a display name, including a lone NUL", () => {
    expect(displayNameSchema.safeParse("\u0000").success).toBe(false);
    expect(displayNameSchema.safeParse("张三\u202E").success).toBe(false);
    expect(displayNameSchema.safeParse("张\n三").success).toBe(false);
    expect(displayNameSchema.safeParse(" 张三 ").data).toBe("张三");
  });

  it("refuses control characters in a new password", () => {
    expect(passwordSchema.safeParse("good-pass\u0000").success).toBe(false);
    expect(passwordSchema.safeParse("good pass word").success).toBe(true);
  });

  it("names the field in the message", () => {
    const result = newAccountSchema.safeParse({ username: "zhang", name: "\u0007", role: "staff", password: "good-pass-1", confirm: "good-pass-1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["name", "姓名含有不可见的控制字符或格式字符（第 1 个字符，U+0007），请删除后再提交"]]);
  });
});

describe("the sign-in form", () => {
  it("reads the username trimmed and in lower case", () => {
    expect(signInSchema.parse({ username: " Staff ", password: "x" }).username).toBe("staff");
  });

  it("refuses a username no account can have as a wrong one, without saying more", () => {
    for (const username of ["staff\u0000", "st\naff", "x".repeat(65)]) {
      expect(signInSchema.safeParse({ username, password: "x" }).error?.issues[0]?.message).toBe("用户名或密码错误。");
    }
  });
});
