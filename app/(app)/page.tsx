import Link from "@/app/ui/link";
import { catalogAsOf, catalogForChecks, inForceIn } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { checkConsistency } from "@/lib/consistency";
import {
  annualPace,
  buildCard,
  fillNote as fillNoteOf,
  KEY_INDICATORS,
  leaderMonthNote,
  monthBars,
  monthlyPoints,
  qualityLine,
  rankChartRows,
  rankedUnitsOver,
  reportedKeyIndicators,
  reportingGaps,
  seriesOf,
  trendMonths,
} from "@/lib/dashboard";
import { monthlyThreshold, monthsText } from "@/lib/judgement";
import { addMonths, formatMonth, isMonth, makeMonth, monthOfDate, monthParts, previousMonth, yearToDate, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listUnitCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getLeaderMonth, listMonthKeys, loadFigureWindow, periodFigures, rankingRows } from "@/db/dashboard";
import { rollUpWarnings } from "@/db/league";
import { listMonthStandings } from "@/db/month-review";
import { listReportedMonths } from "@/db/observations";
import { getStatusBands } from "@/db/settings";
import { listTargetsByKey } from "@/db/targets";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { NannyChart } from "@/app/ui/charts/nanny-chart";
import { PaceChart } from "@/app/ui/charts/pace-chart";
import { RankChart } from "@/app/ui/charts/rank-chart";
import { ValueChart } from "@/app/ui/charts/value-chart";
import { KpiCard } from "@/app/ui/dashboard/kpi-card";
import { RankStrip } from "@/app/ui/dashboard/rank-strip";
import { DemoBanner } from "@/app/ui/demo-banner";
import { LeaderMonthNote } from "@/app/ui/leader-month-note";
import { MonthPicker } from "@/app/ui/month-picker";
import { UnitPicker } from "@/app/ui/unit-picker";
import { ApprovalMark, figureApprovals } from "@/app/ui/workflow/approval";
import { DueReminders } from "@/app/ui/workflow/due-reminders";
import { ReturnedMonths } from "@/app/ui/workflow/returned-months";

export const dynamic = "force-dynamic";

/** How far back the dashboard reads which indicators were reported (for the gaps banner). */
const OPENING_LOOKBACK = 36;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = await searchParams;
  const requested = typeof query.month === "string" ? query.month : Array.isArray(query.month) ? String(query.month[0]) : undefined;
  // a town's staff see their town; everyone else the district, or a town they pick
  const page = pageUnit(user, query[UNIT_PARAM]);
  const organization = page.unit;
  const unitId = organization.kind === "home" ? undefined : organization.id;
  const db = getDb();
  const reportedMonths = listReportedMonths(db, organization.id);
  const today = monthOfDate(currentTime());
  const catalog = listUnitCatalog(db, organization);

  const lookbackFrom = addMonths(today, -OPENING_LOOKBACK);
  const monthKeys = listMonthKeys(db, organization.id, lookbackFrom, today);
  const keysInForce = KEY_INDICATORS.filter((key) => catalog.some((indicator) => indicator.key === key && inForceIn(indicator, today)));
  const keyIndicators = reportedKeyIndicators(monthKeys, keysInForce, today);
  const leader = getLeaderMonth(db, organization.id, today);
  const opening = leader.month;
  const problem =
    requested === undefined ? null
    : !isMonth(requested) ? `月份参数“${requested}”无效（应为 YYYY-MM，例如 ${today}）。`
    : requested > today ? `${formatMonth(requested)}尚未到来，没有数据。`
    : null;
  const month: Month = requested !== undefined && problem === null && isMonth(requested) ? requested : opening;
  const year = monthParts(month).year;

  const window = loadFigureWindow(db, organization.id, month);
  const hasFigure = (key: string, period: Month) => window.seriesByKey.get(key)?.has(period) ?? false;
  const indicators = catalogAsOf(catalog, [month], hasFigure);
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const targets = listTargetsByKey(db, organization.id, year);
  const bands = getStatusBands(db);
  const isDemo = (key: string, period: string) => window.demo.has(`${key}|${period}`);
  const thisMonthFigures = periodFigures(window, month);
  const warnings = [
    ...checkConsistency(catalogForChecks(catalog, month), thisMonthFigures, periodFigures(window, previousMonth(month))),
    ...rollUpWarnings(db, organization, month),
  ];
  const fill = { filled: indicators.filter((indicator) => thisMonthFigures.has(indicator.key)).length, total: indicators.length };
  const standing = listMonthStandings(db, organization.id, month, month).get(month) ?? { kind: "in_progress", label: "填报中" };
  const baselineMonth = standing.kind === "baseline" ? month : null;
  const quality = qualityLine(fill, warnings.length, standing);
  // a year asked for from before the lookback has its own months read (else they would all look unreported)
  const january = makeMonth(year, 1);
  const yearKeys = january < lookbackFrom ? listMonthKeys(db, organization.id, january, makeMonth(year, 12)) : monthKeys;
  const gaps = reportingGaps(yearKeys, keyIndicators, month, today, reportedMonths.at(-1)?.month ?? null, baselineMonth);
  const fillNote = fillNoteOf(fill, standing);
  const monthNote = leaderMonthNote(leader, month);
  const monthHref = (target: Month) => `/?${new URLSearchParams([["month", target], ...(page.explicit ? [["unit", String(organization.id)]] : [])]).toString()}`;

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
    return [buildCard({ indicator, series: seriesOf(window.seriesByKey, key), month, today, targets: targets.get(key) ?? [], rank, bands })];
  });

  // each card says 未审核 while the month of the figure it shows is not approved
  const approvalOf = figureApprovals(cards.map((card) => card.shownMonth), unitId);

  const nanny = byKey.get("nanny_new");
  const nannyThreshold = monthlyThreshold(targets.get("nanny_new") ?? []);
  const nannySeries = seriesOf(window.seriesByKey, "nanny_new");
  const nannyMonths = yearToDate(month);
  const nannyBars = monthBars(nannySeries, nannyMonths, nannyThreshold, (m) => isDemo("nanny_new", m));
  const belowMonths = nannyBars.filter((bar) => bar.below).map((bar) => bar.label);
  const unreportedNanny = nannyMonths.filter((m) => m < today && !nannySeries.has(m));

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
  const rankMonths = trendMonths(rankKeys.map((key) => seriesOf(window.seriesByKey, key)), month);
  const rankRows = rankChartRows(rankKeys, window.seriesByKey, rankMonths);
  const rankedUnits = rankedUnitsOver(window.byKey, rankKeys, rankMonths);
  const rankStrip = rankingRows(window, indicators, month);
  const showsDemo = window.demo.size > 0 || [...targets.values()].flat().some((target) => target.isDemo);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500" data-testid="unit-name">{organization.name}</p>
          <h1 className="text-2xl font-semibold text-slate-900">{formatMonth(month)} 工作看板</h1>
          <ApprovalMark month={month} unitId={unitId} />
          <LeaderMonthNote text={monthNote.text} links={monthNote.links.map((link) => ({ href: monthHref(link.month), label: link.label }))} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <UnitPicker unitId={organization.id} choices={page.choices} basePath="/" keep={{ month: requested === undefined ? undefined : month }} />
          <MonthPicker month={month} months={reportedMonths.map((m) => m.month)} basePath="/" latest={today} keep={{ unit: page.explicit ? String(organization.id) : undefined }} />
        </div>
      </div>

      {problem && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {problem}下面显示的是{formatMonth(month)}。
        </p>
      )}
      {showsDemo && <DemoBanner />}
      {gaps.text && (
        <section role="status" aria-label="尚未填报的月份" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="reporting-gaps">
          <p className="font-medium">{gaps.text}</p>
        </section>
      )}
      <ReturnedMonths unitId={unitId} />
      <DueReminders unitId={unitId} />

      <section aria-label="填报进度与数据质量" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="space-y-1 text-sm text-slate-700">
          <p>
            {baselineMonth ? `${standing.label}：列出 ` : "本月已填报 "}
            <strong className="text-lg text-slate-900" data-testid="filled-count">{fill.filled}</strong> / {fill.total} 项指标
            {fill.filled < fill.total && <span className="ml-2 text-slate-500">（{fill.total - fill.filled} 项{baselineMonth ? "文件未列" : "未填报"}）</span>}
          </p>
          <p>
            <Link href={withUnit(`/quality?month=${month}`, page)} className="hover:underline" data-testid="quality-link">
              <span className={quality.tone === "warn" ? "text-amber-800" : quality.tone === "ok" ? "text-emerald-700" : "text-slate-600"}>{quality.text}</span>
            </Link>
          </p>
        </div>
        {month <= today && can(user.role, "figures:write") && (
          <Link href={withUnit(`/entry/${month}`, page)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {fill.filled > 0 ? "修改本月数据" : "填报本月数据"}
          </Link>
        )}
      </section>

      <RankStrip rows={rankStrip} month={month} />

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading" className="sr-only">重点指标</h2>
        <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-4">
          {cards.map((card) => (
            <KpiCard key={card.key} card={card} demo={isDemo(card.key, month)} fillNote={fillNote} approval={approvalOf(card.shownMonth)} />
          ))}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        {nanny && (
          <ChartPanel
            title={`${nanny.name}（${year}年各月）`}
            note={[
              nannyThreshold === null
                ? `${year}年没有在用的目标`
                : belowMonths.length > 0
                  ? `红色为低于目标 ${nannyThreshold}${nanny.unit} 的月份：${belowMonths.join("、")}`
                  : `已填报的月份均不低于目标 ${nannyThreshold}${nanny.unit}`,
              unreportedNanny.length > 0 ? `未填报：${monthsText(unreportedNanny)}` : null,
            ].filter(Boolean).join("；")}
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
          <ChartPanel title={`${users.name}走势`} note="月末累计值；未填报的月份留空">
            {usersPoints.length > 0 ? <ValueChart data={usersPoints} name={users.name} unit={users.unit} integer /> : <NoData />}
          </ChartPanel>
        )}
        {/* a town holds no provincial rank */}
        {organization.kind !== "sub" && <div className="lg:col-span-2">
          <ChartPanel title="全省排名走势" note={`名次越小越好，第1名在最上方；纵轴只显示所涉名次${rankedUnits ? `（全省共${rankedUnits}个单位参与排名）` : ""}`}>
            {rankRows.length > 0 ? (
              <RankChart rows={rankRows} series={rankIndicators.map((indicator) => ({ key: indicator.key, name: indicator.name }))} rankedUnits={rankedUnits} />
            ) : (
              <NoData />
            )}
          </ChartPanel>
        </div>}
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
  return <p className="py-16 text-center text-sm text-slate-500">暂无数据</p>;
}
