import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, FIXED_SECURITY_HEADERS, isHttps, newNonce } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((directive) => [directive.split(" ")[0], directive]));

describe("the content security policy", () => {
  it("runs only the app's own scripts that carry this response's nonce", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", development: false, https: false }));
    expect(policy.get("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("style-src 'self' 'nonce-abc123'");
    expect(policy.get("default-src")).toBe("default-src 'self'");
    expect(policy.get("object-src")).toBe("object-src 'none'");
    expect(policy.get("base-uri")).toBe("base-uri 'none'");
    expect(policy.get("form-action")).toBe("form-action 'self'");
  });

  it("lets no page frame the app", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", development: false, https: false })).get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(FIXED_SECURITY_HEADERS).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
  });

  it("never allows inline or evaluated scripts in production", () => {
    const policy = contentSecurityPolicy({ nonce: "n", development: false, https: true });
    expect(policy).not.toContain("unsafe-eval");
    expect(directives(policy).get("script-src")).not.toContain("unsafe-inline");
  });

  it("allows what next dev needs only in development", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n", development: true, https: false }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("upgrades subresources only when the site is served over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: false })).not.toContain("upgrade-insecure-requests");
    expect(isHttps("https://kpi.example.cn")).toBe(true);
    expect(isHttps("http://192.168.1.10:3000")).toBe(false);
    expect(isHttps(undefined)).toBe(false);
  });
});

describe("the fixed headers", () => {
  it("include nosniff, a same-origin referrer and a restrictive permissions policy", () => {
    const headers = new Map(FIXED_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("same-origin");
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(headers.get("Permissions-Policy")).toContain(`${feature}=()`);
  });
});

describe("a nonce", () => {
  it("is fresh every time and long enough not to be guessed", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
