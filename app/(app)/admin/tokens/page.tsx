import { notFound } from "next/navigation";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/roles";
import { listApiTokens } from "@/db/api-tokens";
import { getDb } from "@/db/client";
import { requireUser } from "@/app/_auth/session";
import { IssueTokenForm, RevokeTokenButton } from "./token-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "接口令牌" };

export default async function TokensPage() {
  const user = await requireUser();
  if (!can(user.role, "tokens:manage")) notFound();
  const tokens = listApiTokens(getDb());
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">只读接口令牌</h1>
        <p className="mt-1 text-sm text-slate-600">
          供其他系统读取数据：<code className="rounded bg-slate-100 px-1">GET /api/v1/figures?from=YYYY-MM&amp;to=YYYY-MM</code>，请求头
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer 令牌</code>。令牌只能读取，不能修改任何数据；系统只保存令牌的散列值，令牌本身只在签发时显示一次。
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <IssueTokenForm />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-base font-semibold">已签发的令牌</h2>
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">还没有签发任何令牌。</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="tokens">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{token.name}</span>
                  <code className="ml-2 text-xs text-slate-500">{token.prefix}</code>
                  <span className="block text-xs text-slate-500">
                    {token.createdByName ?? "—"} 于 {formatDateTime(token.createdAt)} 签发 · 最近使用：{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "从未使用"}
                    {token.revokedAt ? ` · 已于 ${formatDateTime(token.revokedAt)} 撤销` : ""}
                  </span>
                </span>
                {!token.revokedAt && <RevokeTokenButton tokenId={token.id} name={token.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
