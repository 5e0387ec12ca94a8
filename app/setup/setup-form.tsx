"use client";

import { useActionState } from "react";
import { FormField } from "@/app/ui/form-field";
import { setUp, type SetupState } from "./actions";

export function SetupForm() {
  const [state, formAction, pending] = useActionState(setUp, { message: "", fieldErrors: {}, values: {} } satisfies SetupState);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormField name="username" label="管理员用户名" autoComplete="username" autoCapitalize="none" defaultValue={state.values.username} errors={state.fieldErrors.username} hint="小写字母、数字或 . _ -，例如 admin" />
      <FormField name="name" label="姓名" autoComplete="name" defaultValue={state.values.name} errors={state.fieldErrors.name} />
      <FormField name="password" label="密码" type="password" autoComplete="new-password" errors={state.fieldErrors.password} hint="至少 8 位" />
      <FormField name="confirm" label="再次输入密码" type="password" autoComplete="new-password" errors={state.fieldErrors.confirm} />
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">{state.message}</p>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "正在创建…" : "创建管理员并登录"}
      </button>
    </form>
  );
}
