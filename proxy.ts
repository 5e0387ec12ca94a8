import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isHttps, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";

/**
 * Every page request gets a Content-Security-Policy with a fresh nonce (Next reads it from the
 * request and puts it on its scripts), and HSTS when served over https.
 *
 * Then an optimistic first check: a request without a session cookie goes to sign-in, remembering
 * the page asked for. The real check is made on the server by every page and action (app/_auth).
 */
// the read-only API answers 401 itself (it also takes tokens, which carry no cookie)
const PUBLIC_PATHS = ["/login", "/setup", "/api/health", "/api/v1"];
const SESSION_COOKIES = ["kepu.session_token", "__Secure-kepu.session_token"];

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = isHttps(process.env.APP_URL);
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });
  const response = route(request, nonce, policy);
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function route(request: NextRequest, nonce: string, policy: string): NextResponse {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  // a server action answers a missing session itself, keeping what the user typed; a redirect would
  // lose it. (Forms posted before the page's JavaScript has loaded carry no Next-Action header, only
  // a body; passing rewritten headers along with such a body stalls the request, so posts pass as they are.)
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  headers.set("x-kepu-path", path);
  if (PUBLIC_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
    return NextResponse.next({ request: { headers } });
  }
  if (!SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    if (path !== "/") login.searchParams.set("next", path);
    return NextResponse.redirect(login);
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
