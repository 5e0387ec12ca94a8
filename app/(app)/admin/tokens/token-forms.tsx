"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { issueToken, revokeToken, type TokenState } from "./actions";

const idle: TokenState = { status: "idle", message: "", token: null };

export function IssueTokenForm() {
  const [state, formAction, pending] = useActionState(issueToken, idle);
  return (
    <form action={formAction} aria-label="签发令牌" className="space-y-3">
      <div>
        <label htmlFor="token-name" className="block text-sm font-medium text-slate-700">用途</label>
        <input id="token-name" name="name" key={`name-${state.name ?? ""}`} defaultValue={state.name ?? ""} required maxLength={60} placeholder="例如：市科协数据平台" className="mt-1 w-full max-w-md rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">签发只读令牌</button>
      <ActionMessage state={state} />
      {state.token && (
        <p className="break-all rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 font-mono text-sm" data-testid="new-token">{state.token}</p>
      )}
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const [state, formAction, pending] = useActionState(revokeToken, idle);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} aria-label={`撤销令牌“${name}”`} className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50">撤销</button>
      {state.status !== "idle" && <ActionMessage state={state} />}
    </form>
  );
}
