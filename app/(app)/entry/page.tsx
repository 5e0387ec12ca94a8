import Link from "next/link";
import { currentTime } from "@/lib/clock";
import { beijingDate, dueDateOf, dueItem, dueText, formatCalendarDate } from "@/lib/due-dates";
import { addMonths, formatMonth, makeMonth, monthRange, type Month } from "@/lib/periods";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getDueSettings } from "@/db/due-settings";
import { listMonthStatuses, statusLookup } from "@/db/month-review";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { requireUser } from "@/app/_auth/session";
import { DueReminders } from "@/app/ui/workflow/due-reminders";
import { MonthStatusBadge } from "@/app/ui/workflow/month-status-badge";

export const dynamic = "force-dynamic";
export const metadata = { title: "月度填报" };

/** Staff's home: what is late or due, and every month of the year with its review status. */
export default async function EntryHomePage() {
  await requireUser();
  const now = currentTime();
  const db = getDb();
  const organization = getHomeOrganization(db);
  const settings = getDueSettings(db, now);
  const today = beijingDate(now);
  const current = makeMonth(today.year, today.month);
  const first: Month = settings.trackFrom < makeMonth(today.year, 1) ? settings.trackFrom : makeMonth(today.year, 1);
  const months = monthRange(first, current).reverse();
  const statusOf = statusLookup(listMonthStatuses(db, organization.id, first, current));
  const filled = new Map(listReportedMonths(db, organization.id).map((row) => [row.month, row.figures]));
  const total = listIndicators(db).length;

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
        <Link href={`/entry/${addMonths(current, -1)}`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          填报{formatMonth(addMonths(current, -1))}
        </Link>
      </div>
      <DueReminders />
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
              const status = statusOf(month);
              const item = status === "in_progress" && month >= settings.trackFrom ? dueItem(month, settings, now) : null;
              return (
                <tr key={month} data-month={month}>
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={`/entry/${month}`} className="font-medium text-brand-700 hover:underline">{formatMonth(month)}</Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2"><MonthStatusBadge status={status} /></td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{filled.get(month) ?? 0} / {total}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{formatCalendarDate(dueDateOf(month, settings.dueDay), true)}</td>
                  <td className={`px-3 py-2 ${item?.kind === "overdue" ? "text-red-700" : "text-slate-600"}`}>
                    {month === current ? "本月进行中" : item ? dueText(item) : status === "in_progress" ? (month < settings.trackFrom ? "—" : "未到期") : status === "submitted" ? "等待审核" : "已锁定"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
