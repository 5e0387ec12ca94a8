"use client";

import { useState, type RefObject } from "react";
import { flushSync } from "react-dom";
import { baseField } from "@/lib/form-base";
import type { FieldConflict } from "@/app/_lib/field-conflict";

type ConflictAnswer = { bases: Record<string, string>; conflicts: FieldConflict[] };
type Choices = { answer: ConflictAnswer; bases: Record<string, string>; resolved: string[] };

/** Set a form control's value as if typed, so that the form's own input handlers see it. */
function setControlValue(form: HTMLFormElement | null, name: string, value: string) {
  const control = form?.elements.namedItem(name);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) return;
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * What a form showed when it loaded (its base fields), and the user's choice for each conflict the
 * server reported: taking theirs puts their value in the field; keeping mine takes their value as
 * what was seen, so the next save overwrites it knowingly. Once every conflict is decided, the save
 * the user asked for goes ahead.
 */
export function useConflictChoices(answer: ConflictAnswer, formRef: RefObject<HTMLFormElement | null>) {
  const [choices, setChoices] = useState<Choices>({ answer, bases: {}, resolved: [] });
  const current: Choices = choices.answer === answer ? choices : { answer, bases: {}, resolved: [] };
  // a new answer from the server starts afresh (React's pattern for state derived from props)
  if (choices.answer !== answer) setChoices(current);
  const open = answer.conflicts.filter((conflict) => !current.resolved.includes(conflict.field));
  const choose = (conflict: FieldConflict, take: "theirs" | "mine") => {
    if (take === "theirs") setControlValue(formRef.current, conflict.field, conflict.theirs);
    const next = { answer, bases: { ...current.bases, [conflict.field]: conflict.theirs }, resolved: [...current.resolved, conflict.field] };
    if (open.length > 1) {
      setChoices(next);
      return;
    }
    // the last choice: the hidden base fields must hold it before the form is posted
    flushSync(() => setChoices(next));
    formRef.current?.requestSubmit();
  };
  return { bases: { ...answer.bases, ...current.bases }, open, choose };
}

/** One hidden base field per field the form shows. */
export function BaseFields({ names, bases }: { names: readonly string[]; bases: Record<string, string> }) {
  return names.map((name) => <input key={name} type="hidden" name={baseField(name)} value={bases[name] ?? ""} />);
}

/** Beside a field: who changed it meanwhile, and the two ways forward. */
export function ConflictNotice({
  conflict,
  onChoose,
  text = false,
}: {
  conflict: FieldConflict;
  onChoose: (take: "theirs" | "mine") => void;
  /** Long text (commentary) rather than a figure: the buttons then do not repeat the values. */
  text?: boolean;
}) {
  const shown = (value: string) => (value === "" ? "空" : value);
  return (
    <div data-conflict={conflict.field} className="mt-2 rounded-md border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950">
      <p className="whitespace-pre-wrap">
        <span aria-hidden="true">⚠ </span>
        {conflict.message}
        {!text && `；您填写的是 ${shown(conflict.mine)}`}。
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => onChoose("theirs")}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {text ? "采用对方的内容" : `采用对方的值（${shown(conflict.theirs)}）`}
        </button>
        <button
          type="button"
          onClick={() => onChoose("mine")}
          className="rounded-md border border-brand-600 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {text ? "保留我的内容" : `保留我的值（${shown(conflict.mine)}）`}
        </button>
      </div>
    </div>
  );
}
