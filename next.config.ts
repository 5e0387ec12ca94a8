import type { NextConfig } from "next";
import { ALLOWED_ACTION_ORIGINS, MAX_BODY_BYTES } from "./lib/request-rules";
import { FIXED_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  // the document libraries read files and optional modules at run time: load them from node_modules too.
  serverExternalPackages: ["better-sqlite3", "docx", "pptxgenjs", "exceljs"],
  poweredByHeader: false,
  experimental: {
    // the same limit server.ts answers with 413 before a body reaches Next; the import page posts
    // a spreadsheet of up to 5 MB (lib/sheet/limits.ts)
    // (server.ts answers a call from another origin with 403 by the same list, before Next would fail it with 500)
    serverActions: { bodySizeLimit: MAX_BODY_BYTES, allowedOrigins: ALLOWED_ACTION_ORIGINS },
    // forbidden() answers a page someone may not open with 403 and app/forbidden.tsx ("无权访问")
    authInterrupts: true,
    // load a route's server code when it is first asked for, not every route's at start: the routes a
    // server is asked for are few, and the rest held ~20–30 MB for nothing (bench/README.md)
    preloadEntriesOnStart: false,
  },
  // the headers that are the same on every response, static files included; the page's
  // Content-Security-Policy (with its nonce) and HSTS are added per request by proxy.ts
  async headers() {
    return [{ source: "/:path*", headers: [...FIXED_SECURITY_HEADERS] }];
  },
};

export default nextConfig;
