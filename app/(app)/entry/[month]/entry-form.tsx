"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import type { IndicatorDefinition } from "@/lib/catalog";
import { checkConsistency, type Figures, type Warning } from "@/lib/consistency";
import { rankDetailField, readableFigures, type RankDetail } from "@/lib/entry-schema";
import { DemoTag } from "@/app/ui/demo-banner";
import { saveMonth } from "./actions";
import { FieldHistory } from "./field-history";
import type { EntryCategoryView, EntryFieldView, EntryState } from "./entry-state";

export function EntryForm({
  month,
  monthLabel,
  categories,
  initialValues,
  catalog,
  previous,
}: {
  month: string;
  monthLabel: string;
  categories: EntryCategoryView[];
  initialValues: Record<string, string>;
  /** The catalog and last month's figures, for the consistency checks run while typing. */
  catalog: IndicatorDefinition[];
  previous: [string, { value: number; rankedUnits: number | null }][];
}) {
  const initialState: EntryState = { status: "idle", message: "", values: initialValues, fieldErrors: {} };
  // extra arguments travel as hidden fields, not through bind(): a client-bound action with
  // useActionState never finishes rendering when the form is posted before JavaScript has loaded
  const [state, formAction, pending] = useActionState(saveMonth, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  const [previousFigures] = useState<Figures>(() => new Map(previous));
  const check = (values: Record<string, string>) => checkConsistency(catalog, readableFigures(catalog, values), previousFigures);
  const [warnings, setWarnings] = useState<Warning[]>(() => check(initialValues));
  const recheck = () => {
    if (!formRef.current) return;
    const values = Object.fromEntries([...new FormData(formRef.current)].flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
    setWarnings(check(values));
  };
  // after a save or a refusal the form shows the values the server returned: check those
  useEffect(recheck, [state]); // eslint-disable-line react-hooks/exhaustive-deps
  const flagged = new Set(warnings.flatMap((warning) => warning.keys));

  return (
    <form ref={formRef} action={formAction} onInput={recheck} noValidate className="space-y-6" aria-describedby="form-message">
      <input type="hidden" name="month" value={month} />
      <FormMessage state={state} />
      <ConsistencyWarnings warnings={warnings} />
      {categories.map(({ category, fields }) => (
        <fieldset key={category} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 text-base font-semibold text-slate-800">{category}</legend>
          <div className="divide-y divide-slate-100">
            {fields.map((field) => (
              <FieldRow key={field.key} field={field} state={state} flagged={flagged.has(field.key)} />
            ))}
          </div>
        </fieldset>
      ))}
      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "正在保存…" : `保存${monthLabel}数据`}
        </button>
        <span className="text-xs text-slate-500">留空表示“未填报”，不会记为 0。只有改动过的指标会写入并留下修订记录。</span>
      </div>
    </form>
  );
}

/** Warnings, not errors: the figures may still be saved, but someone should look first. */
function ConsistencyWarnings({ warnings }: { warnings: Warning[] }) {
  return (
    <div id="consistency-warnings" role="status" aria-live="polite" className={warnings.length === 0 ? "sr-only" : "rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"}>
      {warnings.length > 0 && (
        <>
          <p className="font-medium">保存前请核对（{warnings.length} 条一致性提醒，不影响保存）：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {warnings.map((warning) => (
              <li key={`${warning.code}-${warning.keys.join()}`}>{warning.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function FormMessage({ state }: { state: EntryState }) {
  const style =
    state.status === "saved"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : state.status === "idle"
        ? "hidden"
        : "border-red-200 bg-red-50 text-red-900";
  return (
    <div id="form-message" role="status" aria-live="polite" className={`rounded-md border px-4 py-3 text-sm ${style}`}>
      {state.message}
      {state.status === "saved" && (
        <Link href="/" className="ml-2 font-medium underline">
          查看看板
        </Link>
      )}
    </div>
  );
}

function FieldRow({ field, state, flagged }: { field: EntryFieldView; state: EntryState; flagged: boolean }) {
  const errors = state.fieldErrors[field.key] ?? [];
  const errorId = `${field.key}-error`;
  const hasError = errors.length > 0;
  // React resets a form after its action; the reset lands on defaultValue, which holds what the
  // user typed (refused) or what was stored (saved), so nothing typed is lost
  const value = state.values[field.key] ?? "";
  return (
    <div data-field={field.key} className="grid gap-2 py-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-start" style={{ paddingLeft: `${field.depth * 1.25}rem` }}>
      <div>
        <label htmlFor={field.key} className="text-sm font-medium text-slate-800">
          {field.depth > 0 && <span className="mr-1 text-slate-400">└</span>}
          {field.name}
          {field.demo && <DemoTag />}
        </label>
        <p className="text-xs text-slate-500">
          {field.hint && <span className="mr-2">{field.hint}</span>}
          <span data-previous>{field.previousText}</span>
          <Link href={`/indicators/${field.key}`} className="ml-2 text-brand-600 hover:underline">
            历史
          </Link>
        </p>
      </div>
      <div>
        <div className="flex items-center gap-2">
          <input
            id={field.key}
            name={field.key}
            type="text"
            inputMode={field.decimals > 0 ? "decimal" : "numeric"}
            autoComplete="off"
            defaultValue={value}
            aria-invalid={hasError}
            aria-describedby={errorId}
            className={`w-full min-w-0 rounded-md border px-3 py-2 text-right text-base tabular-nums ${hasError ? "border-red-500 bg-red-50" : "border-slate-300"}`}
          />
          <span className="w-14 shrink-0 text-sm text-slate-500">{field.kind === "rank" ? "名" : field.unit}</span>
        </div>
        {field.kind === "rank" && <RankDetails field={field} state={state} />}
        <p id={errorId} aria-live="polite" className="mt-1 text-sm text-red-700">
          {errors.join("；")}
        </p>
        {flagged && errors.length === 0 && (
          <p className="text-xs text-amber-800" data-warning-for={field.key}>⚠ 与相关指标不一致，见页首提醒</p>
        )}
        <FieldHistory items={field.history} />
      </div>
    </div>
  );
}

const RANK_DETAIL_LABELS: Record<RankDetail, { before: string; after: (field: EntryFieldView) => string; mode: "numeric" | "decimal" }> = {
  of: { before: "共", after: () => "个单位", mode: "numeric" },
  above: { before: "上一名", after: (field) => field.rankedUnit, mode: "decimal" },
  below: { before: "下一名", after: (field) => field.rankedUnit, mode: "decimal" },
};

/**
 * What the bulletin says beside a rank, all optional: N, and the ranked figure of the units just
 * above and below (from which the rankings page works out what it takes to move up).
 */
function RankDetails({ field, state }: { field: EntryFieldView; state: EntryState }) {
  return (
    <div className="mt-1 space-y-1 text-xs text-slate-600">
      <p className="text-slate-500">通报中的补充信息（可不填）：上一名、下一名填其“{field.rankedName}”</p>
      {(["of", "above", "below"] as const).map((detail) => {
        const name = rankDetailField(field.key, detail);
        const errors = state.fieldErrors[name] ?? [];
        const label = RANK_DETAIL_LABELS[detail];
        return (
          <div key={detail}>
            <div className="flex items-center gap-2">
              <label htmlFor={name} className="w-12 shrink-0 text-right">{label.before}</label>
              <input
                id={name}
                name={name}
                type="text"
                inputMode={label.mode}
                autoComplete="off"
                defaultValue={state.values[name] ?? ""}
                aria-invalid={errors.length > 0}
                aria-describedby={`${name}-error`}
                placeholder="可不填"
                className={`w-28 rounded-md border px-2 py-1 text-right tabular-nums ${errors.length > 0 ? "border-red-500 bg-red-50" : "border-slate-300"}`}
              />
              <span>{label.after(field)}</span>
            </div>
            <p id={`${name}-error`} aria-live="polite" className="text-sm text-red-700">
              {errors.join("；")}
            </p>
          </div>
        );
      })}
    </div>
  );
}
