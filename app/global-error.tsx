"use client";

import "./globals.css";
import { ErrorPanel } from "./ui/error-panel";

/** When even the root layout fails: a page of its own, still in Chinese. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>出错了 · 科普KPI看板</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
