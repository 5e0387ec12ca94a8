"use client";

import { useActionState } from "react";
import { signIn, type SignInState } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState(signIn, { message: "", username: "" } satisfies SignInState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-slate-700">用户名</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          defaultValue={state.username}
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2.5 text-base"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">密码</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby="login-message"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2.5 text-base"
        />
      </div>
      <p id="login-message" role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {state.message}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2.5 text-base font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
