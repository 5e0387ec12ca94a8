import Link from "@/app/ui/link";
import { ROLE_LABELS } from "@/lib/roles";
import type { SessionUser } from "@/app/_auth/session";
import { signOut } from "@/app/login/actions";
import { NavLinks } from "./nav-links";

export function SiteHeader({ user }: { user: SessionUser }) {
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="order-1 text-base font-semibold text-brand-900">
          科普KPI看板
          <span className="ml-2 hidden text-sm font-normal text-slate-500 sm:inline">天府科技云考核指标</span>
        </Link>
        <NavLinks user={{ role: user.role, grants: user.grants }} districtWide={user.unitId === null} />
        {/* on a phone the account sits beside the title and the links take one scrolling row below */}
        <div className="order-2 ml-auto flex items-center gap-2 text-sm md:order-3">
          <Link href="/account" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100" title="我的账号">
            {user.name}
            <span className="ml-1 hidden text-xs text-slate-500 sm:inline">（{ROLE_LABELS[user.role]}）</span>
          </Link>
          <form action={signOut}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-50">
              退出
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
