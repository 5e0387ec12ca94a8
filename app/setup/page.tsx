import Link from "@/app/ui/link";
import { getDb } from "@/db/client";
import { setupStatus, SETUP_NOT_NEW_MESSAGE } from "@/db/setup";
import { AuthCard } from "@/app/ui/auth-card";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "初始化" };

export default function SetupPage() {
  const status = setupStatus(getDb());
  if (status === "not-new") {
    return (
      <AuthCard title="无法初始化">
        <p className="text-sm text-slate-600">{SETUP_NOT_NEW_MESSAGE}</p>
      </AuthCard>
    );
  }
  if (status === "done") {
    return (
      <AuthCard title="系统已完成初始化">
        <p className="text-sm text-slate-600">管理员账号已经创建。如需新账号，请让管理员在“管理 › 账号”中添加。</p>
        <Link href="/login" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">前往登录</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="首次使用：创建管理员" subtitle="系统中还没有任何账号。创建的第一个账号为管理员，之后此页面即关闭。">
      <SetupForm />
    </AuthCard>
  );
}
