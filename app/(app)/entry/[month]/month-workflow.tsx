import Link from "@/app/ui/link";
import { currentTime } from "@/lib/clock";
import { dueDateOf, dueItem, dueText, formatCalendarDate } from "@/lib/due-dates";
import { formatDateTime } from "@/lib/format";
import { allows, submissionRefusal, type MonthStatus } from "@/lib/month-status";
import { formatMonth, type Month } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getDueSettings } from "@/db/due-settings";
import { listMissingIndicators, listMonthHistory, listMonthStandings } from "@/db/month-review";
import type { Organization } from "@/db/schema";
import type { SessionUser } from "@/app/_auth/session";
import { MonthStatusBadge } from "@/app/ui/workflow/month-status-badge";
import { ReviewDecisionForms, SubmitMonthForm, UnlockMonthForm } from "@/app/ui/workflow/month-step-forms";

/** A month's review on its own page: status, due date, the step the user may take, and every step so far. */
export function MonthWorkflow({ month, status, user, unit }: { month: Month; status: MonthStatus; user: SessionUser; unit: Organization }) {
  const db = getDb();
  const organizationId = unit.id;
  // the home unit's forms post no unit (its default); a town's name theirs
  const unitId = unit.kind === "home" ? undefined : unit.id;
  const now = currentTime();
  const settings = getDueSettings(db, now);
  const history = listMonthHistory(db, organizationId, month);
  const names = new Map(listIndicators(db, { includeRetired: true }).map((indicator) => [indicator.key, indicator.name]));
  const label = formatMonth(month);
  const due = status === "in_progress" && month >= settings.trackFrom ? dueItem(month, settings, now) : null;
  const standing = listMonthStandings(db, organizationId, month, month, now).get(month);
  const returned = standing?.kind === "returned" ? standing : null;
  const notYet = submissionRefusal(month, now);
  const mayReview = can(user, "months:review");

  return (
    <section aria-label={`${label}审核`} data-testid="month-workflow" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="flex items-center gap-2">
          审核状态 <MonthStatusBadge status={status} />
        </span>
        <span className="text-slate-600">提交期限：{formatCalendarDate(dueDateOf(month, settings.dueDay), true)}</span>
        {due && <span className={due.kind === "overdue" ? "font-medium text-red-700" : "text-amber-800"}>{dueText(due)}</span>}
      </div>

      {returned && (
        <p role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="return-reason">
          已被{returned.by ?? "审核人"}于 {formatDateTime(returned.at)} 退回，原因：{returned.reason}
        </p>
      )}

      {allows(status, "submit") && can(user, "months:submit") &&
        (notYet ? (
          <p className="text-sm text-slate-600">{notYet}</p>
        ) : (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">填报完成后：提交{label}数据审核</summary>
            <div className="mt-3">
              <SubmitMonthForm month={month} monthLabel={label} missing={listMissingIndicators(db, organizationId, month)} unitId={unitId} />
            </div>
          </details>
        ))}
      {status === "submitted" && (
        <p className="text-sm text-slate-700">
          {label}数据已提交，等待审核；审核期间任何人都不能修改。需要更正时请审核人“退回”。
          <Link href="/review-queue" className="ml-2 text-brand-700 underline">到待审核页查看改动与提醒</Link>
        </p>
      )}
      {allows(status, "approve") && mayReview && <ReviewDecisionForms month={month} monthLabel={label} unitId={unitId} />}
      {allows(status, "unlock") && mayReview && (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm text-slate-700">需要更正已审核的数据？解除锁定…</summary>
          <div className="mt-3">
            <UnlockMonthForm month={month} monthLabel={label} unitId={unitId} />
          </div>
        </details>
      )}

      {history.length > 0 && (
        <details className="text-sm" open={status !== "in_progress" || returned !== null}>
          <summary className="cursor-pointer text-slate-600">审核记录（{history.length}）</summary>
          <ol className="mt-2 space-y-1 text-xs text-slate-700" data-testid="month-history">
            {history.map((entry) => (
              <li key={entry.id} data-action={entry.action}>
                <span className="tabular-nums text-slate-500">{formatDateTime(entry.at)}</span> {entry.by ?? "系统"}
                {entry.username ? `（${entry.username}）` : ""} <strong className="font-medium">{entry.label}</strong>
                {entry.reason && <>：{entry.reason}</>}
                {entry.missingKeys.length > 0 && (
                  <span className="text-slate-500">；确认未填报 {entry.missingKeys.length} 项（{entry.missingKeys.map((key) => names.get(key) ?? key).join("、")}）</span>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
