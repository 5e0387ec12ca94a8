"use client";

import Link from "@/app/ui/link";
import { usePathname } from "next/navigation";
import { can, type Principal } from "@/lib/roles";

type NavLink = {
  href: string;
  label: string;
  matches: (path: string) => boolean;
  shown: (user: Principal) => boolean;
  /** About the district as a whole: not for an account limited to one town. */
  districtOnly?: true;
};

const LINKS: NavLink[] = [
  { href: "/", label: "看板", matches: (path) => path === "/", shown: () => true },
  { href: "/rankings", label: "全省排名", matches: (path) => path.startsWith("/rankings"), shown: () => true, districtOnly: true },
  { href: "/league", label: "排名通报", matches: (path) => path.startsWith("/league"), shown: () => true, districtOnly: true },
  { href: "/entry", label: "月度填报", matches: (path) => path.startsWith("/entry"), shown: (user) => can(user, "figures:write") },
  { href: "/import", label: "导入", matches: (path) => path.startsWith("/import"), shown: (user) => can(user, "figures:write") },
  { href: "/export", label: "导出", matches: (path) => path.startsWith("/export"), shown: () => true },
  { href: "/indicators", label: "指标与历史", matches: (path) => path.startsWith("/indicators"), shown: () => true },
  { href: "/report", label: "月度简报", matches: (path) => path === "/report" || path.startsWith("/report/"), shown: () => true },
  { href: "/review", label: "季度材料", matches: (path) => path === "/review" || path.startsWith("/review/"), shown: () => true },
  { href: "/review-queue", label: "待审核", matches: (path) => path.startsWith("/review-queue"), shown: (user) => can(user, "months:review") },
  { href: "/targets", label: "目标", matches: (path) => path.startsWith("/targets"), shown: () => true },
  { href: "/quality", label: "数据质量", matches: (path) => path.startsWith("/quality"), shown: () => true },
  { href: "/admin", label: "管理", matches: (path) => path.startsWith("/admin"), shown: (user) => can(user, "users:manage") },
];

/** Links a role has no use for are hidden; the server refuses those actions all the same. */
export function NavLinks({ user, districtWide = true }: { user: Principal; districtWide?: boolean }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="主导航"
      className="order-3 -mx-2 flex w-full flex-nowrap overflow-x-auto text-sm [scrollbar-width:none] md:order-2 md:w-auto md:flex-wrap md:overflow-visible"
    >
      {LINKS.filter((link) => link.shown(user) && (districtWide || !link.districtOnly)).map((link) => {
        const active = link.matches(pathname);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 whitespace-nowrap rounded-md px-3 py-2 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
