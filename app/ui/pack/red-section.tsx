import type { ReactNode } from "react";
import type { Pack } from "@/lib/pack/model";
import { StatusBadge } from "@/app/ui/status";

/** 三、未达标指标及措施: each red item with its target, its result, and its 原因 and 下步措施. */
export function RedSection({ pack, children }: { pack: Pack; children?: ReactNode }) {
  return (
    <section aria-labelledby="red" className="space-y-3">
      <h2 id="red" className="text-lg font-semibold">{pack.sections.red.heading}（{pack.red.length}）</h2>
      {pack.red.length === 0 ? (
        <p className="text-sm text-emerald-700">本季度没有未达标的指标。</p>
      ) : (
        <ol className="space-y-3" data-testid="red-list">
          {pack.red.map((item) => (
            <li key={item.key} className="break-inside-avoid rounded-md border border-red-200 p-3 text-sm">
              <p className="font-semibold">
                <StatusBadge status="red" /> {item.name}
              </p>
              <p className="text-slate-700">
                {item.target.label}（{item.target.basis}）：{item.target.summary}
                {item.target.catchUpText && `；${item.target.catchUpText}`}
              </p>
              <p className="mt-1"><span className="font-medium">原因：</span>{item.cause ?? <Pending />}</p>
              <p><span className="font-medium">下步措施：</span>{item.nextStep ?? <Pending />}</p>
            </li>
          ))}
        </ol>
      )}
      {children}
    </section>
  );
}

function Pending() {
  return <span className="font-medium text-red-700" data-pending>待填写</span>;
}
