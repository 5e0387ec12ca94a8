import Link from "@/app/ui/link";
import { currentTime } from "@/lib/clock";
import { beijingDate, dueDateOf, dueItem, dueText, formatCalendarDate } from "@/lib/due-dates";
import { catalogAsOf } from "@/lib/catalog";
import { addMonths, formatMonth, makeMonth, monthRange, yearOf, type Month } from "@/lib/periods";
import { listUnitCatalog, listYearTotalIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listMonthKeys } from "@/db/dashboard";
import { getDueSettings } from "@/db/due-settings";
import { listMonthStandings, listReturnedMonths } from "@/db/month-review";
import { getPeriodFigures, listReportedMonths } from "@/db/observations";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { UnitPicker } from "@/app/ui/unit-picker";
import { DueReminders } from "@/app/ui/workflow/due-reminders";
import { MonthStandingBadge } from "@/app/ui/workflow/month-status-badge";
import { ReturnedMonths } from "@/app/ui/workflow/returned-months";

export const dynamic = "force-dynamic";
export const metadata = { title: "月度填报" };

/** Staff's home: what is late or due, every month of the year with its review status, and the past years' whole-year totals. */
export default async function EntryHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const organization = page.unit;
  const unitId = organization.kind === "home" ? undefined : organization.id;
  const now = currentTime();
  const db = getDb();
  const settings = getDueSettings(db, now);
  const today = beijingDate(now);
  const current = makeMonth(today.year, today.month);
  // from January (or the month tracking starts), and back to any month still returned
  const earliestReturned = listReturnedMonths(db, organization.id, now)[0]?.month;
  const first: Month = [settings.trackFrom, makeMonth(today.year, 1), ...(earliestReturned ? [earliestReturned] : [])].sort()[0] ?? makeMonth(today.year, 1);
  const months = monthRange(first, current).reverse();
  const standings = listMonthStandings(db, organization.id, first, current, now);
  // each month counted against the indicators in force that month
  const catalog = listUnitCatalog(db, organization);
  const keysOf = listMonthKeys(db, organization.id, first, current);
  const fill = (month: Month) => {
    const keys = keysOf.get(month) ?? new Set<string>();
    return { filled: keys.size, total: catalogAsOf(catalog, [month], (key) => keys.has(key)).length };
  };
  // every year that is over, back to the first one with figures (the 2023 baseline), newest first
  const lastYear = today.year - 1;
  const earliest = listReportedMonths(db, organization.id).at(-1)?.month;
  const firstYear = Math.min(earliest ? yearOf(earliest) : lastYear, lastYear);
  // whole-year totals are the district's own (its 2023 baseline and earlier years); a town reports months
  const pastYears = organization.kind !== "home" ? [] : Array.from({ length: lastYear - firstYear + 1 }, (_, index) => lastYear - index);
  const yearTotals = pastYears.map((year) => {
    const asked = listYearTotalIndicators(db, organization.id, year);
    const stored = getPeriodFigures(db, organization.id, String(year));
    return { year, filled: asked.filter((indicator) => stored.has(indicator.key)).length, total: asked.length };
  });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">{organization.name}</p>
          <h1 className="text-2xl font-semibold">月度填报</h1>
          <p className="text-sm text-slate-500">
            每月数据应于次月{settings.dueDay}日前提交审核（北京时间；该月较短时为月末）。已提交的月份审核期间不能修改，审核通过后锁定。
          </p>
        </div>
        <UnitPicker unitId={organization.id} choices={page.choices} basePath="/entry" />
        <Link href={withUnit(`/entry/${addMonths(current, -1)}`, page)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          填报{formatMonth(addMonths(current, -1))}
        </Link>
      </div>
      <ReturnedMonths unitId={unitId} />
      <DueReminders unitId={unitId} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="months">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">月份</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2 text-right">已填</th>
              <th className="hidden px-3 py-2 sm:table-cell">提交期限</th>
              <th className="px-3 py-2">情况</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {months.map((month) => {
              const standing = standings.get(month) ?? { kind: "in_progress", label: "填报中" };
              const open = standing.kind === "in_progress" || standing.kind === "returned";
              const item = open && month >= settings.trackFrom ? dueItem(month, settings, now) : null;
              return (
                <tr key={month} data-month={month}>
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={withUnit(`/entry/${month}`, page)} className="font-medium text-brand-700 hover:underline">{formatMonth(month)}</Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2"><MonthStandingBadge standing={standing} /></td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{fill(month).filled} / {fill(month).total}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{formatCalendarDate(dueDateOf(month, settings.dueDay), true)}</td>
                  <td className={`px-3 py-2 ${item?.kind === "overdue" || standing.kind === "returned" ? "text-red-700" : "text-slate-600"}`}>
                    {standing.kind === "returned" && (
                      <span className="block whitespace-pre-wrap" data-reason>退回原因：{standing.reason || "（未填写）"}</span>
                    )}
                    {standing.kind === "running" ? "下月1日起可提交"
                      : item ? dueText(item)
                      : standing.kind === "submitted" ? "等待审核"
                      : standing.kind === "approved" ? "已锁定"
                      : standing.kind === "returned" ? "请修改后重新提交"
                      : month < settings.trackFrom ? "—" : "未到期"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {yearTotals.length > 0 && (
        <section aria-labelledby="year-totals-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="year-totals">
          <h2 id="year-totals-heading" className="text-base font-semibold">往年全年合计</h2>
          <p className="mt-1 text-sm text-slate-600">往年只有全年数字的流量指标（新增…），按全年合计填写，不摊到各月；累计、比率、排名的年末数填在12月。</p>
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {yearTotals.map(({ year, filled, total }) => (
              <li key={year}>
                <Link href={`/entry/${year}`} className="inline-block rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50" data-year={year}>
                  <span className="font-medium text-brand-700">{year}年全年合计</span>
                  <span className="ml-2 tabular-nums text-slate-500">已填 {filled} / {total}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
