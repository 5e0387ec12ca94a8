"use client";

import { useActionState, useRef } from "react";
import { BRIEF_FIELD } from "@/lib/comment-field";
import type { DiffPart } from "@/lib/text-diff";
import { ActionMessage } from "@/app/ui/action-message";
import { BaseFields, ConflictNotice, useConflictChoices } from "@/app/ui/conflicts";
import { Regenerate } from "@/app/ui/pack/regenerate";
import { saveMonthBrief, type BriefState } from "./actions";

/**
 * The month's brief to edit: the saved text, or the draft while nothing is saved (saving it keeps
 * it); "重新生成" compares a fresh draft with the saved text.
 */
export function BriefForm({
  month,
  saved,
  drafted,
  diff,
  draftedAt,
  unitId,
}: {
  month: string;
  saved: string;
  drafted: string;
  diff: DiffPart[] | null;
  draftedAt: string;
  /** The town the brief is for; left out for the home unit. */
  unitId?: number;
}) {
  const [state, formAction, pending] = useActionState(saveMonthBrief, {
    status: "idle",
    message: "",
    fieldErrors: {},
    values: { [BRIEF_FIELD]: saved || drafted },
    bases: { [BRIEF_FIELD]: saved },
    conflicts: [],
  } satisfies BriefState);
  const formRef = useRef<HTMLFormElement>(null);
  const { bases, open, choose } = useConflictChoices(state, formRef);
  const conflict = open.find((candidate) => candidate.field === BRIEF_FIELD);
  const errors = state.fieldErrors[BRIEF_FIELD];
  return (
    <form ref={formRef} action={formAction} className="space-y-2 print:hidden" aria-label="编辑简报">
      <input type="hidden" name="month" value={month} />
      {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <BaseFields names={[BRIEF_FIELD]} bases={bases} />
      <label htmlFor={BRIEF_FIELD} className="block text-sm font-medium text-slate-700">简报文字（可修改；保存后，Word 文档使用保存的文字）</label>
      <textarea
        id={BRIEF_FIELD}
        name={BRIEF_FIELD}
        rows={12}
        defaultValue={state.values[BRIEF_FIELD] ?? ""}
        aria-invalid={conflict !== undefined || (errors?.length ?? 0) > 0}
        aria-describedby={`${BRIEF_FIELD}-error`}
        className={`w-full rounded-md border px-3 py-2 text-sm leading-relaxed ${conflict ? "border-amber-500 bg-amber-50" : "border-slate-300"}`}
      />
      <p id={`${BRIEF_FIELD}-error`} aria-live="polite" className="text-sm text-red-700">{errors?.join("；")}</p>
      {conflict && <ConflictNotice conflict={conflict} onChoose={(take) => choose(conflict, take)} text />}
      <Regenerate field={BRIEF_FIELD} drafted={drafted} diff={diff} draftedAt={draftedAt} />
      <div className="flex flex-wrap items-center gap-3 pt-1">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在保存…" : "保存简报"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
