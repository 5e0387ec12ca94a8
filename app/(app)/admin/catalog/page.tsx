import Link from "next/link";
import { notFound } from "next/navigation";
import { groupByCategory, KIND_LABELS } from "@/lib/catalog";
import { can } from "@/lib/roles";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { requireUser } from "@/app/_auth/session";
import { AddIndicatorForm, IndicatorRowForm } from "./catalog-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "指标目录" };

export default async function CatalogPage() {
  const user = await requireUser();
  if (!can(user.role, "catalog:manage")) notFound();
  const rows = listIndicators(getDb(), { includeRetired: true });
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/admin" className="hover:underline">管理</Link> › 指标目录
        </p>
        <h1 className="text-2xl font-semibold">指标目录</h1>
        <p className="text-sm text-slate-600">
          省里每年会调整考核指标：可以改名、调整单位与排序、停用或添加指标。键名、类型与小数位决定已存数据的含义，添加后不再修改；
          停用的指标不出现在填报表和看板上，其历史数据与修订记录全部保留。
        </p>
      </div>
      {groupByCategory(rows).map(([category, members]) => (
        <section key={category} className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">{category}</h2>
          <ul className="divide-y divide-slate-100">
            {members.map((row) => (
              <li key={row.key} className={`space-y-1 px-4 py-3 ${row.active ? "" : "bg-slate-50"}`} data-catalog={row.key}>
                <p className="text-xs text-slate-500">
                  <code>{row.key}</code> · {KIND_LABELS[row.kind]} · {row.decimals} 位小数
                  {!row.active && <span className="ml-2 rounded bg-slate-200 px-1 text-slate-700">已停用</span>}
                  <Link href={`/indicators/${row.key}`} className="ml-2 text-brand-700 hover:underline">历史</Link>
                </p>
                <IndicatorRowForm
                  row={{ key: row.key, name: row.name, unit: row.unit, category: row.category, description: row.description, sortOrder: row.sortOrder, active: row.active }}
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
