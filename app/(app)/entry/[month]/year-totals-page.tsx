import Link from "@/app/ui/link";
import { groupByCategory, type IndicatorDefinition } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { monthFormValues } from "@/lib/form-base";
import { formatExact } from "@/lib/format";
import { formatMonth, makeMonth, monthOfDate, yearOf } from "@/lib/periods";
import { can } from "@/lib/roles";
import { monthsOfYearTotal, yearTotalRefusal } from "@/lib/year-entry";
import { listYearTotalIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getMonthStatus } from "@/db/month-review";
import { getPeriodFigures, listFigureHistory, listFigures, type StoredFigure } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { listPeriodRevisions } from "@/db/revisions";
import { listBaselineFigures } from "@/db/save-figures";
import type { SessionUser } from "@/app/_auth/session";
import { EntryForm } from "./entry-form";
import type { EntryCategoryView, EntryFieldView } from "./entry-state";
import { fieldView, groupHistory } from "./field-views";
import { ReadOnlyMonth } from "./read-only-month";

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50";

/**
 * /entry/YYYY: a past year's flows as whole-year totals, for a year whose months were never entered
 * (or only some of them). Stored against the year, never spread over months; levels have no year
 * total (their year-end figure is December's).
 */
export function YearTotalsPage({ year, user }: { year: number; user: SessionUser }) {
  const now = currentTime();
  const thisMonth = monthOfDate(now);
  const thisYear = yearOf(thisMonth);
  const notOver = yearTotalRefusal(year, now);
  const period = String(year);
  const label = `${year}年全年合计`;

  const db = getDb();
  const organization = getHomeOrganization(db);
  const indicators = listYearTotalIndicators(db, organization.id, year);
  const current = getPeriodFigures(db, organization.id, period);
  const monthly = monthlySeries(listFigures(db, organization.id, `${year}-01`, `${year}-12`));
  const december = makeMonth(year, 12);
  const status = getMonthStatus(db, organization.id, december);
  const mayWrite = can(user.role, "figures:write");
  const historyByKey = groupHistory(listPeriodRevisions(db, organization.id, period), indicators);
  const baseline = listBaselineFigures(db, organization.id);
  const field = (indicator: IndicatorDefinition): EntryFieldView => ({
    ...fieldView(indicator, indicators, current.get(indicator.key), historyByKey.get(indicator.key) ?? []),
    historyHref: `/indicators/${indicator.key}`,
    previousText: monthsText(indicator, monthly.get(indicator.key) ?? new Map(), year, current.get(indicator.key)),
    baseline: baseline.has(period, indicator.key),
    lastRankedUnits: null,
    yearNote: null,
  });
  const categories: EntryCategoryView[] = groupByCategory(indicators).map(([category, members]) => ({ category, fields: members.map(field) }));
  const filled = indicators.filter((indicator) => current.has(indicator.key)).length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">{organization.name}</p>
          <h1 className="text-2xl font-semibold">{label} 数据填报</h1>
          {!notOver && (
            <p className="text-sm text-slate-500">
              已填 {filled} / {indicators.length} 项（只列流量指标：当月新增类）
            </p>
          )}
        </div>
        <nav aria-label="切换年份" className="flex gap-2 text-sm">
          <Link href={`/entry/${year - 1}`} className={LINK}>‹ {year - 1}年</Link>
          {year + 1 < thisYear && <Link href={`/entry/${year + 1}`} className={LINK}>{year + 1}年 ›</Link>}
        </nav>
      </div>

      {notOver ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {year > thisYear ? `${year}年尚未到来，不能填报。` : `${notOver}。`}
          <Link href={`/entry/${thisMonth}`} className="ml-2 underline">
            填报本月（{formatMonth(thisMonth)}）
          </Link>
        </p>
      ) : (
        <>
          <section className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950" data-testid="year-totals-help">
            <p>
              往年只有全年数字的流量指标（新增…），在此按全年合计填写：存为“{year}年全年”，从不摊到各月。
              全年合计与各月数据并存时，全年数按全年合计计算，季度和各月仍按月计算；两者不一致时请核对。
            </p>
            <p className="mt-1">
              累计、比率、排名没有全年合计，年末数请填在<Link href={`/entry/${december}`} className="underline">{formatMonth(december)}</Link>。全年合计随该年12月审核与锁定。
            </p>
          </section>
          {status !== "in_progress" ? (
            <ReadOnlyMonth
              categories={categories}
              reason={
                status === "approved"
                  ? `🔒 ${formatMonth(december)}已审核并锁定，${label}随之锁定，不能再修改。如需更正，请审核人解除锁定（须填写原因）。`
                  : `${formatMonth(december)}已提交审核，审核期间${label}不能修改。如需更正，请审核人退回。`
              }
            />
          ) : !mayWrite ? (
            <ReadOnlyMonth categories={categories} reason="您的账号为只读：可以查看全年合计与修订记录，不能填报或修改。" />
          ) : (
            <EntryForm
              period={{ field: "year", value: period, label }}
              categories={categories}
              initialValues={monthFormValues(indicators, current)}
              catalog={indicators}
              checks={indicators}
              previous={[]}
              history={[...listFigureHistory(db, organization.id, period)]}
            />
          )}
        </>
      )}
    </div>
  );
}

/** Each indicator's monthly figures (by month), the year figures left aside. */
function monthlySeries(figures: readonly StoredFigure[]): Map<string, Map<string, number>> {
  const byKey = new Map<string, Map<string, number>>();
  for (const figure of figures) {
    if (figure.period.length !== 7) continue;
    const series = byKey.get(figure.key) ?? new Map<string, number>();
    series.set(figure.period, figure.value);
    byKey.set(figure.key, series);
  }
  return byKey;
}

/** Beside a year's total: its months added up, to compare (never merged with it). */
function monthsText(indicator: IndicatorDefinition, series: Map<string, number>, year: number, total: StoredFigure | undefined): string {
  const months = monthsOfYearTotal(series, year, indicator.decimals);
  if (months.value === null) return "各月均未填报";
  const sum = `1–12月已填 ${months.reportedMonths} 个月，合计 ${formatExact(months.value, indicator)}`;
  return months.reportedMonths === 12 && total && total.value !== months.value ? `${sum}，与全年合计不一致，请核对` : sum;
}
