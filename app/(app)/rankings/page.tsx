import Link from "@/app/ui/link";
import { catalogAsOf } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { leaderMonthNote, rankChartRows, rankedUnitsOver, seriesOf, trendMonths } from "@/lib/dashboard";
import { formatPercent } from "@/lib/format";
import { judge } from "@/lib/judgement";
import { addMonths, formatMonth, isMonth, monthOfDate, monthParts, type Month } from "@/lib/periods";
import { formatMovement, sortWorsenedFirst, type Movement } from "@/lib/rankings";
import { can } from "@/lib/roles";
import { listCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getLeaderMonth, listMonthKeys, loadFigureWindow, rankingRows } from "@/db/dashboard";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { getStatusBands } from "@/db/settings";
import { listTargetsByKey } from "@/db/targets";
import { requireDistrictWide } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { RankChart } from "@/app/ui/charts/rank-chart";
import { DemoBanner } from "@/app/ui/demo-banner";
import { LeaderMonthNote } from "@/app/ui/leader-month-note";
import { MonthPicker } from "@/app/ui/month-picker";
import { StatusBadge } from "@/app/ui/status";

export const dynamic = "force-dynamic";
export const metadata = { title: "全省排名" };

export default async function RankingsPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const user = await requireUser();
  // the district's provincial ranks: not for an account limited to one town (a town holds none)
  requireDistrictWide(user);
  const requested = (await searchParams).month;
  const db = getDb();
  const organization = getHomeOrganization(db);
  const thisMonth = monthOfDate(currentTime());
  const reported = listReportedMonths(db, organization.id);
  const problem =
    requested === undefined ? null
    : !isMonth(requested) ? `月份参数“${requested}”无效（应为 YYYY-MM，例如 ${thisMonth}）。`
    : requested > thisMonth ? `${formatMonth(requested)}尚未到来，没有排名。`
    : null;
  const catalog = listCatalog(db);
  const rankKeys = new Set(catalog.filter((indicator) => indicator.kind === "rank").map((indicator) => indicator.key));
  // the leader's one current month, as on the dashboard; a month without ranks points to the latest one with them
  const leader = getLeaderMonth(db, organization.id, thisMonth);
  const month: Month = requested && problem === null && isMonth(requested) ? requested : leader.month;
  const monthNote = leaderMonthNote(leader, month);
  const monthKeys = listMonthKeys(db, organization.id, addMonths(month, -36), month);
  const ranked = (period: string) => [...(monthKeys.get(period) ?? [])].some((key) => rankKeys.has(key));
  const latestRanked = ranked(month) ? null : ([...monthKeys.keys()].filter((period) => ranked(period)).filter(isMonth).sort().at(-1) ?? null);
  const window = loadFigureWindow(db, organization.id, month);
  const indicators = catalogAsOf(catalog, [month], (key, period) => window.seriesByKey.get(key)?.has(period) ?? false);
  const rankIndicators = indicators.filter((indicator) => indicator.kind === "rank");
  const targets = listTargetsByKey(db, organization.id, monthParts(month).year);
  const bands = getStatusBands(db);
  const staffHints = can(user.role, "figures:write");

  const entries = rankingRows(window, indicators, month).map((row) => {
    const series = seriesOf(window.seriesByKey, row.key);
    const months = trendMonths([series], month);
    const target = targets.get(row.key)?.[0] ?? null;
    const rankIndicator = rankIndicators.find((indicator) => indicator.key === row.key);
    return {
      row,
      target,
      judgement: target && rankIndicator
        ? judge({ target, indicator: rankIndicator, series, asOf: month, today: thisMonth, bands })
        : null,
      chart: rankChartRows([row.key], window.seriesByKey, months),
      rankedUnits: rankedUnitsOver(window.byKey, [row.key], months),
      start: series.get("2023-12") ?? null,
      latest: latestRank(series, month),
      demo: window.byKey.get(row.key)?.some((figure) => figure.isDemo) ?? false,
    };
  });
  const byKey = new Map(entries.map((entry) => [entry.row.key, entry]));
  const sorted = sortWorsenedFirst(entries.map((entry) => entry.row));
  const counts = { down: 0, up: 0, same: 0 };
  for (const row of sorted) if (row.sinceLastMonth) counts[row.sinceLastMonth.direction] += 1;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">{organization.name}</p>
          <h1 className="text-2xl font-semibold">{formatMonth(month)} 全省排名</h1>
          <LeaderMonthNote text={monthNote.text} links={monthNote.links.map((link) => ({ href: `/rankings?month=${link.month}`, label: link.label }))} />
          <p className="text-sm text-slate-600" data-testid="rank-summary">
            较上月：{counts.down} 项下降，{counts.up} 项上升，{counts.same} 项持平（名次越小越好）
          </p>
        </div>
        <MonthPicker month={month} months={reported.map((m) => m.month)} basePath="/rankings" latest={thisMonth} />
      </div>
      {problem && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {problem}下面显示的是{formatMonth(month)}。
        </p>
      )}
      {latestRanked && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="later-months">
          {formatMonth(month)}尚未填报全省排名；有排名的最近月份为
          <Link href={`/rankings?month=${latestRanked}`} className="mx-1 underline">{formatMonth(latestRanked)}</Link>。
        </p>
      )}
      {entries.some((entry) => entry.demo) && <DemoBanner />}

      <div className="grid gap-3 md:grid-cols-2">
        {sorted.map((row) => {
          const entry = byKey.get(row.key);
          if (!entry) return null;
          return (
            <section key={row.key} data-rank={row.key} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 className="text-base font-semibold text-slate-800">
                <Link href={`/indicators/${row.key}`} className="hover:underline">{row.rankedName}</Link>
              </h2>
              {row.current ? (
                <>
                  <p className="mt-1 flex flex-wrap items-baseline gap-x-2">
                    <span className="text-3xl font-semibold text-slate-900" data-testid="rank-now">第{row.current.rank}名</span>
                    {row.current.rankedUnits && (
                      <span className="text-sm text-slate-500">
                        共{row.current.rankedUnits}个单位{row.topShare !== null && ` · 前${formatPercent(row.topShare, 0)}`}
                      </span>
                    )}
                  </p>
                  <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                    <MovementChip label="较上月" move={row.sinceLastMonth} />
                    <MovementChip label="较上季末" move={row.sinceLastQuarter} />
                    <MovementChip label="较去年同月" move={row.sinceLastYear} />
                  </ul>
                  <div className="mt-2 space-y-0.5 text-sm text-slate-700">
                    {row.gapText && <p data-testid="gap">↑ {row.gapText}</p>}
                    {row.leadText && <p data-testid="lead">↓ {row.leadText}</p>}
                    {staffHints && !row.gapText && row.current.rank > 1 && (
                      <p className="text-xs text-slate-500">填报时录入上一名的数值，即可算出升一名还差多少。</p>
                    )}
                    {row.yearExtremes && (
                      <p className="text-xs text-slate-500">
                        本年最好第{row.yearExtremes.best.rank}名（{monthParts(row.yearExtremes.best.month).month}月），最差第{row.yearExtremes.worst.rank}名（
                        {monthParts(row.yearExtremes.worst.month).month}月）
                      </p>
                    )}
                    {entry.start !== null && <p className="text-xs text-slate-500">起点：2023年末第{entry.start}名（部门预算编制说明）</p>}
                  </div>
                  {entry.judgement && (
                    <p className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-target-status={entry.judgement.status}>
                      <StatusBadge status={entry.judgement.status} />
                      <span>{entry.judgement.label}（{entry.judgement.inForceText}，{entry.judgement.source}）：{entry.judgement.summary}</span>
                    </p>
                  )}
                </>
              ) : (
                <p className="mt-2 text-sm text-slate-500">
                  {formatMonth(month)}未填报此项排名。
                  {entry.latest && `最近一次：${formatMonth(entry.latest.month)}第${entry.latest.rank}名。`}
                </p>
              )}
              {entry.chart.length > 1 && (
                <div className="mt-3">
                  <RankChart rows={entry.chart} series={[{ key: row.key, name: row.name }]} target={entry.target?.value ?? null} rankedUnits={entry.rankedUnits} compact />
                </div>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** The latest rank before `month`, with its month. */
function latestRank(series: ReadonlyMap<string, number>, month: Month): { month: Month; rank: number } | null {
  const earlier = [...series.keys()].filter((period): period is Month => isMonth(period) && period < month).sort().at(-1);
  const rank = earlier === undefined ? undefined : series.get(earlier);
  return earlier === undefined || rank === undefined ? null : { month: earlier, rank };
}

function MovementChip({ label, move }: { label: string; move: Movement | null }) {
  const style =
    move?.direction === "up"
      ? "bg-emerald-50 text-emerald-800"
      : move?.direction === "down"
        ? "bg-red-50 text-red-800"
        : "bg-slate-100 text-slate-600";
  const icon = move?.direction === "up" ? "▲" : move?.direction === "down" ? "▼" : "";
  return (
    <li className={`rounded-full px-2.5 py-1 ${style}`} data-movement={move?.direction ?? "none"}>
      {label} <span aria-hidden="true">{icon}</span> {formatMovement(move)}
    </li>
  );
}
