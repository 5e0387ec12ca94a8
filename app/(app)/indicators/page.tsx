import Link from "@/app/ui/link";
import { groupByCategory, KIND_LABELS } from "@/lib/catalog";
import { formatExact } from "@/lib/format";
import { formatPeriod } from "@/lib/periods";
import { listUnitIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listLatestFigures } from "@/db/observations";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { DemoTag } from "@/app/ui/demo-banner";
import { UnitPicker } from "@/app/ui/unit-picker";

export const dynamic = "force-dynamic";
export const metadata = { title: "指标与历史" };

export default async function IndicatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const organization = page.unit;
  const db = getDb();
  const rows = listUnitIndicators(db, organization, { includeRetired: true });
  const latest = listLatestFigures(db, organization.id);
  const indicators = rows.map((row) => ({ ...toDefinition(row), active: row.active }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          {organization.kind !== "home" && <p className="text-sm text-slate-500">{organization.name}</p>}
          <h1 className="text-2xl font-semibold">指标与历史</h1>
          <p className="text-sm text-slate-600">点击指标查看逐月数值与全部修订记录。</p>
        </div>
        <UnitPicker unitId={organization.id} choices={page.choices} basePath="/indicators" />
      </div>
      {rows.length === 0 && <p className="text-sm text-slate-500">尚未设定镇街填报哪些指标。</p>}
      {groupByCategory(indicators).map(([category, members]) => (
        <section key={category} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">{category}</h2>
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">指标</th>
                <th className="px-4 py-2 font-medium">类型</th>
                <th className="px-4 py-2 text-right font-medium">最新值</th>
                <th className="hidden px-4 py-2 font-medium sm:table-cell">期间</th>
              </tr>
            </thead>
            <tbody>
              {members.map((indicator) => {
                const figure = latest.get(indicator.key);
                return (
                  <tr key={indicator.key} className="border-t border-slate-100">
                    <td className="px-4 py-2">
                      <Link href={withUnit(`/indicators/${indicator.key}`, page)} className="text-brand-700 hover:underline">
                        {indicator.name}
                      </Link>
                      {!indicator.active && <span className="ml-1 text-xs text-slate-500">（已停用）</span>}
                    </td>
                    <td className="px-4 py-2 text-slate-500">{KIND_LABELS[indicator.kind]}</td>
                    <td className="px-4 py-2 text-right tabular-nums">
                      {figure ? formatExact(figure.value, indicator) : "—"}
                      {figure?.isDemo && <DemoTag />}
                    </td>
                    <td className="hidden px-4 py-2 text-slate-500 sm:table-cell">{figure ? formatPeriod(figure.period) : ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
