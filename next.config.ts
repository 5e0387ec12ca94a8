import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  experimental: {
    // the import page posts a spreadsheet of up to 5 MB (lib/sheet/limits.ts) to a server action
    serverActions: { bodySizeLimit: "6mb" },
    // forbidden() answers a page someone may not open with 403 and app/forbidden.tsx ("无权访问")
    authInterrupts: true,
  },
};

export default nextConfig;
