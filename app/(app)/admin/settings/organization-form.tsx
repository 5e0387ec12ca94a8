"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/app/ui/action-message";
import { FormField } from "@/app/ui/form-field";
import { saveOrganization, type SettingsFormState } from "./actions";

const idle: SettingsFormState = { status: "idle", message: "", fieldErrors: {}, values: {} };

export function OrganizationForm({ name, shortName }: { name: string; shortName: string }) {
  const [state, formAction, pending] = useActionState(saveOrganization, idle);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" noValidate aria-label="单位名称">
      <FormField name="name" label="单位全称" defaultValue={state.values.name ?? name} errors={state.fieldErrors.name} hint="显示在看板、季度材料与打印页眉上" />
      <FormField name="shortName" label="简称" defaultValue={state.values.shortName ?? shortName} errors={state.fieldErrors.shortName} hint="用于下载文件名，如“西区科协2026年第一季度工作推进会材料.xlsx”" />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "正在保存…" : "保存名称"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
