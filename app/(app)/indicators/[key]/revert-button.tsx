"use client";

import { useActionState } from "react";
import { MAX_NOTE_LENGTH } from "@/lib/revision-note";
import { revertFigure, type RevertState } from "./actions";

/**
 * 恢复为此值, opened to confirm: it carries the figure as the page shows it (so a figure changed
 * since is not reverted unseen) and an optional 更正说明.
 */
export function RevertButton({ revisionId, label, seen, unitId }: { revisionId: number; label: string; seen: Record<string, string>; unitId?: number }) {
  const [state, formAction, pending] = useActionState(revertFigure, { status: "idle", message: "" } satisfies RevertState);
  const shown = state.status === "conflict" && state.seen ? state.seen : seen;
  const noteId = `revert-${revisionId}-reason`;
  return (
    <details className="group text-xs" open={state.status === "conflict" || undefined}>
      <summary className="inline-block cursor-pointer list-none rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 group-open:bg-slate-100">恢复为此值</summary>
      <form action={formAction} className="mt-2 w-56 space-y-1 whitespace-normal rounded border border-slate-200 bg-white p-2 shadow-sm">
        <input type="hidden" name="revisionId" value={revisionId} />
        {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
        {Object.entries(shown).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor={noteId} className="block text-slate-600">更正说明（可选）</label>
        <input
          id={noteId}
          name="reason"
          type="text"
          maxLength={MAX_NOTE_LENGTH}
          autoComplete="off"
          defaultValue={state.reason ?? ""}
          className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-2 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {state.status === "conflict" ? `仍要恢复为 ${label}` : `确认恢复为 ${label}`}
        </button>
        <p className="text-slate-500">恢复本身会记录为一条新的修订。</p>
        {state.message && (
          <p role="status" className={state.status === "done" ? "text-emerald-700" : "text-red-700"}>{state.message}</p>
        )}
      </form>
    </details>
  );
}
