import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "科普KPI看板", template: "%s · 科普KPI看板" },
  description: "区科协天府科技云考核指标月度填报、目标对照与全省排名看板",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// every page, the not-found page included, is rendered per request so that Next can put the
// request's CSP nonce (proxy.ts) on its scripts; a page built ahead of time would carry none
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
