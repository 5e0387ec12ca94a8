import { currentTime } from "@/lib/clock";
import Link from "@/app/ui/link";
import { addMonths, formatMonth, monthOfDate, monthRange } from "@/lib/periods";
import { can } from "@/lib/roles";
import { listBulletinSources } from "@/db/bulletin";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { requireDistrictWide } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";
import { DEFAULT_SOURCE } from "./bulletin-state";
import { BulletinForm } from "./bulletin-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "导入省级通报" };

export default async function BulletinImportPage() {
  const user = await requireUser();
  requireDistrictWide(user);
  const db = getDb();
  const home = getHomeOrganization(db);
  const today = monthOfDate(currentTime());
  const months = monthRange(addMonths(today, -24), today).reverse().map((month) => ({ value: month, label: formatMonth(month) }));
  const sources = [...new Set([...listBulletinSources(db).map((entry) => entry.source), DEFAULT_SOURCE])];
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">{can(user, "figures:write") ? <Link href="/import" className="hover:underline">导入</Link> : "导入"} › 省级通报</p>
        <h1 className="text-2xl font-semibold">导入省级通报</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          上传省（或市）科协每月的天府科技云工作情况通报（每个单位一行，各列为指标数值与排名），或从 Excel 复制粘贴。
          系统按表头对应指标、按名称与别名匹配单位，并据此算出{home.name}每项排名的名次、参与排名单位数和上一名、下一名的数值（不必再手工填写），
          同时保存已匹配的同级单位的数据，供区县排名使用。通报所列名次与按数值计算的名次不一致时只提醒，以通报为准。
        </p>
      </div>
      {can(user, "bulletin:import") ? (
        <BulletinForm sources={sources} months={months} />
      ) : (
        <p className="rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">您的账号为只读，不能导入通报。</p>
      )}
    </div>
  );
}
