"use client";

import { useActionState, useState } from "react";
import type { IndicatorKind } from "@/lib/catalog";
import type { TargetRule } from "@/lib/records";
import { RULE_DESCRIPTIONS, RULES_BY_KIND } from "@/lib/target-schema";
import { TARGET_RULE_LABELS } from "@/lib/targets";
import { ActionMessage } from "@/app/ui/action-message";
import { retireTargetAction, saveBands, saveTarget, type TargetFormState } from "./actions";

const idle: TargetFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

export type IndicatorOption = { key: string; name: string; unit: string; kind: IndicatorKind; category: string };

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.join("；")}
    </p>
  );
}

export function TargetForm({ year, years, indicators, unitId }: { year: number; years: number[]; indicators: IndicatorOption[]; unitId?: number }) {
  const [state, formAction, pending] = useActionState(saveTarget, idle);
  const [key, setKey] = useState(state.values.indicator ?? (indicators.some((option) => option.key === "nanny_new") ? "nanny_new" : (indicators[0]?.key ?? "")));
  const indicator = indicators.find((option) => option.key === key) ?? indicators[0];
  const rules: readonly TargetRule[] = indicator ? RULES_BY_KIND[indicator.kind] : [];
  const [rule, setRule] = useState<string>(state.values.rule ?? rules[0] ?? "");
  const activeRule = rules.find((candidate) => candidate === rule) ?? rules[0];
  const categories = [...new Set(indicators.map((option) => option.category))];
  const [fromYear, setFromYear] = useState(state.values.year ?? String(year));

  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="设定目标">
      {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <div>
        <label htmlFor="target-year" className="block text-sm font-medium text-slate-700">起始年份</label>
        <select
          id="target-year"
          name="year"
          value={fromYear}
          onChange={(event) => setFromYear(event.target.value)}
          aria-describedby="year-error"
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
        >
          {[...new Set([...years, year])].sort((a, b) => a - b).map((option) => (
            <option key={option} value={option}>{option}年</option>
          ))}
        </select>
        <FieldError id="year-error" errors={state.fieldErrors.year} />
      </div>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">适用年份</legend>
        <div className="mt-1 flex flex-col gap-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="span" value="standing" defaultChecked={(state.values.span ?? "standing") === "standing"} />
            自{fromYear}年起长期有效（直到调整或停用）
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="span" value="single" defaultChecked={state.values.span === "single"} />
            只适用于{fromYear}年
          </label>
        </div>
        <FieldError id="span-error" errors={state.fieldErrors.span} />
      </fieldset>
      <div>
        <label htmlFor="target-indicator" className="block text-sm font-medium text-slate-700">指标</label>
        <select
          id="target-indicator"
          name="indicator"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
        >
          {categories.map((category) => (
            <optgroup key={category} label={category}>
              {indicators.filter((option) => option.category === category).map((option) => (
                <option key={option.key} value={option.key}>{option.name}</option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldError id="indicator-error" errors={state.fieldErrors.indicator} />
      </div>
      <div>
        <label htmlFor="target-rule" className="block text-sm font-medium text-slate-700">考核方式</label>
        <select
          id="target-rule"
          name="rule"
          value={activeRule}
          onChange={(event) => setRule(event.target.value)}
          aria-describedby="rule-help rule-error"
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
        >
          {rules.map((option) => (
            <option key={option} value={option}>{TARGET_RULE_LABELS[option]}</option>
          ))}
        </select>
        <p id="rule-help" className="mt-1 text-xs text-slate-500">{activeRule ? RULE_DESCRIPTIONS[activeRule] : ""}</p>
        <FieldError id="rule-error" errors={state.fieldErrors.rule} />
      </div>
      {activeRule === "year_end_level" && (
        <div>
          <label htmlFor="target-comparator" className="block text-sm font-medium text-slate-700">方向</label>
          <select id="target-comparator" name="comparator" defaultValue={state.values.comparator ?? "at_least"} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
            <option value="at_least">不低于</option>
            <option value="at_most">不高于</option>
          </select>
        </div>
      )}
      <div>
        <label htmlFor="target-value" className="block text-sm font-medium text-slate-700">
          目标值{indicator ? `（${activeRule === "rank_at_most" ? "名次" : indicator.unit}）` : ""}
        </label>
        <input
          id="target-value"
          name="value"
          inputMode="decimal"
          defaultValue={state.values.value ?? ""}
          aria-invalid={(state.fieldErrors.value?.length ?? 0) > 0}
          aria-describedby="value-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        <FieldError id="value-error" errors={state.fieldErrors.value} />
      </div>
      <div>
        <label htmlFor="target-source" className="block text-sm font-medium text-slate-700">来源</label>
        <input
          id="target-source"
          name="source"
          defaultValue={state.values.source ?? "省科协要求"}
          aria-describedby="source-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        <FieldError id="source-error" errors={state.fieldErrors.source} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在保存…" : "设定目标"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function RetireButton({ targetId, fromYear, label, unitId }: { targetId: number; fromYear: number; label: string; unitId?: number }) {
  const [state, formAction, pending] = useActionState(retireTargetAction, idle);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`自${fromYear}年起停用目标“${label}”？${fromYear}年及以后不再按它评估，以前年份不变，记录保留。`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="fromYear" value={fromYear} />
      {unitId !== undefined && <input type="hidden" name="unit" value={unitId} />}
      <button type="submit" disabled={pending} className="whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">自{fromYear}年起停用</button>
      {state.message && <span role="status" className="ml-1 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

export function BandsForm({ green, amber }: { green: number; amber: number }) {
  const [state, formAction, pending] = useActionState(saveBands, idle);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3 text-sm">
      <div>
        <label htmlFor="band-green" className="block text-slate-700">达标（绿）：达成率 ≥</label>
        <input id="band-green" name="green" inputMode="decimal" defaultValue={state.values.green ?? green} className="mt-1 w-20 rounded-md border border-slate-300 px-2 py-1.5 text-right" /> %
        <FieldError id="green-error" errors={state.fieldErrors.green} />
      </div>
      <div>
        <label htmlFor="band-amber" className="block text-slate-700">接近（黄）：达成率 ≥</label>
        <input id="band-amber" name="amber" inputMode="decimal" defaultValue={state.values.amber ?? amber} className="mt-1 w-20 rounded-md border border-slate-300 px-2 py-1.5 text-right" /> %
        <FieldError id="amber-error" errors={state.fieldErrors.amber} />
      </div>
      <button type="submit" disabled={pending} className="mb-6 rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">保存</button>
      <div className="mb-6"><ActionMessage state={state} /></div>
    </form>
  );
}
