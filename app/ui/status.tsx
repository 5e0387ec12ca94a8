import { STATUS_LABELS, type Status } from "@/lib/targets";

const STATUS_STYLE: Record<Status, { icon: string; className: string }> = {
  green: { icon: "✓", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
  amber: { icon: "!", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  red: { icon: "✕", className: "bg-red-50 text-red-800 ring-red-600/30" },
  pending: { icon: "?", className: "bg-sky-50 text-sky-800 ring-sky-600/30" },
  none: { icon: "–", className: "bg-slate-50 text-slate-600 ring-slate-400/30" },
};

/** A status never rests on colour alone: it carries an icon and a word (the words live in `lib/targets`). */
export function StatusBadge({ status }: { status: Status }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {STATUS_LABELS[status]}
    </span>
  );
}
