"use client";

import { useActionState, useId } from "react";
import { REASON_LABELS } from "@/lib/month-status";
import {
  approveMonthReview,
  returnMonthForCorrection,
  submitMonthForReview,
  unlockApprovedMonth,
  type MonthStepState,
} from "@/app/(app)/review-queue/actions";
import { ActionMessage } from "@/app/ui/action-message";

const idle: MonthStepState = { status: "idle", message: "", reason: "" };

const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary = "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60";
const danger = "rounded-md border border-red-300 bg-white px-4 py-2 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60";

function ReasonField({ id, label, required, defaultValue, hint }: { id: string; label: string; required: boolean; defaultValue: string; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {!required && <span className="ml-1 font-normal text-slate-500">（选填）</span>}
      </label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={500}
        required={required}
        defaultValue={defaultValue}
        aria-describedby={`${id}-hint`}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
      />
      {hint && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** Staff submit a finished month; every indicator still blank is listed and must be ticked. */
export function SubmitMonthForm({ month, monthLabel, missing, unitId }: { month: string; monthLabel: string; missing: { key: string; name: string }[]; unitId?: number }) {
  const [state, action, pending] = useActionState(submitMonthForReview, idle);
  const id = useId();
  return (
    <form action={action} className="space-y-3" aria-label={`提交${monthLabel}数据审核`}>
      <input type="hidden" name="month" value={month} />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      {missing.length > 0 ? (
        <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <legend className="px-1 text-sm font-medium text-amber-900">以下 {missing.length} 项本月未填报，请逐项确认（确认即表示本月确实不报）：</legend>
          <button
            type="button"
            className="mb-2 mt-1 rounded border border-amber-400 bg-white px-2 py-1 text-xs text-amber-900 hover:bg-amber-100"
            onClick={(event) => {
              for (const box of event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="confirmMissing"]') ?? []) box.checked = true;
            }}
          >
            全部勾选（以上各项本月确实不报）
          </button>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2" data-testid="missing-list">
            {missing.map((item) => (
              <li key={item.key}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="confirmMissing" value={item.key} required className="mt-1" />
                  <span>{item.name}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <p className="text-sm text-emerald-700">✓ 本月全部指标均已填报。</p>
      )}
      <ReasonField id={`${id}-note`} label={REASON_LABELS.submit} required={false} defaultValue={state.reason} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "正在提交…" : "提交审核"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

/** A reviewer's decision on a submitted month: approve (locks it) or return with a reason. */
export function ReviewDecisionForms({ month, monthLabel, unitId }: { month: string; monthLabel: string; unitId?: number }) {
  const [approveState, approve, approving] = useActionState(approveMonthReview, idle);
  const [returnState, sendBack, returning] = useActionState(returnMonthForCorrection, idle);
  const id = useId();
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <form action={approve} className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50/50 p-3" aria-label={`审核通过${monthLabel}`}>
        <input type="hidden" name="month" value={month} />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
        <ReasonField id={`${id}-approve`} label={REASON_LABELS.approve} required={false} defaultValue={approveState.reason} />
        <button type="submit" disabled={approving} className={primary}>
          {approving ? "正在提交…" : "审核通过并锁定"}
        </button>
        <ActionMessage state={approveState} />
      </form>
      <form action={sendBack} className="space-y-2 rounded-md border border-red-200 bg-red-50/40 p-3" aria-label={`退回${monthLabel}`}>
        <input type="hidden" name="month" value={month} />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
        <ReasonField id={`${id}-return`} label={REASON_LABELS.return} required defaultValue={returnState.reason} hint="工作人员会在填报页看到原因。" />
        <button type="submit" disabled={returning} className={danger}>
          {returning ? "正在退回…" : "退回修改"}
        </button>
        <ActionMessage state={returnState} />
      </form>
    </div>
  );
}

/** Unlock an approved month for a correction; the reason is required and kept in its history. */
export function UnlockMonthForm({ month, monthLabel, unitId }: { month: string; monthLabel: string; unitId?: number }) {
  const [state, action, pending] = useActionState(unlockApprovedMonth, idle);
  const id = useId();
  return (
    <form action={action} className="space-y-2" aria-label={`解除${monthLabel}锁定`}>
      <input type="hidden" name="month" value={month} />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <ReasonField id={`${id}-unlock`} label={REASON_LABELS.unlock} required defaultValue={state.reason} hint="原因会记入该月的审核记录；解除后该月回到“填报中”，改完需重新提交审核。" />
      <button type="submit" disabled={pending} className={secondary}>
        {pending ? "正在解除…" : "解除锁定"}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
