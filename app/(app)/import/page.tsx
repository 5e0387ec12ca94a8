import Link from "@/app/ui/link";
import { currentTime } from "@/lib/clock";
import { monthOfDate } from "@/lib/periods";
import { can } from "@/lib/roles";
import { isDistrictWide, pageUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { UnitPicker } from "@/app/ui/unit-picker";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "导入数据" };

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const unitId = page.unit.kind === "home" ? undefined : page.unit.id;
  const thisYear = Number(monthOfDate(currentTime()).slice(0, 4));
  const years = Array.from({ length: thisYear - 2022 }, (_, index) => thisYear - index);
  return (
    <div className="space-y-5">
      <div>
        {page.unit.kind !== "home" && <p className="text-sm text-slate-500">{page.unit.name}</p>}
        <h1 className="text-2xl font-semibold">导入数据</h1>
        <p className="mt-1 text-sm text-slate-600">
          从 Excel、WPS 表格或 CSV 一次导入多个月份（含往年月份与往年全年合计），先预览、核对，再确认导入。
          只写入有改动的数，每项留下修订记录；任何一个单元格有误都不会写入。
          {isDistrictWide(user) && can(user, "bulletin:import") && <>省（市）科协的月度排名通报请用<Link href="/import/bulletin" className="mx-1 text-brand-700 underline">导入省级通报</Link>。</>}
        </p>
        <div className="mt-2"><UnitPicker unitId={page.unit.id} choices={page.choices} basePath="/import" /></div>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">下载导入模板</h2>
        <p className="mt-1 text-sm text-slate-600">模板按年份生成：指标为行、月份为列（另有“全年”列供往年的流量指标填全年合计），已填入系统中现有的数据，并附“说明”工作表。</p>
        <form action="/import/template.xlsx" method="get" className="mt-3 flex flex-wrap items-end gap-2">
          {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
          <label className="text-sm">
            <span className="block font-medium text-slate-700">年份</span>
            <select name="year" defaultValue={thisYear} className="mt-1 rounded-md border border-slate-300 px-3 py-2">
              {years.map((year) => (
                <option key={year} value={year}>{year}年</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-700">版式</span>
            <select name="layout" defaultValue="wide" className="mt-1 rounded-md border border-slate-300 px-3 py-2">
              <option value="wide">指标为行、月份为列</option>
              <option value="long">每行一个数（期间、指标、数值）</option>
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">下载 Excel 模板</button>
          <button type="submit" formAction="/import/template.csv" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">下载 CSV 模板</button>
        </form>
      </section>

      {can(user.role, "figures:write") ? (
        <ImportForm unitId={unitId} />
      ) : (
        <p className="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          您的账号为只读：可以下载模板与<Link href="/export" className="underline">导出数据</Link>，不能导入。
        </p>
      )}
    </div>
  );
}
