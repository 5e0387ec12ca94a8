import { currentTime } from "@/lib/clock";
import { monthOfDate } from "@/lib/periods";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { unitsVisibleTo } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "导出数据" };

export default async function ExportPage() {
  const user = await requireUser();
  const units = unitsVisibleTo(user);
  const indicators = listIndicators(getDb(), { includeRetired: true });
  const thisYear = Number(monthOfDate(currentTime()).slice(0, 4));
  const years = Array.from({ length: thisYear - 2022 }, (_, index) => thisYear - index);
  const field = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">导出数据</h1>
        <p className="mt-1 text-sm text-slate-600">
          导出全部数据（单位、期间、是否示例数据、填报人与时间）与全部修订记录。Excel 文件含“数据”“修订记录”两个工作表，可直接在“导入”页导回。
        </p>
      </div>

      <form method="get" action="/export/figures.xlsx" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="导出">
        <div className="grid gap-4 sm:grid-cols-3">
          {units.length > 1 && (
            <label className="text-sm sm:col-span-3">
              <span className="block font-medium text-slate-700">单位</span>
              <select name="unit" defaultValue="" className={field}>
                {units.map((unit) => (
                  <option key={unit.id} value={unit.kind === "home" ? "" : unit.id}>{unit.name}</option>
                ))}
              </select>
            </label>
          )}
          <label className="text-sm">
            <span className="block font-medium text-slate-700">年份</span>
            <select name="year" defaultValue="" className={field}>
              <option value="">全部年份</option>
              {years.map((year) => (
                <option key={year} value={year}>{year}年</option>
              ))}
            </select>
          </label>
          <label className="text-sm sm:col-span-2">
            <span className="block font-medium text-slate-700">指标</span>
            <select name="indicator" defaultValue="" className={field}>
              <option value="">全部指标</option>
              {indicators.map((indicator) => (
                <option key={indicator.key} value={indicator.key}>
                  {indicator.name}（{indicator.unit}）{indicator.active ? "" : "（已停用）"}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">下载 Excel（数据与修订记录）</button>
          <button type="submit" formAction="/export/figures.csv" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">下载数据 CSV</button>
          <button type="submit" formAction="/export/revisions.csv" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">下载修订记录 CSV</button>
        </div>
        <p className="text-xs text-slate-500">CSV 为 UTF-8（带 BOM），Excel 与 WPS 可直接打开；以 = + - @ 开头的文字前加了 &apos;，不会被当作公式。</p>
      </form>

      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 className="text-base font-semibold">只读数据接口</h2>
        <p className="mt-1 text-slate-600">
          <code className="rounded bg-slate-100 px-1">GET /api/v1/figures?from=YYYY-MM&amp;to=YYYY-MM</code>
          返回 JSON。已登录的浏览器可直接访问；其他系统使用管理员签发的令牌（请求头 <code className="rounded bg-slate-100 px-1">Authorization: Bearer 令牌</code>），令牌只能读取。
        </p>
      </section>
    </div>
  );
}
