import type { Pack, PackComparison, PackRow, PackTarget } from "@/lib/pack/model";
import { StatusBadge } from "@/app/ui/status";

const CELL = "border border-slate-300 px-2 py-1";

/**
 * 二、指标完成情况: a table on paper and on a wide screen; on a phone each indicator is a card of
 * labelled figures (globals.css, .pack-table), so nothing is squeezed or scrolled sideways.
 */
export function IndicatorTable({ pack }: { pack: Pack }) {
  return (
    <section aria-labelledby="table" className="space-y-2">
      <h2 id="table" className="text-lg font-semibold">{pack.sections.table.heading}</h2>
      <table className="pack-table w-full border-collapse text-xs sm:text-sm" data-testid="review-table">
        <thead>
          <tr className="bg-slate-100 text-left">
            <th className={CELL}>指标</th>
            <th className={`${CELL} text-right`}>本季度</th>
            <th className={`${CELL} text-right`}>本年累计（新增类）</th>
            <th className={CELL}>目标与达成</th>
            <th className={`${CELL} text-right`}>环比（上季度）</th>
            <th className={`${CELL} text-right`}>同比（去年同季）</th>
            <th className={`${CELL} text-right`}>全省排名</th>
          </tr>
        </thead>
        {pack.categories.map((category) => (
          <tbody key={category.name}>
            <tr>
              <th colSpan={7} className={`${CELL} bg-slate-50 text-left font-semibold`} data-category>{category.name}</th>
            </tr>
            {category.rows.map((row) => (
              <IndicatorRow key={row.indicator.key} row={row} />
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function IndicatorRow({ row }: { row: PackRow }) {
  const { indicator, rank } = row;
  const targets = [...row.targets, ...(rank?.targets ?? [])];
  return (
    <tr className="break-inside-avoid align-top" data-indicator={indicator.key}>
      <td className={CELL} data-name style={indicator.depth > 0 ? { paddingLeft: `${0.5 + indicator.depth}rem` } : undefined}>{indicator.name}</td>
      <td className={`${CELL} text-right tabular-nums sm:whitespace-nowrap`} data-label="本季度">
        {row.quarter.text}
        {row.quarter.missingText && <span className="block text-[10px] text-amber-800">{row.quarter.missingText}</span>}
        {row.quarter.averageText && <span className="block text-[10px] text-slate-600" data-quarter-average>{row.quarter.averageText}</span>}
      </td>
      <td className={`${CELL} text-right tabular-nums`} data-label="本年累计" data-empty={row.yearToDate.value === null || undefined}>{row.yearToDate.text}</td>
      <td className={CELL} data-label="目标与达成" data-wide>
        {targets.length === 0 ? <span className="text-slate-500">未设目标</span> : targets.map((target, index) => <TargetLine key={`${target.label}-${index}`} target={target} />)}
      </td>
      <ComparisonCell comparison={row.quarterOnQuarter} label="环比（上季度）" />
      <ComparisonCell comparison={row.yearOnYear} label="同比（去年同季）" />
      <td className={`${CELL} text-right sm:whitespace-nowrap`} data-rank-cell data-label="全省排名" data-empty={rank === null || undefined}>
        {rank ? (
          <>
            {rank.rank === null ? "未填报" : rank.text}
            {rank.monthNote && <span className="block text-[10px] text-amber-800">{rank.monthNote}</span>}
            {rank.rank !== null && <span className="block text-[10px] text-slate-500">{rank.changeText}</span>}
          </>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

function TargetLine({ target }: { target: PackTarget }) {
  return (
    <div className="mb-1" data-target-status={target.status}>
      <StatusBadge status={target.status} />
      <span className="ml-1">{target.label}</span>
      {target.resultText && <span className="ml-1 text-slate-600" data-result>{target.resultText}</span>}
      <span className="block text-[10px] text-slate-500">{target.basis}</span>
      {target.catchUpText && <span className="block text-[10px] font-medium text-slate-700" data-catch-up>{target.catchUpText}</span>}
    </div>
  );
}

function ComparisonCell({ comparison, label }: { comparison: PackComparison; label: string }) {
  return (
    <td className={`${CELL} text-right tabular-nums sm:whitespace-nowrap`} data-label={label}>
      {comparison.delta === null ? (
        <span className="text-slate-500">{comparison.text}</span>
      ) : (
        <>
          {comparison.text}
          {comparison.relativeText && <span className="block text-[10px] text-slate-500">{comparison.relativeText}</span>}
        </>
      )}
    </td>
  );
}
