import Link from "@/app/ui/link";
import { notFound } from "next/navigation";
import { catalogForChecks, groupByCategory, type IndicatorDefinition } from "@/lib/catalog";
import type { EarlierFigure } from "@/lib/consistency";
import { knownPeriodLabel, referenceText } from "@/lib/entry-reference";
import { currentTime } from "@/lib/clock";
import { monthFormValues } from "@/lib/form-base";
import { formatExact } from "@/lib/format";
import { addMonths, formatMonth, isFutureMonth, isMonth, isYear, monthOfDate, monthParts, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listCatalog, listMonthIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getPeriodFigures, listFigureHistory, listKnownBefore, listLastRankedUnits, type StoredFigure, type WindowFigure } from "@/db/observations";
import { getMonthStatus } from "@/db/month-review";
import { listPeriodRevisions } from "@/db/revisions";
import { listBaselineFigures } from "@/db/save-figures";
import { pageUnit, requireDistrictWide, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { DemoBanner } from "@/app/ui/demo-banner";
import { UnitPicker } from "@/app/ui/unit-picker";
import { EntryForm } from "./entry-form";
import type { EntryCategoryView, EntryFieldView } from "./entry-state";
import { fieldView, groupHistory } from "./field-views";
import { MonthWorkflow } from "./month-workflow";
import { ReadOnlyMonth } from "./read-only-month";
import { YearTotalsPage } from "./year-totals-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  return { title: isMonth(month) ? `${formatMonth(month)}数据填报` : isYear(month) ? `${month}年全年合计填报` : "数据填报" };
}

export default async function EntryPage({
  params,
  searchParams,
}: {
  params: Promise<{ month: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { month } = await params;
  // a past year's whole-year totals have a form of their own at /entry/YYYY
  if (isYear(month)) {
    // whole-year totals are the district's own: a town's account reports months
    requireDistrictWide(user);
    return <YearTotalsPage year={Number(month)} user={user} />;
  }
  if (!isMonth(month)) notFound();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const organization = page.unit;
  const thisMonth = monthOfDate(currentTime());
  const future = isFutureMonth(month, currentTime());

  const db = getDb();
  // the form as of its month: a retired indicator still on the months before its retirement, a new one only from its first month
  const indicators = listMonthIndicators(db, organization.id, month);
  const checks = catalogForChecks(listCatalog(db), month);
  const current = getPeriodFigures(db, organization.id, month);
  const yearFigures = getPeriodFigures(db, organization.id, String(monthParts(month).year));
  const previousMonthFigures = getPeriodFigures(db, organization.id, addMonths(month, -1));
  // the reference beside each field: last month's figure, else the last one known before it (last December, the 2023 year-end)
  const known = listKnownBefore(db, organization.id, month);

  const status = getMonthStatus(db, organization.id, month);
  const mayWrite = can(user.role, "figures:write");
  const historyByKey = groupHistory(listPeriodRevisions(db, organization.id, month), indicators);
  const lastRankedUnits = listLastRankedUnits(db, organization.id, month);
  const baseline = listBaselineFigures(db, organization.id);
  const field = (indicator: IndicatorDefinition): EntryFieldView => ({
    ...fieldView(indicator, indicators, current.get(indicator.key), historyByKey.get(indicator.key) ?? []),
    historyHref: withUnit(`/indicators/${indicator.key}`, page),
    previousText: referenceText(indicator, month, known.monthly.get(indicator.key), known.yearTotals.get(indicator.key)),
    baseline: baseline.has(month, indicator.key),
    lastRankedUnits: lastUnits(lastRankedUnits.get(indicator.key)),
    yearNote: yearNote(indicator, yearFigures.get(indicator.key), monthParts(month).year),
  });
  const categories: EntryCategoryView[] = groupByCategory(indicators).map(([category, members]) => ({
    category,
    fields: members.map(field),
  }));
  const initialValues = monthFormValues(indicators, current);
  const hasDemo = [...current.values()].some((figure) => figure.isDemo);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500" data-testid="unit-name">{organization.name}</p>
          <h1 className="text-2xl font-semibold">{formatMonth(month)} 数据填报</h1>
          <p className="text-sm text-slate-500">
            已填 {indicators.filter((indicator) => current.has(indicator.key)).length} / {indicators.length} 项
            {mayWrite && ` · 流量指标填当月新增，累计指标填月末数${indicators.some((indicator) => indicator.kind === "rank") ? "，排名填当月全省名次" : ""}`}
          </p>
        </div>
        <UnitPicker unitId={organization.id} choices={page.choices} basePath={`/entry/${month}`} />
        <nav aria-label="切换月份" className="flex gap-2 text-sm">
          <Link href={withUnit(`/entry/${addMonths(month, -1)}`, page)} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50">
            ‹ {formatMonth(addMonths(month, -1))}
          </Link>
          {addMonths(month, 1) <= thisMonth && (
            <Link href={withUnit(`/entry/${addMonths(month, 1)}`, page)} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50">
              {formatMonth(addMonths(month, 1))} ›
            </Link>
          )}
        </nav>
      </div>
      {organization.kind === "sub" && indicators.length === 0 && (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          尚未设定镇街填报哪些指标：请管理员在“管理 › 单位管理”中勾选。
        </p>
      )}
      {!future && <MonthWorkflow month={month} status={status} user={user} unit={organization} />}
      {hasDemo && <DemoBanner detail="本月现有数值为示例数据（演示用，非真实填报）；保存改动后，改动的指标即成为正式数据。" />}
      {future ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {formatMonth(month)}尚未到来，不能填报未来月份的数据。
          <Link href={`/entry/${thisMonth}`} className="ml-2 underline">
            填报本月（{formatMonth(thisMonth)}）
          </Link>
        </p>
      ) : status !== "in_progress" ? (
        <ReadOnlyMonth
          categories={categories}
          reason={
            status === "approved"
              ? `🔒 ${formatMonth(month)}已审核并锁定，数据不能再修改。如需更正，请审核人解除锁定（须填写原因）。`
              : `${formatMonth(month)}已提交审核，审核期间数据不能修改。如需更正，请审核人退回。`
          }
        />
      ) : !mayWrite ? (
        <ReadOnlyMonth categories={categories} reason="您的账号为只读：可以查看本月数据与修订记录，不能填报或修改。" />
      ) : (
        <EntryForm
          period={{ field: "month", value: month, label: formatMonth(month) }}
          categories={categories}
          initialValues={initialValues}
          catalog={indicators}
          checks={checks}
          previous={[...previousMonthFigures].map(([key, figure]) => [key, { value: figure.value, rankedUnits: figure.rankedUnits }])}
          earlier={earlierLevels(indicators, known.monthly, month)}
          history={[...listFigureHistory(db, organization.id, month)]}
          unitId={organization.kind === "home" ? undefined : organization.id}
        />
      )}
    </div>
  );
}

function lastUnits(last: { units: number; month: Month } | undefined): EntryFieldView["lastRankedUnits"] {
  return last ? { units: last.units, monthLabel: formatMonth(last.month) } : null;
}

/** The levels last known before an empty last month, dated ("2023年末"): a 累计 never falls below them. */
function earlierLevels(indicators: readonly IndicatorDefinition[], monthly: ReadonlyMap<string, WindowFigure>, month: Month): [string, EarlierFigure][] {
  return indicators.flatMap((indicator): [string, EarlierFigure][] => {
    const figure = monthly.get(indicator.key);
    if (indicator.kind !== "stock" || !figure || !isMonth(figure.period) || figure.period === addMonths(month, -1)) return [];
    return [[indicator.key, { value: figure.value, label: knownPeriodLabel(figure.period, indicator) }]];
  });
}

/** A flow's whole-year total for the month's year, if one is stored: shown as such, never spread over the months. */
function yearNote(indicator: IndicatorDefinition, total: StoredFigure | undefined, year: number): EntryFieldView["yearNote"] {
  if (indicator.kind !== "flow" || !total) return null;
  return { text: `${year}年全年合计 ${formatExact(total.value, indicator)}（年度数据，不摊到各月）`, href: `/entry/${year}` };
}
