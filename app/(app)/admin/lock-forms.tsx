"use client";

import { useActionState } from "react";
import { lockMonth, unlockMonth, type AdminActionState } from "./actions";

const idle: AdminActionState = { status: "idle", message: "" };

export function LockForm({ defaultMonth }: { defaultMonth: string }) {
  const [state, formAction, pending] = useActionState(lockMonth, idle);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="lock-month" className="block text-sm text-slate-700">月份</label>
        <input id="lock-month" name="month" type="month" defaultValue={defaultMonth} className="mt-1 rounded-md border border-slate-300 px-2 py-2 text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-60">锁定该月</button>
      <p role="status" aria-live="polite" className={`w-full text-sm ${state.status === "done" ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>
    </form>
  );
}

export function UnlockButton({ month }: { month: string }) {
  const [state, formAction, pending] = useActionState(unlockMonth, idle);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="month" value={month} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">解除锁定</button>
      {state.message && <span role="status" className="text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
