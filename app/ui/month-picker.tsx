import Link from "@/app/ui/link";
import { addMonths, formatMonth, type Month } from "@/lib/periods";

/**
 * Previous / next month links and a list of the months that hold figures. A plain GET form,
 * so it works before the page's JavaScript has loaded.
 */
export function MonthPicker({
  month,
  months,
  basePath,
  latest,
  keep = {},
}: {
  month: Month;
  months: readonly Month[];
  basePath: string;
  latest: Month;
  /** Other parameters of the page to keep (the unit), on the links and in the form. */
  keep?: Record<string, string | undefined>;
}) {
  const options = months.includes(month) ? months : [month, ...months].sort().reverse();
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  const kept: [string, string][] = Object.entries(keep).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]]));
  const hrefFor = (target: Month) => `${basePath}?${new URLSearchParams([["month", target], ...kept]).toString()}`;
  return (
    <div className="flex flex-wrap items-center gap-2 print:hidden">
      <Link href={hrefFor(previous)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
        ‹ 上月<span className="sr-only">：{formatMonth(previous)}</span>
      </Link>
      <form method="get" action={basePath} className="flex items-center gap-2">
        {kept.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor="month-select" className="sr-only">选择月份</label>
        <select
          id="month-select"
          name="month"
          defaultValue={month}
          className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {formatMonth(option)}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          查看
        </button>
      </form>
      {month < latest && (
        <Link href={hrefFor(next)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
          下月<span className="sr-only">：{formatMonth(next)}</span> ›
        </Link>
      )}
    </div>
  );
}
