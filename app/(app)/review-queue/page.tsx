import Link from "@/app/ui/link";
import { formatDateTime } from "@/lib/format";
import { formatMonth } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import type { Organization } from "@/db/schema";
import { loadReviewQueue, type QueueItem } from "@/db/review-queue";
import { getStatusBands } from "@/db/settings";
import { unitsVisibleTo } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { StatusBadge } from "@/app/ui/status";
import { ReviewDecisionForms } from "@/app/ui/workflow/month-step-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "待审核" };

/** The reviewer's view: every month awaiting review, what changed, what to check, and the decision. */
export default async function ReviewQueuePage() {
  const user = await requireUser();
  const db = getDb();
  const units = unitsVisibleTo(user);
  const catalog = listIndicators(db, { includeRetired: true }).map(toDefinition);
  const bands = getStatusBands(db);
  // every unit the reviewer sees: the district first, then its towns
  const queue = units.flatMap((unit) => loadReviewQueue(db, { organizationId: unit.id, catalog, bands }).map((item) => ({ unit, item })));
  const heading = units.length === 1 ? (units[0]?.name ?? "") : units.map((unit) => unit.shortName).join("、");
  const mayReview = can(user, "months:review");
  const names = new Map(catalog.map((indicator) => [indicator.key, indicator.name]));

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">{heading}</p>
        <h1 className="text-2xl font-semibold">待审核</h1>
        <p className="text-sm text-slate-600">
          工作人员提交的月份在此审核：核对改动、一致性提醒与受影响的目标后，“审核通过”即锁定该月；“退回”须填写原因，该月回到填报中。
          {!mayReview && " 您的账号没有审核权限，只能查看。"}
        </p>
      </div>
      {queue.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500" data-testid="queue-empty">
          目前没有等待审核的月份。
        </p>
      ) : (
        queue.map(({ unit, item }) => <QueueCard key={`${unit.id}-${item.month}`} unit={unit} item={item} names={names} mayReview={mayReview} />)
      )}
    </div>
  );
}

function QueueCard({ unit, item, names, mayReview }: { unit: Organization; item: QueueItem; names: ReadonlyMap<string, string>; mayReview: boolean }) {
  const home = unit.kind === "home";
  const label = `${home ? "" : unit.name}${formatMonth(item.month)}`;
  const anchor = `queue-${unit.id}-${item.month}`;
  return (
    <section aria-labelledby={anchor} data-month={item.month} data-unit={unit.id} data-testid="queue-item" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={anchor} className="text-lg font-semibold">
          <Link href={home ? `/entry/${item.month}` : `/entry/${item.month}?unit=${unit.id}`} className="hover:underline">{label}</Link>
        </h2>
        <p className="text-sm text-slate-600">
          {item.submittedBy ?? "—"}
          {item.submittedByUsername ? `（${item.submittedByUsername}）` : ""} 于 {formatDateTime(item.submittedAt)} 提交
          ；<span data-testid="review-base" data-base={item.base.kind}>{item.base.note}</span>
        </p>
      </header>
      {item.base.kind === "returned" && item.base.reason && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="return-reason">
          退回原因：<span className="whitespace-pre-wrap">{item.base.reason}</span>
        </p>
      )}

      {item.missingKeys.length > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          提交人确认本月未填报 {item.missingKeys.length} 项：{item.missingKeys.map((key) => names.get(key) ?? key).join("、")}
        </p>
      )}

      <div>
        <h3 className="text-sm font-semibold text-slate-800">
          {item.base.heading}
          {item.editors.length > 0 && (
            <span className="ml-2 font-normal text-slate-500">修改人：{item.editors.map((editor) => `${editor.name} ${editor.count} 次`).join("、")}</span>
          )}
        </h3>
        {item.changes.length === 0 ? (
          <p className="text-sm text-slate-500">{item.base.kind === "returned" ? "与退回时的数值相同，没有改动。" : "与上次审核通过的版本相同，没有改动。"}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="mt-1 w-full text-sm" data-testid="changes">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-2">指标</th>
                  {item.base.kind !== "first" && <th className="py-1 pr-2 text-right">{item.base.oldHeading}</th>}
                  <th className="py-1 pr-2 text-right">{item.base.kind !== "first" ? "现在" : "数值"}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {item.changes.map((row) => (
                  <tr key={row.key} data-key={row.key}>
                    <td className="py-1 pr-2">{row.name}</td>
                    {item.base.kind !== "first" && <td className="py-1 pr-2 text-right tabular-nums text-slate-500">{row.oldText}</td>}
                    <td className="py-1 pr-2 text-right tabular-nums font-medium">
                      {item.base.kind !== "first" && <span aria-hidden="true" className="mr-1 text-slate-500">→</span>}
                      {row.newText}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-800">一致性提醒（{item.warnings.length}）</h3>
        {item.warnings.length === 0 ? (
          <p className="text-sm text-emerald-700">✓ 未发现不一致。</p>
        ) : (
          <ul className="list-disc space-y-0.5 pl-5 text-sm text-amber-900" data-testid="warnings">
            {item.warnings.map((warning, index) => (
              <li key={`${warning.code}-${index}`}>{warning.message}</li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-800">影响的目标（{item.moved.length}）</h3>
        {item.moved.length === 0 ? (
          <p className="text-sm text-slate-500">本次数值不改变任何目标的评估。</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="moved-targets">
            {item.moved.map((moved) => (
              <li key={`${moved.key}-${moved.label}`}>
                <span className="font-medium">{moved.name}</span> {moved.label}：
                <span><StatusBadge status={moved.before.status} /> {moved.before.summary}</span>
                <span aria-label="变为" className="mx-1 text-slate-500">→</span>
                <span><StatusBadge status={moved.after.status} /> {moved.after.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {mayReview && <ReviewDecisionForms month={item.month} monthLabel={label} unitId={home ? undefined : unit.id} />}
    </section>
  );
}
