"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { retryOutboxMessage, saveDueSettings, sendTestMessage, type OutboxFormState } from "./actions";

const idle: OutboxFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

export function DueSettingsForm({ initial }: { initial: { dueDay: string; soonDays: string; trackFrom: string } }) {
  const [state, action, pending] = useActionState(saveDueSettings, idle);
  // what was typed stays after a refusal (invalid, signed out, busy database), not only after a validation error
  const value = (name: keyof typeof initial) => (state.status === "invalid" || state.status === "refused" ? (state.values[name] ?? initial[name]) : initial[name]);
  return (
    <form action={action} className="space-y-3" aria-label="报送期限">
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField name="dueDay" label="每月数据于次月几日前提交" type="number" min={1} max={31} inputMode="numeric" required defaultValue={value("dueDay")} errors={state.fieldErrors.dueDay} hint="1–31；该月较短时为月末" key={`d-${value("dueDay")}`} />
        <FormField name="soonDays" label="到期前几天开始提醒" type="number" min={0} max={15} inputMode="numeric" required defaultValue={value("soonDays")} errors={state.fieldErrors.soonDays} hint="0–15 天" key={`s-${value("soonDays")}`} />
        <FormField name="trackFrom" label="自哪个月起计算逾期" type="month" required defaultValue={value("trackFrom")} errors={state.fieldErrors.trackFrom} hint="更早的月份不提醒" key={`t-${value("trackFrom")}`} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在保存…" : "保存"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function TestMessageButton() {
  const [state, action, pending] = useActionState(sendTestMessage, idle);
  return (
    <form action={action} className="space-y-2">
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
        {pending ? "正在发送…" : "发送测试消息"}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

export function RetryButton({ messageId }: { messageId: number }) {
  const [state, action, pending] = useActionState(retryOutboxMessage, idle);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60">
        {pending ? "发送中…" : "重新发送"}
      </button>
      {state.message && <ActionMessage state={state} />}
    </form>
  );
}
