import Link from "@/app/ui/link";
import { dueText } from "@/lib/due-dates";
import { getDb } from "@/db/client";
import { listDueItems } from "@/db/due-settings";
import { getHomeOrganization } from "@/db/organizations";

/**
 * The months that are late, due today or due soon ("2026年10月数据逾期3天"), each linked to its
 * form; nothing at all when none is. Loads what it needs, so a page adds one line. For a town,
 * pass its id (the home unit is the default).
 */
export function DueReminders({ unitId }: { unitId?: number } = {}) {
  const db = getDb();
  const items = listDueItems(db, unitId ?? getHomeOrganization(db).id);
  const query = unitId === undefined ? "" : `?unit=${unitId}`;
  if (items.length === 0) return null;
  const overdue = items.some((item) => item.kind === "overdue");
  return (
    <section
      aria-label="报送期限提醒"
      data-testid="due-reminders"
      className={`rounded-lg border px-4 py-3 text-sm ${overdue ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}
    >
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.month} data-due-kind={item.kind}>
            <span aria-hidden="true">{item.kind === "overdue" ? "⚠ " : "⏰ "}</span>
            <Link href={`/entry/${item.month}${query}`} className="underline-offset-2 hover:underline">
              {dueText(item)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
