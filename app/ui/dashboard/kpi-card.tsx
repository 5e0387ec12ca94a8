import Link from "next/link";
import type { Card, Trend } from "@/lib/dashboard";
import { DemoTag } from "../demo-banner";
import { StatusBadge } from "../status";

const TREND_STYLE: Record<Trend, string> = {
  better: "text-emerald-700",
  worse: "text-red-700",
  same: "text-slate-500",
};

const TREND_ICON: Record<Trend, string> = { better: "▲", worse: "▼", same: "＝" };

export function KpiCard({ card, demo }: { card: Card; demo: boolean }) {
  const status = card.target?.status;
  const border =
    status === "red" ? "border-red-300" : status === "amber" ? "border-amber-300" : status === "green" ? "border-emerald-300" : "border-slate-200";
  return (
    <article
      data-indicator={card.key}
      className={`flex min-w-0 flex-col gap-1 rounded-lg border bg-white p-3 shadow-sm sm:gap-1.5 sm:p-4 ${border} ${card.target ? "col-span-2 sm:col-span-1" : ""}`}
    >
      <header className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-600">
          <Link href={`/indicators/${card.key}`} className="hover:text-brand-700 hover:underline">
            {card.name}
          </Link>
          {demo && <DemoTag />}
        </h3>
        {card.target && <StatusBadge status={card.target.status} />}
      </header>
      <p className="break-all text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl" title={card.exactText ?? undefined} data-value>
        {card.valueText}
      </p>
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
      {[...card.targets, ...(card.rankTarget ? [card.rankTarget] : [])].map((target) => (
        <div key={target.label} className="mt-1 border-t border-slate-100 pt-2 text-xs text-slate-600" data-target-status={target.status}>
          <p className="flex flex-wrap items-center gap-1">
            <span>目标：{target.label}</span>
            <span className="text-slate-400">（{target.source}）</span>
            {target !== card.target && <StatusBadge status={target.status} />}
          </p>
          <p>{target.summary}</p>
          {target.catchUpText && <p className="font-medium text-slate-800">{target.catchUpText}</p>}
        </div>
      ))}
    </article>
  );
}
