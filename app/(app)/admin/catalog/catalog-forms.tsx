"use client";

import { useActionState, useState } from "react";
import { INDICATOR_KINDS, KIND_LABELS } from "@/lib/catalog";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { addIndicatorAction, setIndicatorActiveAction, updateIndicatorAction, type CatalogFormState } from "./actions";

const idle: CatalogFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

export type CatalogRow = {
  key: string;
  name: string;
  unit: string;
  category: string;
  description: string;
  sortOrder: number;
  active: boolean;
  /** The unit is fixed once figures exist. */
  hasFigures: boolean;
};

/** One indicator's editable words, definition and place; its key, kind and decimals never change. */
export function IndicatorRowForm({ row }: { row: CatalogRow }) {
  const [state, formAction, pending] = useActionState(updateIndicatorAction, idle);
  const [activeState, activeAction, activePending] = useActionState(setIndicatorActiveAction, idle);
  // one message line for both forms: the answer to whichever was sent last
  const [last, setLast] = useState<"edit" | "active">("edit");
  const value = (name: keyof CatalogRow) => state.values[name] ?? String(row[name]);
  return (
    <div className="space-y-2">
      <form action={formAction} onSubmit={() => setLast("edit")} className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_5rem_auto] sm:items-start" aria-label={`编辑${row.name}`}>
        <input type="hidden" name="key" value={row.key} />
        <FormField name="name" id={`name-${row.key}`} label="名称" defaultValue={value("name")} errors={state.fieldErrors.name} />
        <FormField
          name="unit"
          id={`unit-${row.key}`}
          label="单位"
          defaultValue={value("unit")}
          errors={state.fieldErrors.unit}
          readOnly={row.hasFigures}
          hint={row.hasFigures ? "已有数据，单位不可改" : undefined}
        />
        <FormField name="category" id={`category-${row.key}`} label="类别" defaultValue={value("category")} errors={state.fieldErrors.category} />
        <FormField name="sortOrder" id={`order-${row.key}`} label="排序" inputMode="numeric" defaultValue={value("sortOrder")} errors={state.fieldErrors.sortOrder} />
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 sm:mt-6">保存</button>
        <div className="sm:col-span-5">
          <label htmlFor={`description-${row.key}`} className="block text-sm font-medium text-slate-700">定义（填报页与指标页显示）</label>
          <textarea
            id={`description-${row.key}`}
            name="description"
            rows={3}
            defaultValue={value("description")}
            aria-invalid={(state.fieldErrors.description?.length ?? 0) > 0}
            aria-describedby={`description-${row.key}-error`}
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <p id={`description-${row.key}-error`} aria-live="polite" className="text-sm text-red-700">{state.fieldErrors.description?.join("；")}</p>
        </div>
      </form>
      <div className="flex flex-wrap items-center gap-3">
        <form
          action={activeAction}
          onSubmit={(event) => {
            setLast("active");
            if (row.active && !window.confirm(`自本月起停用“${row.name}”？它将不再出现在本月及以后的填报表和看板上；以前月份的数据、季度材料与修订记录全部保留，可随时恢复。`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="key" value={row.key} />
          <input type="hidden" name="active" value={String(!row.active)} />
          <button type="submit" disabled={activePending} className={`rounded-md px-3 py-1.5 text-sm ${row.active ? "border border-red-300 text-red-700 hover:bg-red-50" : "border border-emerald-400 text-emerald-800 hover:bg-emerald-50"}`}>
            {row.active ? "停用" : "恢复"}
          </button>
        </form>
        <ActionMessage state={last === "active" ? activeState : state} />
      </div>
    </div>
  );
}

export function AddIndicatorForm({ keys }: { keys: { key: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState(addIndicatorAction, idle);
  const select = (name: string, label: string, options: { value: string; label: string }[], hint?: string) => (
    <div>
      <label htmlFor={`new-${name}`} className="block text-sm font-medium text-slate-700">{label}</label>
      <select id={`new-${name}`} name={name} defaultValue={state.values[name] ?? ""} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p className="mt-1 text-sm text-red-700" aria-live="polite">{state.fieldErrors[name]?.join("；")}</p>
    </div>
  );
  const indicatorOptions = [{ value: "", label: "（无）" }, ...keys.map((entry) => ({ value: entry.key, label: entry.name }))];
  return (
    // keyed by what was submitted: after a refusal the form is rebuilt with it (a <select> keeps only its first default)
    <form key={JSON.stringify(state.values)} action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="添加指标">
      <FormField name="key" id="new-key" label="键名" defaultValue={state.values.key} errors={state.fieldErrors.key} hint="小写字母、数字、下划线，如 popsci_bases_total；添加后不能修改" />
      <FormField name="name" id="new-name" label="名称" defaultValue={state.values.name} errors={state.fieldErrors.name} />
      <FormField name="unit" id="new-unit" label="单位" defaultValue={state.values.unit} errors={state.fieldErrors.unit} hint="如 个、人、万元、%；排名填“名”" />
      <FormField name="category" id="new-category" label="类别" defaultValue={state.values.category} errors={state.fieldErrors.category} />
      {select("kind", "类型", INDICATOR_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })), "新增类按月合计；累计、比率、排名取期末值")}
      <FormField name="decimals" id="new-decimals" label="小数位" inputMode="numeric" defaultValue={state.values.decimals ?? "0"} errors={state.fieldErrors.decimals} />
      {select("parentKey", "所属指标（细分时）", indicatorOptions)}
      {select("parentRelation", "与所属指标的关系", [
        { value: "", label: "（无）" },
        { value: "component", label: "构成部分（各部分之和等于所属指标）" },
        { value: "subset", label: "其中（不超过所属指标）" },
      ])}
      {select("accumulatesKey", "累计自（累计类）", indicatorOptions)}
      {select("ranksKey", "排名对象（排名类）", indicatorOptions)}
      <FormField
        name="inForceFrom"
        id="new-inForceFrom"
        label="起始月份"
        placeholder="YYYY-MM"
        defaultValue={state.values.inForceFrom ?? ""}
        errors={state.fieldErrors.inForceFrom}
        hint="从哪个月起填报此项，不填为本月；以前月份的季度材料不会把它列为缺报"
      />
      <div className="sm:col-span-2">
        <label htmlFor="new-description" className="block text-sm font-medium text-slate-700">定义（可不填）</label>
        <textarea
          id="new-description"
          name="description"
          rows={3}
          defaultValue={state.values.description ?? ""}
          aria-describedby="new-description-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          placeholder="统计什么、在天府科技云何处查看、累计数是否跨年"
        />
        <p id="new-description-error" aria-live="polite" className="text-sm text-red-700">{state.fieldErrors.description?.join("；")}</p>
      </div>
      <FormField name="sortOrder" id="new-sortOrder" label="排序" inputMode="numeric" defaultValue={state.values.sortOrder ?? "1000"} errors={state.fieldErrors.sortOrder} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在添加…" : "添加指标"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
