import Link from "next/link";
import { checkConsistency } from "@/lib/consistency";
import { annualPace, buildCard, KEY_INDICATORS, monthBars, monthlyPoints, monthlyThreshold, rankChartRows, seriesOf, trendMonths } from "@/lib/dashboard";
import { formatMonth, isMonth, monthOfDate, monthParts, previousMonth, yearToDate, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { loadFigureWindow, periodFigures, rankingRows } from "@/db/dashboard";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { getStatusBands } from "@/db/settings";
import { listTargetsByKey } from "@/db/targets";
import { requireUser } from "@/app/_auth/session";
import { NannyChart } from "@/app/ui/charts/nanny-chart";
import { PaceChart } from "@/app/ui/charts/pace-chart";
import { RankChart } from "@/app/ui/charts/rank-chart";
import { ValueChart } from "@/app/ui/charts/value-chart";
import { KpiCard } from "@/app/ui/dashboard/kpi-card";
import { RankStrip } from "@/app/ui/dashboard/rank-strip";
import { DemoBanner } from "@/app/ui/demo-banner";
import { MonthPicker } from "@/app/ui/month-picker";
import { ApprovalMark } from "@/app/ui/workflow/approval";
import { DueReminders } from "@/app/ui/workflow/due-reminders";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const user = await requireUser();
  const { month: requested } = await searchParams;
  const db = getDb();
  const organization = getHomeOrganization(db);
  const reportedMonths = listReportedMonths(db, organization.id);
  const thisMonth = monthOfDate(new Date());
  const invalidRequest = requested !== undefined && !isMonth(requested);
  const month: Month =
    requested !== undefined && isMonth(requested) ? requested : (reportedMonths[0]?.month ?? thisMonth);
  const year = monthParts(month).year;

  const indicators = listIndicators(db).map(toDefinition);
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const window = loadFigureWindow(db, organization.id, month);
  const targets = listTargetsByKey(db, organization.id, year);
  const bands = getStatusBands(db);
  const isDemo = (key: string, period: string) => window.demo.has(`${key}|${period}`);
  const thisMonthFigures = periodFigures(window, month);
  const warnings = checkConsistency(indicators, thisMonthFigures, periodFigures(window, previousMonth(month)));

  const cards = KEY_INDICATORS.flatMap((key) => {
    const indicator = byKey.get(key);
    if (!indicator) return [];
    const rankIndicator = indicators.find((candidate) => candidate.ranksKey === key);
    const rank = rankIndicator && {
      indicator: rankIndicator,
      series: seriesOf(window.seriesByKey, rankIndicator.key),
      rankedUnits: thisMonthFigures.get(rankIndicator.key)?.rankedUnits ?? null,
      targets: targets.get(rankIndicator.key) ?? [],
    };
    return [buildCard({ indicator, series: seriesOf(window.seriesByKey, key), month, targets: targets.get(key) ?? [], rank, bands })];
  });
  const filled = indicators.filter((indicator) => thisMonthFigures.has(indicator.key)).length;

  const nanny = byKey.get("nanny_new");
  const nannyThreshold = monthlyThreshold(targets.get("nanny_new") ?? []);
  const nannyBars = monthBars(seriesOf(window.seriesByKey, "nanny_new"), yearToDate(month), nannyThreshold, (m) => isDemo("nanny_new", m));
  const belowMonths = nannyBars.filter((bar) => bar.below).map((bar) => bar.label);

  const paceCharts = indicators.flatMap((indicator) =>
    (targets.get(indicator.key) ?? [])
      .filter((target) => target.rule === "annual_total")
      .map((target) => ({ indicator, target, points: annualPace(seriesOf(window.seriesByKey, indicator.key), target, month, indicator.decimals) })),
  );

  const users = byKey.get("users_total");
  const usersSeries = seriesOf(window.seriesByKey, "users_total");
  const usersPoints = monthlyPoints(usersSeries, trendMonths([usersSeries], month));

  const rankIndicators = indicators.filter((indicator) => indicator.kind === "rank");
  const rankKeys = rankIndicators.map((indicator) => indicator.key);
  const rankRows = rankChartRows(rankKeys, window.seriesByKey, trendMonths(rankKeys.map((key) => seriesOf(window.seriesByKey, key)), month));
  const rankStrip = rankingRows(window, indicators, month);
  const showsDemo = window.demo.size > 0 || [...targets.values()].flat().some((target) => target.isDemo);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">{organization.name}</p>
          <h1 className="text-2xl font-semibold text-slate-900">{formatMonth(month)} 工作看板</h1>
          <ApprovalMark month={month} />
        </div>
        <MonthPicker month={month} months={reportedMonths.map((m) => m.month)} basePath="/" latest={thisMonth} />
      </div>

      {invalidRequest && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          月份参数“{requested}”无效（应为 YYYY-MM），已显示最近有数据的月份。
        </p>
      )}
      {showsDemo && <DemoBanner />}
      <DueReminders />

      <section aria-label="填报进度与数据质量" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="space-y-1 text-sm text-slate-700">
          <p>
            本月已填报 <strong className="text-lg text-slate-900" data-testid="filled-count">{filled}</strong> / {indicators.length} 项指标
            {filled < indicators.length && <span className="ml-2 text-slate-500">（{indicators.length - filled} 项未填报）</span>}
          </p>
          <p>
            <Link href={`/quality?month=${month}`} className="hover:underline" data-testid="quality-link">
              {warnings.length > 0 ? (
                <span className="text-amber-800">⚠ 数据质量：{warnings.length} 条提醒，点击查看</span>
              ) : (
                <span className="text-emerald-700">✓ 数据质量：本月未发现不一致</span>
              )}
            </Link>
          </p>
        </div>
        {month <= thisMonth && can(user.role, "figures:write") && (
          <Link href={`/entry/${month}`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {filled > 0 ? "修改本月数据" : "填报本月数据"}
          </Link>
        )}
      </section>

      <RankStrip rows={rankStrip} month={month} />

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading" className="sr-only">重点指标</h2>
        <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-4">
          {cards.map((card) => (
            <KpiCard key={card.key} card={card} demo={isDemo(card.key, month)} />
          ))}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        {nanny && (
          <ChartPanel
            title={`${nanny.name}（${year}年各月）`}
            note={
              nannyThreshold === null
                ? `${year}年未设目标`
                : belowMonths.length > 0
                  ? `红色为低于目标 ${nannyThreshold}${nanny.unit} 的月份：${belowMonths.join("、")}`
                  : `各月均不低于目标 ${nannyThreshold}${nanny.unit}`
            }
          >
            <NannyChart data={nannyBars} threshold={nannyThreshold} unit={nanny.unit} />
          </ChartPanel>
        )}
        {paceCharts.map(({ indicator, target, points }) => (
          <ChartPanel key={`${indicator.key}-${target.id}`} title={`${indicator.name}：全年目标进度`} note={`${target.source}；虚线为按月平均进度应达值`}>
            <PaceChart data={points} target={target.value} unit={indicator.unit} />
          </ChartPanel>
        ))}
        {users && (
          <ChartPanel title={`${users.name}走势`} note="月末累计值">
            {usersPoints.length > 0 ? <ValueChart data={usersPoints} name={users.name} unit={users.unit} /> : <NoData />}
          </ChartPanel>
        )}
        <div className="lg:col-span-2">
          <ChartPanel title="全省排名走势" note="名次越小越好，第1名在最上方">
            {rankRows.length > 0 ? (
              <RankChart rows={rankRows} series={rankIndicators.map((indicator) => ({ key: indicator.key, name: indicator.name }))} />
            ) : (
              <NoData />
            )}
          </ChartPanel>
        </div>
      </div>
    </div>
  );
}

function ChartPanel({ title, note, children }: { title: string; note: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      <p className="mb-2 text-xs text-slate-500">{note}</p>
      {children}
    </section>
  );
}

function NoData() {
  return <p className="py-16 text-center text-sm text-slate-400">暂无数据</p>;
}
