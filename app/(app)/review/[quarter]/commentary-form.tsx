"use client";

import { useActionState, useRef } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { BaseFields, ConflictNotice, useConflictChoices } from "@/app/ui/conflicts";
import { ErrorSummary } from "@/app/ui/error-summary";
import { commentField } from "@/lib/comment-field";
import type { DiffPart } from "@/lib/text-diff";
import { Regenerate } from "@/app/ui/pack/regenerate";
import { saveCommentary, type CommentaryState } from "./actions";

export type RedItem = { key: string; name: string; summary: string };

/** The drafted 总体分析: shown in the box while nothing is saved; "重新生成" compares it with the saved text. */
export type DraftedAnalysis = { text: string; diff: DiffPart[] | null; draftedAt: string };

/** The overall analysis and, for every red indicator, its cause and next step. */
export function CommentaryForm({
  quarter,
  red,
  initial,
  drafted,
  unitId,
}: {
  quarter: string;
  red: RedItem[];
  initial: Record<string, string>;
  drafted: DraftedAnalysis;
  /** The town the pack is for; left out for the home unit. */
  unitId?: number;
}) {
  const names = [commentField("overall"), ...red.flatMap((item) => [commentField("cause", item.key), commentField("next_step", item.key)])];
  const loaded = Object.fromEntries(names.map((name) => [name, initial[name] ?? ""]));
  const overall = commentField("overall");
  const [state, formAction, pending] = useActionState(saveCommentary, {
    status: "idle",
    message: "",
    fieldErrors: {},
    // nothing saved yet: the box holds the draft, which a save then keeps
    values: { ...loaded, [overall]: loaded[overall] || drafted.text },
    bases: loaded,
    conflicts: [],
  } satisfies CommentaryState);
  const formRef = useRef<HTMLFormElement>(null);
  const { bases, open, choose } = useConflictChoices(state, formRef);
  const area = (name: string, label: string, placeholder: string, rows = 3) => {
    const conflict = open.find((candidate) => candidate.field === name);
    return (
      <div>
        <label htmlFor={name} className="block text-sm font-medium text-slate-700">{label}</label>
        <textarea
          id={name}
          name={name}
          rows={rows}
          defaultValue={state.values[name] ?? ""}
          placeholder={placeholder}
          aria-invalid={conflict !== undefined || (state.fieldErrors[name]?.length ?? 0) > 0}
          aria-describedby={`${name}-error`}
          className={`mt-1 w-full rounded-md border px-3 py-2 text-sm ${conflict ? "border-amber-500 bg-amber-50" : "border-slate-300"}`}
        />
        <p id={`${name}-error`} aria-live="polite" className="text-sm text-red-700">{state.fieldErrors[name]?.join("；")}</p>
        {conflict && <ConflictNotice conflict={conflict} onChoose={(take) => choose(conflict, take)} text />}
      </div>
    );
  };
  return (
    <form ref={formRef} action={formAction} className="space-y-4 print:hidden" aria-label="填写说明">
      <input type="hidden" name="quarter" value={quarter} />
      {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <BaseFields names={names} bases={bases} />
      {state.status === "conflict" && open.length > 0 && (
        <ErrorSummary
          title={`未保存：有 ${open.length} 条说明在您打开本页后已被他人修改`}
          intro="请在每条旁选择“采用对方的内容”或“保留我的内容”；全部选择后即保存您的其余改动。您写的内容都还在框中。"
          items={open.map((conflict) => ({ field: conflict.field, text: `${conflict.label}：${conflict.message}` }))}
          answer={state}
        />
      )}
      {area(overall, "总体分析", "本季度工作总体情况、亮点与问题", 8)}
      <Regenerate field={overall} drafted={drafted.text} diff={drafted.diff} draftedAt={drafted.draftedAt} />
      {red.map((item) => (
        <fieldset key={item.key} className="space-y-2 rounded-md border border-red-200 bg-red-50/40 p-3">
          <legend className="px-1 text-sm font-semibold text-red-900">{item.name}</legend>
          <p className="text-xs text-slate-600">{item.summary}</p>
          {area(commentField("cause", item.key), "原因", "未达标的原因（必填）")}
          {area(commentField("next_step", item.key), "下步措施", "下一步的具体措施（必填）")}
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在保存…" : "保存说明"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
