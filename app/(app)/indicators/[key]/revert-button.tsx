"use client";

import { useActionState } from "react";
import { revertFigure, type RevertState } from "./actions";

export function RevertButton({ revisionId, label }: { revisionId: number; label: string }) {
  const [state, formAction, pending] = useActionState(revertFigure, { status: "idle", message: "" } satisfies RevertState);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`确定把该月数值恢复为 ${label} 吗？恢复本身会记录为一条新的修订。`)) event.preventDefault();
      }}
      className="flex items-center gap-2"
    >
      <input type="hidden" name="revisionId" value={revisionId} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
        恢复为此值
      </button>
      {state.message && (
        <span role="status" className={`text-xs ${state.status === "done" ? "text-emerald-700" : "text-red-700"}`}>{state.message}</span>
      )}
    </form>
  );
}
