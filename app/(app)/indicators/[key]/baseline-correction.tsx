"use client";

import { useActionState } from "react";
import { MAX_NOTE_LENGTH } from "@/lib/revision-note";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { correctBaseline, type BaselineState } from "./actions";

/** 更正基线 for one figure of the document's 2023 baseline: the new value and the reason, both required. */
export function BaselineCorrection({ indicatorKey, period, periodLabel, seen, unit }: { indicatorKey: string; period: string; periodLabel: string; seen: string; unit: string }) {
  const [state, formAction, pending] = useActionState(correctBaseline, { status: "idle", message: "", fieldErrors: {}, values: { value: seen } } satisfies BaselineState);
  const id = (name: string) => `baseline-${period}-${name}`;
  return (
    <form action={formAction} aria-label={`更正基线：${periodLabel}`} className="space-y-3">
      <input type="hidden" name="key" value={indicatorKey} />
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="seen__value" value={seen} />
      <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <FormField
          name="value"
          id={id("value")}
          label={`${periodLabel}更正为${unit ? `（${unit}）` : ""}`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={state.values.value ?? seen}
          errors={state.fieldErrors.value}
        />
        <FormField
          name="reason"
          id={id("reason")}
          label="更正理由（必填，记入修订记录）"
          maxLength={MAX_NOTE_LENGTH}
          autoComplete="off"
          placeholder="例如：经核对文件原件，应为 14313"
          defaultValue={state.values.reason ?? ""}
          errors={state.fieldErrors.reason}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在更正…" : "更正基线"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
