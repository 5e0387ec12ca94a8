import Link from "@/app/ui/link";

/**
 * The line under a leader's page title that says which month it shows and why ("显示2026年10月
 * （最近有数据的已结束月份）。"), with links to the default month or the running one. The words come
 * from lib/dashboard.ts `leaderMonthNote`, so the dashboard, the rankings and the brief say the same.
 */
export function LeaderMonthNote({ text, links }: { text: string; links: readonly { href: string; label: string }[] }) {
  return (
    <p className="text-xs text-slate-500 print:hidden" data-testid="leader-month">
      {text}
      {links.map((link) => (
        <Link key={link.href} href={link.href} className="ml-2 text-brand-700 underline">
          {link.label}
        </Link>
      ))}
    </p>
  );
}
