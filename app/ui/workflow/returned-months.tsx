import Link from "@/app/ui/link";
import { returnedText } from "@/lib/month-status";
import { formatDateTime } from "@/lib/format";
import { getDb } from "@/db/client";
import { listReturnedMonths } from "@/db/month-review";
import { getHomeOrganization } from "@/db/organizations";

/**
 * The months a reviewer sent back, as a to-do: each with the reviewer's reason and a link to its
 * form; nothing when none is. Loads what it needs, so a page adds one line (a town passes its id).
 */
export function ReturnedMonths({ unitId }: { unitId?: number } = {}) {
  const db = getDb();
  const returned = listReturnedMonths(db, unitId ?? getHomeOrganization(db).id);
  if (returned.length === 0) return null;
  const query = unitId === undefined ? "" : `?unit=${unitId}`;
  return (
    <section aria-label="已退回的月份" data-testid="returned-months" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-medium">待办：{returned.length} 个月被退回，请修改后重新提交</p>
      <ul className="mt-1 space-y-1">
        {returned.map((item) => (
          <li key={item.month} data-month={item.month}>
            <span aria-hidden="true">↩ </span>
            <Link href={`/entry/${item.month}${query}`} className="font-medium underline underline-offset-2">
              {returnedText(item.month, "")}
            </Link>
            <span className="block whitespace-pre-wrap pl-4 text-red-800 sm:inline sm:pl-1" data-reason>
              退回原因：{item.reason || "（未填写）"}
            </span>
            <span className="block pl-4 text-xs text-red-700/80 sm:inline sm:pl-1">
              {item.by ?? "审核人"} 于 {formatDateTime(item.at)} 退回
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
