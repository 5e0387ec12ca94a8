import type { Status } from "@/lib/targets";

const STATUS_STYLE: Record<Status, { label: string; icon: string; className: string }> = {
  green: { label: "达标", icon: "✓", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
  amber: { label: "接近目标", icon: "!", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  red: { label: "未达标", icon: "✕", className: "bg-red-50 text-red-800 ring-red-600/30" },
  none: { label: "无数据", icon: "–", className: "bg-slate-50 text-slate-600 ring-slate-400/30" },
};

/** A status never rests on colour alone: it carries an icon and a word. */
export function StatusBadge({ status }: { status: Status }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      {style.label}
    </span>
  );
}
