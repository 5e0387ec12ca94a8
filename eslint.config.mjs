import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // links prefetch on intent, not every link in view (app/ui/link.tsx)
      "no-restricted-imports": ["error", { paths: [{ name: "next/link", message: "用 @/app/ui/link：指向或触摸时才预取。" }] }],
    },
  },
  { files: ["app/ui/link.tsx"], rules: { "no-restricted-imports": "off" } },
  globalIgnores([".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "db/migrations/**"]),
]);
