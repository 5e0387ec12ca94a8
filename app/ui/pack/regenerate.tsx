"use client";

import { useState } from "react";
import type { DiffPart } from "@/lib/text-diff";

/**
 * "重新生成": the text drafted from the figures as they are now, compared clause by clause with the
 * saved text; the user may take it into the box (and then save it) or leave the saved text as it is.
 */
export function Regenerate({ field, drafted, diff, draftedAt }: { field: string; drafted: string; diff: DiffPart[] | null; draftedAt: string }) {
  const [open, setOpen] = useState(false);
  const [taken, setTaken] = useState(false);
  const same = diff !== null && diff.every((part) => part.kind === "same");
  const take = () => {
    const control = document.getElementById(field);
    if (control instanceof HTMLTextAreaElement) {
      control.value = drafted;
      control.dispatchEvent(new Event("input", { bubbles: true }));
      control.focus();
    }
    setTaken(true);
  };
  return (
    <div className="mt-1 text-sm">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
        重新生成
      </button>
      {open && (
        <div className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="regenerated" aria-live="polite">
          <p className="text-xs text-slate-600">根据 {draftedAt} 的数据重新生成。{diff === null ? "尚未保存过文字：" : same ? "与已保存的文字相同。" : "与已保存文字的差异（删除线为已保存、将被替换的内容，下划线为新生成的内容）："}</p>
          {!same && (
            <p className="whitespace-pre-wrap leading-relaxed" data-testid="regenerated-diff">
              {diff === null
                ? drafted
                : diff.map((part, index) =>
                    part.kind === "same" ? (
                      <span key={index}>{part.text}</span>
                    ) : part.kind === "removed" ? (
                      <del key={index} className="bg-red-100 text-red-900">{part.text}</del>
                    ) : (
                      <ins key={index} className="bg-emerald-100 text-emerald-900">{part.text}</ins>
                    ),
                  )}
            </p>
          )}
          {!same && (
            <button type="button" onClick={take} className="rounded-md border border-brand-600 bg-white px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
              采用新生成的文字
            </button>
          )}
          {taken && <p className="text-xs text-slate-600">已放入上面的文字框；点“保存”后生效。</p>}
        </div>
      )}
    </div>
  );
}
