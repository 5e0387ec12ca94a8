import Link from "next/link";
import { NavLinks } from "./nav-links";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-base font-semibold text-brand-900">
          科普KPI看板
          <span className="ml-2 text-sm font-normal text-slate-500">天府科技云考核指标</span>
        </Link>
        <NavLinks />
      </div>
    </header>
  );
}
