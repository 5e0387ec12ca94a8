import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // forbidden() answers a page someone may not open with 403 and app/forbidden.tsx ("无权访问")
  experimental: { authInterrupts: true },
};

export default nextConfig;
