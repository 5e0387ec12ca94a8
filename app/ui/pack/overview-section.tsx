import type { Pack } from "@/lib/pack/model";
import { StatusBadge } from "@/app/ui/status";

/** 一、总体情况 (the number from pack.sections): the judgements counted, what was reported, and the 总体分析 (saved, or the draft). */
export function OverviewSection({ pack }: { pack: Pack }) {
  return (
    <section aria-labelledby="overview" className="space-y-2">
      <h2 id="overview" className="text-lg font-semibold">{pack.sections.overview.heading}</h2>
      <ul className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
        {pack.statusCounts.map(({ status, count }) => (
          <li key={status}><StatusBadge status={status} /> {count} 项</li>
        ))}
        <li className="text-slate-500">（其余指标未设目标）</li>
      </ul>
      <p className="text-sm" data-testid="completeness">
        {pack.progressText}
        {pack.completenessText}
      </p>
      <p className="text-sm" data-testid="judged-at">{pack.judgedAtText}</p>
      <div className="rounded-md border border-slate-200 p-3 text-sm">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          总体分析
          {!pack.overall.saved && (
            <span className="rounded bg-amber-50 px-2 py-0.5 text-xs font-normal text-amber-900 ring-1 ring-inset ring-amber-600/30" data-testid="overall-drafted">
              系统根据填报数据草拟，尚未保存
            </span>
          )}
        </p>
        <div className="space-y-1" data-testid="overall">
          {pack.overall.text.split("\n").map((paragraph, index) => (
            <p key={index} className="whitespace-pre-wrap">{paragraph}</p>
          ))}
        </div>
      </div>
    </section>
  );
}
