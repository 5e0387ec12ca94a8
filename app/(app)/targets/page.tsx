import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { viewTarget, targetLabel } from "@/lib/dashboard";
import { formatMonth, monthOfDate, monthParts, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { TARGET_RULE_LABELS } from "@/lib/targets";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { loadFigureWindow } from "@/db/dashboard";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { getStatusBands } from "@/db/settings";
import { listTargetYears, listYearTargets } from "@/db/targets";
import { requireUser } from "@/app/_auth/session";
import { DemoTag } from "@/app/ui/demo-banner";
import { StatusBadge } from "@/app/ui/status";
import { BandsForm, CopyTargetsForm, RetireButton, TargetForm } from "./target-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "目标" };

export default async function TargetsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser();
  const mayManage = can(user.role, "targets:manage");
  const db = getDb();
  const organization = getHomeOrganization(db);
  const thisYear = monthParts(monthOfDate(new Date())).year;
  const requested = Number((await searchParams).year);
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : thisYear;

  const indicators = listIndicators(db).map(toDefinition);
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const rows = listYearTargets(db, organization.id, year);
  const targetYears = listTargetYears(db, organization.id);
  const years = [...new Set([thisYear + 1, thisYear, thisYear - 1, thisYear - 2, year, ...targetYears])].sort((a, b) => b - a);
  const bands = getStatusBands(db);

  // judge each target at the latest month of the year that holds figures
  const latest: Month | undefined = listReportedMonths(db, organization.id).find((m) => monthParts(m.month).year === year)?.month;
  const window = latest ? loadFigureWindow(db, organization.id, latest, 0) : null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{year}年目标</h1>
          <p className="text-sm text-slate-500">
            目标按年设定，只作用于当年；修改即停用旧目标并新增一条，历史不会被改写。
            {latest ? `评估截至${formatMonth(latest)}。` : "本年尚无数据，暂无评估。"}
          </p>
        </div>
        <nav aria-label="选择年份" className="flex flex-wrap gap-1 text-sm">
          {years.map((option) => (
            <Link
              key={option}
              href={`/targets?year=${option}`}
              aria-current={option === year ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 ${option === year ? "bg-brand-600 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
            >
              {option}年
            </Link>
          ))}
        </nav>
      </div>

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="targets">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium sm:px-4">指标与目标</th>
              <th className="px-3 py-2 font-medium sm:px-4">当前评估</th>
              <th className="hidden px-4 py-2 font-medium md:table-cell">设定人</th>
              {mayManage && <th className="px-3 py-2 sm:px-4"><span className="sr-only">操作</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-6 text-slate-500">
                  {year}年还没有设定目标。{mayManage && "可在下方设定，或从其他年份复制。"}
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const indicator = byKey.get(row.key);
              const view =
                indicator && !row.retiredAt && latest && window
                  ? viewTarget(row, indicator, window.seriesByKey.get(row.key) ?? new Map(), latest, bands)
                  : null;
              return (
                <tr key={row.id} className={`border-t border-slate-100 ${row.retiredAt ? "text-slate-400" : ""}`} data-target={row.key}>
                  <td className="px-3 py-2 sm:px-4">
                    <Link href={`/indicators/${row.key}`} className="font-medium hover:underline">{row.indicatorName}</Link>
                    {row.isDemo && <DemoTag />}
                    <p>{indicator ? targetLabel(row, indicator) : `${TARGET_RULE_LABELS[row.rule]} ${row.value}`}</p>
                    <p className="text-xs text-slate-500">{row.source}</p>
                  </td>
                  <td className="px-3 py-2 sm:px-4">
                    {row.retiredAt ? (
                      <span className="text-xs">已停用</span>
                    ) : view ? (
                      <div className="flex flex-col gap-0.5">
                        <StatusBadge status={view.status} />
                        <span className="text-xs text-slate-600">{view.summary}</span>
                        {view.catchUpText && <span className="text-xs text-slate-800">{view.catchUpText}</span>}
                      </div>
                    ) : (
                      <StatusBadge status="none" />
                    )}
                  </td>
                  <td className="hidden px-4 py-2 text-xs text-slate-500 md:table-cell">{row.createdBy ?? "系统"}</td>
                  {mayManage && (
                    <td className="px-3 py-2 sm:px-4">
                      {!row.retiredAt && <RetireButton targetId={row.id} label={`${row.indicatorName} ${indicator ? targetLabel(row, indicator) : ""}`} />}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {mayManage ? (
        <>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold">设定或修改{year}年目标</h2>
            <TargetForm
              year={year}
              indicators={indicators.map(({ key, name, unit, kind, category }) => ({ key, name, unit, kind, category }))}
            />
            <CopyTargetsForm year={year} years={targetYears} />
          </section>
          <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-base font-semibold">状态颜色</h2>
            <p className="text-sm text-slate-600">
              达成率 = 实际 ÷ 按进度应达（“不高于”与排名目标为 应达 ÷ 实际）。当前：≥ {formatNumber(bands.green * 100, 0)}% 达标，
              ≥ {formatNumber(bands.amber * 100, 0)}% 接近，其余未达标。
            </p>
            <BandsForm green={Number(formatNumber(bands.green * 100, 0))} amber={Number(formatNumber(bands.amber * 100, 0))} />
          </section>
        </>
      ) : (
        <p className="text-sm text-slate-500">目标由管理员设定。</p>
      )}
    </div>
  );
}
