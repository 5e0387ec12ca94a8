"use client";

import { useActionState, useState } from "react";
import { ALLOCATION_METHOD_LABELS, ALLOCATION_METHODS, allocate, describeSum, type AllocationMethod } from "@/lib/allocation";
import { isAllocationMethod, readAllocationForm, shareField, weightField } from "@/lib/allocation-form";
import { formatNumber } from "@/lib/format";
import { ActionMessage } from "@/app/ui/action-message";
import { allocateTarget, type TargetFormState } from "./actions";

const idle: TargetFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

export type AllocationTown = { id: number; name: string; current: number | null };

/**
 * Split one district target among the towns: equal, by weight (e.g. population) or typed; the shares
 * are worked out as they are typed by the same rule the server applies (lib/allocation.ts).
 */
export function AllocationForm({
  targetId,
  year,
  label,
  value,
  decimals,
  unit,
  towns,
}: {
  targetId: number;
  year: number;
  /** The district target in words, e.g. 月均不少于 34单. */
  label: string;
  value: number;
  decimals: number;
  unit: string;
  towns: AllocationTown[];
}) {
  const [state, formAction, pending] = useActionState(allocateTarget, idle);
  const [method, setMethod] = useState<AllocationMethod>(isAllocationMethod(state.values.method) ? state.values.method : "equal");
  const [fields, setFields] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(towns.map((town) => [shareField(town.id), town.current === null ? "" : String(town.current)])),
    ...state.values,
  }));
  const read = readAllocationForm({ ...fields, method }, towns.map((town) => town.id), decimals);
  const outcome = read.ok ? allocate(value, decimals, read.request) : null;
  const shares = new Map(outcome?.ok ? outcome.allocation.shares.map((share) => [share.unit, share.share]) : []);
  const formId = `allocate-${targetId}`;

  return (
    <form action={formAction} aria-label={`分配“${label}”到镇街`} className="space-y-3" noValidate>
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="year" value={year} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">分配方式</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {ALLOCATION_METHODS.map((option) => (
            <label key={option} className="flex items-center gap-1.5">
              <input type="radio" name="method" value={option} checked={method === option} onChange={() => setMethod(option)} />
              {ALLOCATION_METHOD_LABELS[option]}
            </label>
          ))}
        </div>
      </fieldset>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-2">镇街</th>
            {method !== "equal" && <th className="py-1 pr-2">{method === "weighted" ? "权重" : `分配数（${unit}）`}</th>}
            <th className="py-1 text-right">{method === "typed" ? "现有目标" : `分配结果（${unit}）`}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {towns.map((town) => {
            const name = method === "weighted" ? weightField(town.id) : shareField(town.id);
            const errors = state.fieldErrors[name];
            const share = shares.get(town.id);
            return (
              <tr key={town.id}>
                <td className="py-1.5 pr-2">{town.name}</td>
                {method !== "equal" && (
                  <td className="py-1.5 pr-2">
                    <label htmlFor={`${formId}-${name}`} className="sr-only">{town.name}的{method === "weighted" ? "权重" : "分配数"}</label>
                    <input id={`${formId}-${name}`} name={name} inputMode="decimal" value={fields[name] ?? ""}
                      onChange={(event) => setFields((current) => ({ ...current, [name]: event.target.value }))}
                      aria-invalid={(errors?.length ?? 0) > 0} aria-describedby={`${formId}-${name}-error`}
                      className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right" />
                    <span id={`${formId}-${name}-error`} aria-live="polite" className="ml-1 text-xs text-red-700">{errors?.join("；")}</span>
                  </td>
                )}
                <td className="py-1.5 text-right tabular-nums" data-share={town.id}>
                  {method === "typed"
                    ? town.current === null ? "—" : formatNumber(town.current, decimals)
                    : share === undefined ? "—" : formatNumber(share, decimals)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="allocation-sum">
        {outcome?.ok ? describeSum(outcome.allocation.comparison, decimals, unit) : outcome ? outcome.message : read.ok ? "" : read.message}
        {outcome?.ok && `（区目标 ${formatNumber(value, decimals)}${unit}）`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在分配…" : "按此分配到镇街"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
