import Link from "@/app/ui/link";
import { forbidden } from "next/navigation";
import { can } from "@/lib/roles";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { requireUser } from "@/app/_auth/session";
import { OrganizationForm } from "./organization-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "单位设置" };

export default async function SettingsPage() {
  const user = await requireUser();
  if (!can(user.role, "settings:manage")) forbidden();
  const organization = getHomeOrganization(getDb());
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/admin" className="hover:underline">管理</Link> › 单位设置
        </p>
        <h1 className="text-2xl font-semibold">单位设置</h1>
      </div>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">单位名称</h2>
        <OrganizationForm name={organization.name} shortName={organization.shortName} />
      </section>
    </div>
  );
}
