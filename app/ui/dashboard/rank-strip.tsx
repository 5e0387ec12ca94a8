import Link from "@/app/ui/link";
import { formatMovement, type RankingRow } from "@/lib/rankings";

/** The district's provincial places at a glance, linking to the rankings page. */
export function RankStrip({ rows, month }: { rows: RankingRow[]; month: string }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label="全省排名" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-800">全省排名</h2>
        <Link href={`/rankings?month=${month}`} className="text-sm text-brand-700 hover:underline">
          查看详情 ›
        </Link>
      </div>
      <ul className="grid grid-cols-2 gap-2 text-sm lg:grid-cols-4" data-testid="rank-strip">
        {rows.map((row) => {
          const move = row.sinceLastMonth;
          const tone = move?.direction === "up" ? "text-emerald-700" : move?.direction === "down" ? "text-red-700" : "text-slate-500";
          return (
            <li key={row.key} className="min-w-0 rounded-md bg-slate-50 px-3 py-2">
              <Link href={`/rankings?month=${month}`} className="block">
                <span className="block truncate text-xs text-slate-500">{row.rankedName}</span>
                <span className="text-lg font-semibold text-slate-900">{row.current ? `第${row.current.rank}名` : "未填报"}</span>
                <span className={`ml-1 text-xs ${tone}`}>
                  {move?.direction === "up" ? "▲" : move?.direction === "down" ? "▼" : ""}
                  {move ? formatMovement(move) : ""}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
