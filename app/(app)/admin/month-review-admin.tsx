import Link from "@/app/ui/link";
import { whoText } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { formatMonth, isMonth } from "@/lib/periods";
import { listAuditEntries } from "@/db/audit";
import { getDb } from "@/db/client";
import { countSubmittedMonths, listApprovedMonths } from "@/db/month-review";
import { UnlockMonthForm } from "@/app/ui/workflow/month-step-forms";

const EMPTY_FILTER = { area: null, userId: null, from: null, to: null, month: null };

/** The admin page's section on month review: what awaits review, the approved (locked) months, the latest steps. */
export function MonthReviewAdmin({ organizationId }: { organizationId: number }) {
  const db = getDb();
  const awaiting = countSubmittedMonths(db, organizationId);
  const approved = listApprovedMonths(db, organizationId);
  const steps = listAuditEntries(db, { organizationId, filter: { ...EMPTY_FILTER, area: "reviews" }, limit: 10 }).entries;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-base font-semibold">月度审核与锁定</h2>
      <p className="text-sm text-slate-600">
        工作人员填完一个月后“提交审核”；审核人（管理员，或被授予审核权限的账号）在“待审核”页审核通过（该月随即锁定）或退回（须填原因）。
        已锁定的月份拒绝任何修改；需要更正时由审核人“解除锁定”并填写原因，该月回到“填报中”，改完后重新提交。每一步都有记录。
      </p>
      <p className="text-sm">
        等待审核：<strong data-testid="awaiting-count">{awaiting}</strong> 个月
        <Link href="/review-queue" className="ml-3 text-brand-700 underline">打开待审核</Link>
      </p>
      {approved.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="locked-months">
          {approved.map((lock) => {
            const label = isMonth(lock.month) ? formatMonth(lock.month) : lock.month;
            return (
              <li key={lock.month} className="py-2">
                <details>
                  <summary className="cursor-pointer">
                    🔒 {label}
                    <span className="ml-2 text-xs text-slate-500">{lock.lockedBy ?? "—"} 于 {formatDateTime(lock.lockedAt)} 锁定</span>
                  </summary>
                  <div className="mt-2 pl-4">
                    <UnlockMonthForm month={lock.month} monthLabel={label} />
                  </div>
                </details>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">目前没有已审核锁定的月份。</p>
      )}
      {steps.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">最近的审核记录</summary>
          <ul className="mt-2 space-y-1 text-xs text-slate-600">
            {steps.map((step) => (
              <li key={step.id}>
                {formatDateTime(step.at)} {whoText(step)} {step.action} {step.subject}
                {step.detail && `（${step.detail}）`}
              </li>
            ))}
          </ul>
          <Link href="/admin/audit?area=reviews" className="mt-1 inline-block text-xs text-brand-700 underline">全部审核记录</Link>
          <Link href="/admin/audit?area=locks" className="ml-3 mt-1 inline-block text-xs text-brand-700 underline">旧的锁定记录</Link>
        </details>
      )}
    </section>
  );
}
