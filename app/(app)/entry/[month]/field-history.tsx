import type { HistoryItem } from "./entry-state";

/** A figure's changes this month: who, when, from what to what, and how. */
export function FieldHistory({ items }: { items: HistoryItem[] }) {
  if (items.length === 0) return null;
  return (
    <details data-history className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer select-none text-slate-500">修订记录（{items.length}）</summary>
      <ol className="mt-1 space-y-0.5">
        {items.map((item) => (
          <li key={item.id}>
            <span className="tabular-nums text-slate-500">{item.when}</span> {item.who}：{item.change}
            <span className="text-slate-500">（{item.source}）</span>
            {item.reason && <span className="block pl-4 text-slate-500" data-reason>更正说明：{item.reason}</span>}
            {item.plausibilityNote && <span className="block pl-4 text-amber-800" data-plausibility-note>{item.plausibilityNote}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
