import Link from "@/app/ui/link";
import type { FigureApproval } from "@/lib/approval";
import type { Card, Trend } from "@/lib/dashboard";
import { DemoTag } from "../demo-banner";
import { StatusBadge } from "../status";

const TREND_STYLE: Record<Trend, string> = {
  better: "text-emerald-700",
  worse: "text-red-700",
  same: "text-slate-500",
};

const TREND_ICON: Record<Trend, string> = { better: "▲", worse: "▼", same: "＝" };

const BORDER = { red: "border-red-300", amber: "border-amber-300", green: "border-emerald-300", pending: "border-slate-300", none: "border-slate-200" } as const;

/** One key indicator: the month's figure and every judgement against its targets, as `lib/` decided them. */
export function KpiCard({ card, demo, fillNote, approval }: { card: Card; demo: boolean; fillNote: string | null; approval: FigureApproval }) {
  return (
    <article
      data-indicator={card.key}
      className={`flex min-w-0 flex-col gap-1 rounded-lg border bg-white p-3 shadow-sm sm:gap-1.5 sm:p-4 ${card.status ? BORDER[card.status] : "border-slate-200"} ${card.judgements.length > 0 ? "col-span-2 sm:col-span-1" : ""}`}
    >
      <header className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-600">
          <Link href={`/indicators/${card.key}`} className="hover:text-brand-700 hover:underline">
            {card.name}
          </Link>
          {demo && <DemoTag />}
          {approval && (
            <span
              className="ml-1 inline-block rounded bg-amber-50 px-1 py-0.5 align-middle text-[11px] font-medium leading-none text-amber-900 ring-1 ring-inset ring-amber-600/30"
              title={approval.title}
              data-card-approval
            >
              {approval.text}
            </span>
          )}
        </h3>
        {card.status && <StatusBadge status={card.status} />}
      </header>
      {fillNote && <p className="text-[11px] text-amber-800" data-fill-note>{fillNote}</p>}
      <p className="break-all text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl" title={card.exactText ?? undefined} data-value>
        {card.valueText}
      </p>
      {card.latestText && <p className="text-xs text-slate-500" data-latest>{card.latestText}</p>}
      {card.changeText && card.trend && (
        <p className={`text-xs ${TREND_STYLE[card.trend]}`}>
          <span aria-hidden="true">{TREND_ICON[card.trend]} </span>
          较上月 {card.changeText}
        </p>
      )}
      {card.yearOnYearText && card.yearOnYearTrend && (
        <p className={`text-xs ${TREND_STYLE[card.yearOnYearTrend]}`}>
          <span aria-hidden="true">{TREND_ICON[card.yearOnYearTrend]} </span>
          较去年同月 {card.yearOnYearText}
        </p>
      )}
      {card.belowTargetThisMonth && <p className="text-xs font-medium text-red-700">✕ 本月低于目标值</p>}
      {card.yearToDateText && <p className="text-xs text-slate-500">{card.yearToDateText}</p>}
      {card.rankText && (
        <p className="text-xs text-slate-700">
          {card.rankText}
          {card.rankChangeText && card.rankTrend && (
            <span className={`ml-1 ${TREND_STYLE[card.rankTrend]}`}>（{card.rankChangeText}）</span>
          )}
        </p>
      )}
      {card.judgements.map((judgement, index) => (
        <div key={`${judgement.label}-${index}`} className="mt-1 border-t border-slate-100 pt-2 text-xs text-slate-600" data-target-status={judgement.status}>
          <p className="flex flex-wrap items-center gap-1">
            <span>目标：{judgement.label}</span>
            <span className="text-slate-500">（{judgement.inForceText}，{judgement.source}）</span>
            {(index > 0 || card.status !== judgement.status) && <StatusBadge status={judgement.status} />}
          </p>
          <p>{judgement.summary}</p>
          {judgement.catchUpText && <p className="font-medium text-slate-800" data-catch-up>{judgement.catchUpText}</p>}
        </div>
      ))}
    </article>
  );
}
