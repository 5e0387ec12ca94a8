import Link from "@/app/ui/link";
import { getCurrentUser } from "@/app/_auth/session";

/** What a signed-in user sees on a page their role, or the unit their account is limited to, does not let them open (HTTP 403). */
export default async function Forbidden() {
  const user = await getCurrentUser();
  return (
    <div className="space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">无权访问</h1>
      <p className="text-slate-600">
        {user?.unitId != null
          ? "您的账号只能查看和填报本镇街的数据：此页面或所选单位不在您的范围内。"
          : "此页面仅限管理员使用。如需使用，请联系管理员调整您的账号角色。"}
      </p>
      <Link href="/" className="text-brand-700 underline">返回看板</Link>
    </div>
  );
}
