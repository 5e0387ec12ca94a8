import Link from "@/app/ui/link";
import { forbidden } from "next/navigation";
import { can } from "@/lib/roles";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { countDemoFigures } from "@/db/seed";
import { requireUser } from "@/app/_auth/session";
import { BackupSummary } from "./backup-summary";
import { ClearDemoButton } from "./clear-demo-button";
import { MonthReviewAdmin } from "./month-review-admin";

export const dynamic = "force-dynamic";
export const metadata = { title: "管理" };

export default async function AdminPage() {
  const user = await requireUser();
  if (!can(user.role, "users:manage")) forbidden();
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  const demoCount = countDemoFigures(db);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">管理</h1>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">账号</h2>
        <p className="mt-1 text-sm text-slate-600">添加工作人员与只读账号、修改角色、重置密码、停用账号。</p>
        <Link href="/admin/users" className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">账号管理</Link>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">单位</h2>
        <p className="mt-1 text-sm text-slate-600">本单位全称与简称（看板、季度材料、打印页眉与下载文件名使用）；下属镇街、同级单位、别名、镇街填报的指标与镇街账号。</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link href="/admin/units" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">单位管理</Link>
          <Link href="/admin/settings" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">单位设置</Link>
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">指标目录与目标</h2>
        <p className="mt-1 text-sm text-slate-600">省里调整考核指标时，在此改名、改定义、停用或添加指标；目标在“目标”页设定，自设定年份起长期有效。</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link href="/admin/catalog" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">指标目录</Link>
          <Link href="/targets" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">目标</Link>
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">只读接口令牌</h2>
        <p className="mt-1 text-sm text-slate-600">为其他系统签发读取数据的令牌（只能读取），查看最近使用时间，随时撤销。</p>
        <Link href="/admin/tokens" className="mt-3 inline-block rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">接口令牌</Link>
      </section>

      <MonthReviewAdmin organizationId={organizationId} />

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">提醒与审计</h2>
        <p className="mt-1 text-sm text-slate-600">报送期限、到期提醒与每周汇总（企业微信群机器人、电子邮件）的设置与发送记录；全部改动的审计记录，可导出 Excel。</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link href="/admin/outbox" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">提醒与发送</Link>
          <Link href="/admin/audit" className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">审计记录</Link>
        </div>
      </section>

      <BackupSummary />

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">示例数据</h2>
        <p className="text-sm text-slate-600">
          首次启动时，系统为当时之前的12个月填入了示例数据（标记为“示例数据”），以便看板能显示图表。
          示例数据不是真实填报，正式使用前请清除。清除后不会再次自动生成；2023年基线数据（来自《2024年部门预算编制说明》）与正式填报的数据保留不变。
          已被工作人员修改过的示例值视为正式数据，不会被清除。
        </p>
        <p className="text-sm">
          当前示例数据：<strong data-testid="demo-count">{demoCount}</strong> 条
        </p>
        <ClearDemoButton count={demoCount} />
      </section>
    </div>
  );
}
