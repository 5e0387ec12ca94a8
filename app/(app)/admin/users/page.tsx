import { forbidden } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import { can, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/roles";
import { getDb } from "@/db/client";
import { throttleOverview, type ActiveThrottle } from "@/db/sign-in-attempts";
import { listAllUserGrants } from "@/db/user-grants";
import { listAccounts } from "@/db/users";
import { requireUser } from "@/app/_auth/session";
import { ReviewerToggle } from "./reviewer-toggle";
import { AddUserForm, LiftLimitForm, UserRowForms } from "./user-forms";

/** What a sign-in limit means for the person it holds back, in words. */
function throttleText(throttle: ActiveThrottle): string {
  if (throttle.lockedUntil !== null) return `近期登录失败 ${throttle.failures} 次，须等到 ${formatDateTime(new Date(throttle.lockedUntil))} 才能再试`;
  if (throttle.freeLeft === 0) return `近期登录失败 ${throttle.failures} 次，之后每次失败都须等待`;
  return `近期登录失败 ${throttle.failures} 次，再错 ${throttle.freeLeft} 次后须等待`;
}

export const dynamic = "force-dynamic";
export const metadata = { title: "账号管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireUser();
  if (!can(user.role, "users:manage")) forbidden();
  const db = getDb();
  const accounts = listAccounts(db);
  const throttles = throttleOverview(db, new Date().getTime());
  const grants = listAllUserGrants(db);
  const { welcome } = await searchParams;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">账号管理</h1>
      {welcome && (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          管理员账号已创建。下一步：为填报人员添加“工作人员”账号，为领导添加“只读”账号。
        </p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-1 text-base font-semibold">添加账号</h2>
        <ul className="mb-3 text-xs text-slate-500">
          {ROLES.map((role) => (
            <li key={role}>{ROLE_LABELS[role]}：{ROLE_DESCRIPTIONS[role]}</li>
          ))}
          <li>另可为只读（领导）等账号授予“审核权限”：审核通过或退回月度数据、解除锁定。</li>
        </ul>
        <AddUserForm />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-4 py-2 text-base font-semibold">全部账号（{accounts.length}）</h2>
        <ul className="divide-y divide-slate-100" data-testid="accounts">
          {accounts.map((account) => {
            const limit = throttles.accounts.get(account.username);
            return (
              <li key={account.id} className="grid gap-2 px-4 py-3 md:grid-cols-[14rem_minmax(0,1fr)]" data-username={account.username}>
                <div className="text-sm">
                  <p className="font-medium">
                    {account.name}
                    {account.id === user.id && <span className="ml-1 text-xs text-slate-500">（我）</span>}
                  </p>
                  <p className="text-slate-500">
                    {account.username} · {ROLE_LABELS[account.role]}
                    {account.disabled && <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800">已停用</span>}
                    {grants.get(account.id)?.includes("reviewer") && <span className="ml-1 rounded bg-sky-100 px-1 text-xs text-sky-800">审核人</span>}
                  </p>
                  <p className="text-xs text-slate-500">创建于 {formatDateTime(account.createdAt)}</p>
                </div>
                <div className="space-y-2">
                  <UserRowForms userId={account.id} name={account.name} role={account.role} disabled={account.disabled} isSelf={account.id === user.id} />
                  {account.role !== "admin" && <ReviewerToggle userId={account.id} name={account.name} reviewer={grants.get(account.id)?.includes("reviewer") ?? false} />}
                  {limit && (
                    <div className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sign-in-limit">
                      <span>⚠ {throttleText(limit)}</span>
                      <LiftLimitForm target={{ userId: account.id }} label={`解除${account.name}的登录限制`} />
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="network-limits">
        <h2 id="network-limits" className="border-b border-slate-100 px-4 py-2 text-base font-semibold">受限的网络地址（{throttles.addresses.length}）</h2>
        <p className="px-4 pt-2 text-xs text-slate-500">
          同一地址 24 小时内登录失败超过 20 次（不论用户名）后，每次重试前须等待，最长 15 分钟；账号在曾登录过的浏览器上不受地址限制。
        </p>
        {throttles.addresses.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-600">目前没有。</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="network-limits">
            {throttles.addresses.map(({ network, throttle }) => (
              <li key={network} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <span className="font-mono">{network}</span>：{throttleText(throttle)}
                </span>
                <LiftLimitForm target={{ network }} label={`解除 ${network} 的登录限制`} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
