import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/accounts";
import { getDb } from "@/db/client";
import { countUsers } from "@/db/users";
import { getCurrentUser } from "@/app/_auth/session";
import { AuthCard } from "@/app/ui/auth-card";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (countUsers(getDb()) === 0) redirect("/setup");
  const next = safeReturnPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <AuthCard title="登录" subtitle="天府科技云考核指标月度填报与看板">
      <LoginForm next={next} />
      <p className="mt-6 text-xs text-slate-500">
        忘记密码请联系管理员重置。为防止密码被猜测，同一账号连续输错 5 次后每次重试前须等待（逐次加长，最长 15 分钟）；
        在您以前登录过的浏览器上，别人的尝试不会让您等待。管理员可随时解除限制。
      </p>
    </AuthCard>
  );
}
