"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import type { UserFormState } from "./actions";
import { setReviewerGrant } from "./grant-actions";

const idle: UserFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

/** Give a leader's (or any non-admin) account the right to approve and return months, or take it away. */
export function ReviewerToggle({ userId, name, reviewer }: { userId: string; name: string; reviewer: boolean }) {
  const [state, action, pending] = useActionState(setReviewerGrant, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={`${name}的审核权限`}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="reviewer" value={reviewer ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
        {reviewer ? "取消审核权限" : "授予审核权限"}
      </button>
      {state.message && <ActionMessage state={state} />}
    </form>
  );
}
