import Link from "@/app/ui/link";
import { notFound } from "next/navigation";
import { AUDIT_AREA_LABELS, AUDIT_AREAS, auditQuery, parseAuditFilter, whoText } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/roles";
import { listAuditAuthors, listAuditEntries } from "@/db/audit";
import { getDb } from "@/db/client";
import { pageUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "审计记录" };

const PAGE_SIZE = 100;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "audit:view")) notFound();
  const query = await searchParams;
  const { filter, ignored } = parseAuditFilter(query);
  const pageParam = Number(Array.isArray(query.page) ? query.page[0] : query.page);
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 1000 ? pageParam : 1;
  const db = getDb();
  // figures and reviews are kept per unit: the district's by default, a town's with ?unit=
  const unitPage = pageUnit(user, query[UNIT_PARAM]);
  const organization = unitPage.unit;
  const unitQuery = unitPage.explicit ? `${auditQuery(filter) ? "&" : "?"}unit=${organization.id}` : "";
  const { entries, more } = listAuditEntries(db, { organizationId: organization.id, filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const authors = listAuditAuthors(db);
  const input = "mt-1 w-full rounded-md border border-slate-300 px-2 py-2 text-sm";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">审计记录</h1>
          <p className="text-sm text-slate-600">谁在什么时候改了什么：数据、分析说明、审核、锁定、目标、指标目录、账号与设置，新的在前。记录只增不改。</p>
        </div>
        <a href={`/admin/audit/xlsx${auditQuery(filter)}${unitQuery}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50" download>
          导出 Excel
        </a>
      </div>

      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" aria-label="筛选审计记录">
        {unitPage.choices.length > 1 && (
          <label className="text-sm text-slate-700">
            单位
            <select name="unit" defaultValue={unitPage.explicit ? String(organization.id) : ""} className={input}>
              {unitPage.choices.map((unit) => (
                <option key={unit.id} value={unit.kind === "home" ? "" : unit.id}>{unit.name}</option>
              ))}
            </select>
          </label>
        )}
        <label className="text-sm text-slate-700">
          类别
          <select name="area" defaultValue={filter.area ?? ""} className={input}>
            <option value="">全部</option>
            {AUDIT_AREAS.map((area) => (
              <option key={area} value={area}>{AUDIT_AREA_LABELS[area]}</option>
            ))}
          </select>
        </label>
        <label className="text-sm text-slate-700">
          操作人
          <select name="userId" defaultValue={filter.userId ?? ""} className={input}>
            <option value="">全部</option>
            {authors.map((author) => (
              <option key={author.id} value={author.id}>{author.name}（{author.username}）</option>
            ))}
          </select>
        </label>
        <label className="text-sm text-slate-700">
          起始日期
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={input} />
        </label>
        <label className="text-sm text-slate-700">
          截止日期
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={input} />
        </label>
        <label className="text-sm text-slate-700">
          涉及月份
          <input type="month" name="month" defaultValue={filter.month ?? ""} className={input} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">筛选</button>
          <Link href="/admin/audit" className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">清除</Link>
        </div>
      </form>
      {ignored.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">部分筛选条件格式不对，已忽略。</p>
      )}

      {entries.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-500">没有符合条件的记录。</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="audit">
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th className="px-2 py-2">时间</th>
                <th className="px-2 py-2">类别</th>
                <th className="px-2 py-2">操作人</th>
                <th className="px-2 py-2">操作</th>
                <th className="px-2 py-2">对象</th>
                <th className="px-2 py-2">内容</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {entries.map((entry) => (
                <tr key={entry.id} data-area={entry.area}>
                  <td className="whitespace-nowrap px-2 py-1.5 tabular-nums text-slate-600">{formatDateTime(entry.at)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5">{AUDIT_AREA_LABELS[entry.area]}</td>
                  <td className="whitespace-nowrap px-2 py-1.5">{whoText(entry)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 font-medium">{entry.action}</td>
                  <td className="min-w-32 px-2 py-1.5">
                    {entry.subject}
                    {entry.period && entry.area !== "reviews" && entry.area !== "locks" && <span className="ml-1 text-xs text-slate-500">{entry.period}</span>}
                  </td>
                  <td className="min-w-48 px-2 py-1.5 text-slate-700">{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="翻页" className="flex items-center gap-3 text-sm">
        {page > 1 && <Link href={`/admin/audit${auditQuery(filter, { page: String(page - 1) })}`} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">‹ 较新</Link>}
        <span className="text-slate-500">第 {page} 页</span>
        {more && <Link href={`/admin/audit${auditQuery(filter, { page: String(page + 1) })}`} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">较早 ›</Link>}
      </nav>
    </div>
  );
}
