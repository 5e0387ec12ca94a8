import { MONTH_STATUS_LABELS, type MonthStatus } from "@/lib/month-status";

const STYLE: Record<MonthStatus, { icon: string; className: string }> = {
  in_progress: { icon: "✎", className: "bg-slate-50 text-slate-700 ring-slate-400/40" },
  submitted: { icon: "↑", className: "bg-sky-50 text-sky-800 ring-sky-600/30" },
  approved: { icon: "✓", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
};

/** A month's review status, with an icon and a word (never colour alone). */
export function MonthStatusBadge({ status }: { status: MonthStatus }) {
  const style = STYLE[status];
  return (
    <span data-month-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}>
      <span aria-hidden="true">{style.icon}</span>
      {MONTH_STATUS_LABELS[status]}
    </span>
  );
}
