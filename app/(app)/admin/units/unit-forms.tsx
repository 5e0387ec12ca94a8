"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import {
  addAliasAction,
  addUnitAction,
  removeAliasAction,
  renameUnitAction,
  saveSubUnitIndicatorsAction,
  setAccountUnitAction,
  setUnitRetiredAction,
  type UnitFormState,
} from "./actions";

const idle: UnitFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

export function AddUnitForm({ kind, label }: { kind: "sub" | "peer"; label: string }) {
  const [state, formAction, pending] = useActionState(addUnitAction, idle);
  const id = (name: string) => `add-${kind}-${name}`;
  return (
    <form action={formAction} aria-label={label} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start" noValidate>
      <input type="hidden" name="kind" value={kind} />
      <FormField id={id("name")} name="name" label={kind === "sub" ? "镇街名称" : "单位名称"} defaultValue={state.values.name ?? ""} errors={state.fieldErrors.name}
        placeholder={kind === "sub" ? "如：格里坪镇" : "如：攀枝花市东区"} maxLength={60} />
      <FormField id={id("shortName")} name="shortName" label="简称" defaultValue={state.values.shortName ?? ""} errors={state.fieldErrors.shortName}
        placeholder={kind === "sub" ? "如：格里坪" : "如：东区"} maxLength={20} />
      <div className="sm:pt-6">
        <button type="submit" disabled={pending} className={primary}>{pending ? "正在添加…" : label}</button>
      </div>
      <div className="sm:col-span-3"><ActionMessage state={state} /></div>
    </form>
  );
}

export function RenameUnitForm({ unitId, name, shortName }: { unitId: number; name: string; shortName: string }) {
  const [state, formAction, pending] = useActionState(renameUnitAction, idle);
  const id = (field: string) => `rename-${unitId}-${field}`;
  return (
    <form action={formAction} aria-label={`修改“${name}”的名称`} className="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-start" noValidate>
      <input type="hidden" name="unitId" value={unitId} />
      <FormField id={id("name")} name="name" label="名称" defaultValue={state.values.name ?? name} errors={state.fieldErrors.name} maxLength={60} />
      <FormField id={id("shortName")} name="shortName" label="简称" defaultValue={state.values.shortName ?? shortName} errors={state.fieldErrors.shortName} maxLength={20} />
      <div className="sm:pt-6">
        <button type="submit" disabled={pending} className={secondary}>保存名称</button>
      </div>
      <div className="sm:col-span-3"><ActionMessage state={state} /></div>
    </form>
  );
}

export function RetireUnitForm({ unitId, name, retiredFrom, month }: { unitId: number; name: string; retiredFrom: string | null; month: string }) {
  const [state, formAction, pending] = useActionState(setUnitRetiredAction, idle);
  return (
    <form action={formAction} aria-label={retiredFrom ? `恢复“${name}”` : `停用“${name}”`} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="retire" value={retiredFrom ? "false" : "true"} />
      {!retiredFrom && (
        <label className="text-sm text-slate-700">
          自
          <input type="month" name="month" defaultValue={state.values.month ?? month} className="mx-1 rounded-md border border-slate-300 px-2 py-1 text-sm" aria-label="停用月份" />
          起
        </label>
      )}
      <button type="submit" disabled={pending} className={retiredFrom ? secondary : `${secondary} text-red-700`}>{retiredFrom ? "恢复使用" : "停用"}</button>
      {state.status !== "idle" && <ActionMessage state={state} />}
    </form>
  );
}

export function AddAliasForm({ unitId, name }: { unitId: number; name: string }) {
  const [state, formAction, pending] = useActionState(addAliasAction, idle);
  const id = `alias-${unitId}`;
  return (
    <form action={formAction} aria-label={`为“${name}”添加别名`} className="space-y-1">
      <input type="hidden" name="unitId" value={unitId} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-sm text-slate-700">别名</label>
        <input id={id} name="alias" maxLength={60} defaultValue={state.values.alias ?? ""} placeholder="通报中的写法，如：攀枝花市西区"
          aria-describedby={`${id}-error`} aria-invalid={(state.fieldErrors.alias?.length ?? 0) > 0}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        <button type="submit" disabled={pending} className={secondary}>添加别名</button>
      </div>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">{state.status === "invalid" ? state.message : ""}</p>
      {state.status === "done" && <ActionMessage state={state} />}
    </form>
  );
}

export function RemoveAliasButton({ unitId, alias }: { unitId: number; alias: string }) {
  const [state, formAction, pending] = useActionState(removeAliasAction, idle);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="alias" value={alias} />
      <button type="submit" disabled={pending} aria-label={`删除别名“${alias}”`} className="ml-1 rounded px-1 text-slate-500 hover:bg-red-50 hover:text-red-700">×</button>
      {state.status === "invalid" && <ActionMessage state={state} />}
    </form>
  );
}

export function SubUnitIndicatorsForm({ indicators }: { indicators: { key: string; name: string; unit: string; category: string; chosen: boolean }[] }) {
  const [state, formAction, pending] = useActionState(saveSubUnitIndicatorsAction, idle);
  return (
    <form action={formAction} aria-label="镇街填报的指标" className="space-y-3">
      <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {indicators.map((indicator) => (
          <li key={indicator.key}>
            <label className="flex items-start gap-2 py-1 text-sm">
              <input type="checkbox" name="indicator" value={indicator.key} defaultChecked={indicator.chosen} className="mt-1 h-4 w-4" />
              <span>
                {indicator.name}
                <span className="ml-1 text-xs text-slate-500">{indicator.category} · {indicator.unit}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>{pending ? "正在保存…" : "保存镇街指标"}</button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

export function AccountUnitForm({ userId, label, unitId, towns }: { userId: string; label: string; unitId: number | null; towns: { id: number; name: string }[] }) {
  const [state, formAction, pending] = useActionState(setAccountUnitAction, idle);
  const id = `account-unit-${userId}`;
  return (
    <form action={formAction} aria-label={`${label}的单位范围`} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">{label}的单位范围</label>
      <select id={id} name="unit" defaultValue={unitId === null ? "" : String(unitId)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        <option value="">全区（可查看全部单位）</option>
        {towns.map((town) => (
          <option key={town.id} value={town.id}>只限：{town.name}</option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={secondary}>保存</button>
      {state.status !== "idle" && <ActionMessage state={state} />}
    </form>
  );
}
