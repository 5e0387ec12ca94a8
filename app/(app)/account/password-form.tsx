"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { changeOwnPassword, type PasswordState } from "./actions";

export function PasswordForm() {
  const [state, formAction, pending] = useActionState(changeOwnPassword, { status: "idle", message: "", fieldErrors: {} } satisfies PasswordState);
  return (
    <form action={formAction} className="max-w-sm space-y-3" noValidate>
      <FormField name="currentPassword" label="当前密码" type="password" autoComplete="current-password" errors={state.fieldErrors.currentPassword} />
      <FormField name="newPassword" label="新密码" type="password" autoComplete="new-password" errors={state.fieldErrors.newPassword} hint="至少 8 位" />
      <FormField name="confirm" label="再次输入新密码" type="password" autoComplete="new-password" errors={state.fieldErrors.confirm} />
      <ActionMessage state={state} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "正在保存…" : "修改密码"}
      </button>
    </form>
  );
}
