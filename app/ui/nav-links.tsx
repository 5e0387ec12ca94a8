"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "看板", matches: (path: string) => path === "/" },
  { href: "/entry", label: "月度填报", matches: (path: string) => path.startsWith("/entry") },
  { href: "/indicators", label: "指标与历史", matches: (path: string) => path.startsWith("/indicators") },
  { href: "/admin", label: "管理", matches: (path: string) => path.startsWith("/admin") },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="主导航" className="-mx-2 flex flex-wrap text-sm">
      {LINKS.map((link) => {
        const active = link.matches(pathname);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
