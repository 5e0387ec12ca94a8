import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

afterEach(() => {
  delete process.env.APP_URL;
});

function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

describe("the proxy", () => {
  it("gives every page request a policy with a fresh nonce, and passes the nonce on to Next", () => {
    const first = proxy(new NextRequest("http://localhost:3000/login"));
    const second = proxy(new NextRequest("http://localhost:3000/login"));
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toBeDefined();
    expect(nonce).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    // Next reads the request's policy to put the nonce on its scripts
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(nonceOf(first.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
  });

  it("puts the policy on the redirect to sign in too", () => {
    const response = proxy(new NextRequest("http://localhost:3000/entry/2024-03"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3000/login?next=%2Fentry%2F2024-03");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("sends HSTS only when APP_URL is https", () => {
    expect(proxy(new NextRequest("http://localhost:3000/login")).headers.get("strict-transport-security")).toBeNull();
    process.env.APP_URL = "https://kpi.example.cn";
    expect(proxy(new NextRequest("https://kpi.example.cn/login")).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(proxy(new NextRequest("https://kpi.example.cn/login")).headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
