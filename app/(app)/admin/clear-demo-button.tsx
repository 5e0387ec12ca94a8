"use client";

import { useActionState } from "react";
import { clearDemo, type AdminActionState } from "./actions";

export function ClearDemoButton({ count }: { count: number }) {
  const [state, formAction, pending] = useActionState(clearDemo, { status: "idle", message: "" } satisfies AdminActionState);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`确定清除全部 ${count} 条示例数据吗？2023年基线数据和正式填报的数据不受影响。`)) event.preventDefault();
      }}
      className="space-y-2"
    >
      <button
        type="submit"
        disabled={pending || count === 0}
        className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? "正在清除…" : "清除全部示例数据"}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {state.message}
      </p>
    </form>
  );
}
