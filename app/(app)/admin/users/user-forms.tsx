"use client";

import { useActionState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/roles";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { addUser, changeRole, liftNetworkLimit, liftSignInLimits, resetUserPassword, setUserDisabled, type UserFormState } from "./actions";

const idle: UserFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

function RoleSelect({ name, defaultValue, id }: { name: string; defaultValue?: string; id: string }) {
  return (
    <select id={id} name={name} defaultValue={defaultValue ?? "staff"} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
      {ROLES.map((role) => (
        <option key={role} value={role}>{ROLE_LABELS[role]}</option>
      ))}
    </select>
  );
}

export function AddUserForm() {
  const [state, formAction, pending] = useActionState(addUser, idle);
  return (
    // keyed by what was submitted: after a refusal the form is rebuilt with it (a <select> keeps only its first default)
    <form key={JSON.stringify(state.values)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="添加账号">
      <FormField name="username" label="用户名" autoCapitalize="none" autoComplete="off" defaultValue={state.values.username} errors={state.fieldErrors.username} hint="小写字母、数字或 . _ -" />
      <FormField name="name" label="姓名" defaultValue={state.values.name} errors={state.fieldErrors.name} />
      <div>
        <label htmlFor="new-role" className="block text-sm font-medium text-slate-700">角色</label>
        <div className="mt-1"><RoleSelect id="new-role" name="role" defaultValue={state.values.role} /></div>
        <p className="mt-1 text-sm text-red-700">{state.fieldErrors.role?.join("；")}</p>
      </div>
      <div className="hidden sm:block" />
      <FormField name="password" label="初始密码" type="password" autoComplete="new-password" errors={state.fieldErrors.password} hint="至少 8 位；请当面或电话告知本人" />
      <FormField name="confirm" label="再次输入初始密码" type="password" autoComplete="new-password" errors={state.fieldErrors.confirm} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在添加…" : "添加账号"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function UserRowForms({ userId, name, role, disabled, isSelf }: { userId: string; name: string; role: Role; disabled: boolean; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState(changeRole, idle);
  const [passwordState, passwordAction, passwordPending] = useActionState(resetUserPassword, idle);
  const [statusState, statusAction, statusPending] = useActionState(setUserDisabled, idle);
  const who = <input type="hidden" name="userId" value={userId} />;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2" aria-label={`修改${name}的角色`}>
          {who}
          <label htmlFor={`role-${userId}`} className="sr-only">角色</label>
          <RoleSelect id={`role-${userId}`} name="role" defaultValue={role} />
          <button type="submit" disabled={rolePending} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">改角色</button>
        </form>
        <form action={passwordAction} className="flex items-center gap-2" aria-label={`重置${name}的密码`}>
          {who}
          <label htmlFor={`password-${userId}`} className="sr-only">新密码</label>
          <input id={`password-${userId}`} name="password" type="password" autoComplete="new-password" placeholder="新密码" className="w-32 rounded-md border border-slate-300 px-2 py-2 text-sm" />
          <button type="submit" disabled={passwordPending} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">重置密码</button>
        </form>
        {!isSelf && (
          <form
            action={statusAction}
            onSubmit={(event) => {
              if (!disabled && !window.confirm(`确定停用“${name}”吗？其登录会立即失效。`)) event.preventDefault();
            }}
          >
            {who}
            <input type="hidden" name="disabled" value={String(!disabled)} />
            <button type="submit" disabled={statusPending} className={`rounded-md px-3 py-2 text-sm ${disabled ? "border border-emerald-400 text-emerald-800 hover:bg-emerald-50" : "border border-red-300 text-red-700 hover:bg-red-50"}`}>
              {disabled ? "恢复账号" : "停用"}
            </button>
          </form>
        )}
      </div>
      <ActionMessage state={roleState.message ? roleState : passwordState.message ? passwordState : statusState} />
    </div>
  );
}

/** Lift the sign-in waits of one account, or of one network address. */
export function LiftLimitForm({ target, label }: { target: { userId: string } | { network: string }; label: string }) {
  const [state, formAction, pending] = useActionState("userId" in target ? liftSignInLimits : liftNetworkLimit, idle);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={label}>
      {"userId" in target ? <input type="hidden" name="userId" value={target.userId} /> : <input type="hidden" name="network" value={target.network} />}
      <button type="submit" disabled={pending} className="rounded-md border border-amber-400 px-3 py-1.5 text-sm text-amber-900 hover:bg-amber-50 disabled:opacity-60">
        解除登录限制
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
