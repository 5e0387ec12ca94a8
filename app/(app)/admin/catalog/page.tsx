import Link from "@/app/ui/link";
import { forbidden } from "next/navigation";
import { groupByCategory, KIND_LABELS } from "@/lib/catalog";
import { can } from "@/lib/roles";
import { countIndicatorFigures, listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { requireUser } from "@/app/_auth/session";
import { AddIndicatorForm, IndicatorRowForm } from "./catalog-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "指标目录" };

export default async function CatalogPage() {
  const user = await requireUser();
  if (!can(user.role, "catalog:manage")) forbidden();
  const db = getDb();
  const rows = listIndicators(db, { includeRetired: true });
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/admin" className="hover:underline">管理</Link> › 指标目录
        </p>
        <h1 className="text-2xl font-semibold">指标目录</h1>
        <p className="text-sm text-slate-600">
          省里每年会调整考核指标：可以改名、改定义与排序、停用或添加指标。键名、类型与小数位决定已存数据的含义，添加后不再修改；
          已有数据的指标不能改单位（口径变了请添加新指标）。停用自当月起生效：以前月份的填报、季度材料与核对照旧，历史数据与修订记录全部保留。
        </p>
      </div>
      {groupByCategory(rows).map(([category, members]) => (
        <section key={category} className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">{category}</h2>
          <ul className="divide-y divide-slate-100">
            {members.map((row) => (
              <li key={row.key} id={row.key} className={`scroll-mt-4 space-y-1 px-4 py-3 ${row.active ? "" : "bg-slate-50"}`} data-catalog={row.key}>
                <p className="text-xs text-slate-500">
                  <code>{row.key}</code> · {KIND_LABELS[row.kind]} · {row.decimals} 位小数
                  {row.inForceFrom && ` · 自${row.inForceFrom}起填报`}
                  {!row.active && <span className="ml-2 rounded bg-slate-200 px-1 text-slate-700">{row.retiredFrom ? `自${row.retiredFrom}起停用` : "已停用"}</span>}
                  <Link href={`/indicators/${row.key}`} className="ml-2 text-brand-700 hover:underline">历史</Link>
                </p>
                <IndicatorRowForm
                  row={{
                    key: row.key,
                    name: row.name,
                    unit: row.unit,
                    category: row.category,
                    description: row.description,
                    sortOrder: row.sortOrder,
                    active: row.active,
                    hasFigures: countIndicatorFigures(db, row.id) > 0,
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">添加指标</h2>
        <AddIndicatorForm keys={rows.map((row) => ({ key: row.key, name: row.name }))} />
      </section>
    </div>
  );
}
