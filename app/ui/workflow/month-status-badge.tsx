import { MONTH_STATUS_LABELS, type MonthStanding, type MonthStatus } from "@/lib/month-status";

type Kind = MonthStanding["kind"];

const STYLE: Record<Kind, { icon: string; className: string }> = {
  in_progress: { icon: "✎", className: "bg-slate-50 text-slate-700 ring-slate-400/40" },
  submitted: { icon: "↑", className: "bg-sky-50 text-sky-800 ring-sky-600/30" },
  approved: { icon: "✓", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
  returned: { icon: "↩", className: "bg-red-50 text-red-800 ring-red-600/30" },
  running: { icon: "…", className: "bg-slate-50 text-slate-600 ring-slate-300/60" },
  baseline: { icon: "▣", className: "bg-indigo-50 text-indigo-800 ring-indigo-600/30" },
};

function Badge({ kind, label }: { kind: Kind; label: string }) {
  const style = STYLE[kind];
  return (
    <span data-month-status={kind} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}>
      <span aria-hidden="true">{style.icon}</span>
      {label}
    </span>
  );
}

/** A month's review status, with an icon and a word (never colour alone). */
export function MonthStatusBadge({ status }: { status: MonthStatus }) {
  return <Badge kind={status} label={MONTH_STATUS_LABELS[status]} />;
}

/** A month's standing (lib/month-status.ts): its status, or 已退回, 本月进行中, the baseline. */
export function MonthStandingBadge({ standing }: { standing: MonthStanding }) {
  return <Badge kind={standing.kind} label={standing.label} />;
}
