import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/roles";
import { requireUser } from "@/app/_auth/session";
import { PasswordForm } from "./password-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "我的账号" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">我的账号</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <p>
          {user.name}（用户名 <code>{user.username}</code>）· {ROLE_LABELS[user.role]}
        </p>
        <p className="mt-1 text-slate-500">{ROLE_DESCRIPTIONS[user.role]}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 text-base font-semibold">修改密码</h2>
        <PasswordForm />
      </section>
    </div>
  );
}
