"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { indicatorEditSchema, parseNewIndicator } from "@/lib/catalog-schema";
import { addIndicator, getIndicatorByKey, listIndicators, setIndicatorActive, toDefinition, updateIndicator } from "@/db/catalog";
import { getDb } from "@/db/client";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type CatalogFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

// what was typed goes back with a refusal or a failure, so the form keeps it
const refused = (refusal: Refusal, [, formData]: [CatalogFormState, FormData]): CatalogFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) });

export const addIndicatorAction = guarded("catalog:manage", refused, async (_user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const db = getDb();
  const parsed = parseNewIndicator(values, listIndicators(db, { includeRetired: true }).map(toDefinition));
  if (!parsed.ok) return { status: "invalid", message: "请按提示修改后再提交。", fieldErrors: parsed.fieldErrors, values };
  addIndicator(db, parsed.indicator);
  revalidatePath("/", "layout");
  return { status: "done", message: `已添加指标“${parsed.indicator.name}”（${parsed.indicator.key}），月度填报表中已出现。`, fieldErrors: {}, values: {} };
});

export const updateIndicatorAction = guarded("catalog:manage", refused, async (_user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const parsed = indicatorEditSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", message: "请按提示修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const db = getDb();
  const key = values.key ?? "";
  if (!updateIndicator(db, key, parsed.data)) return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values };
  revalidatePath("/", "layout");
  return { status: "done", message: `已保存“${parsed.data.name}”。`, fieldErrors: {}, values };
});

export const setIndicatorActiveAction = guarded("catalog:manage", refused, async (_user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const db = getDb();
  const indicator = getIndicatorByKey(db, String(formData.get("key") ?? ""));
  if (!indicator) return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values: {} };
  const active = formData.get("active") === "true";
  setIndicatorActive(db, indicator.key, active);
  revalidatePath("/", "layout");
  return {
    status: "done",
    message: active ? `已恢复“${indicator.name}”。` : `已停用“${indicator.name}”：不再出现在填报表和看板，历史数据保留。`,
    fieldErrors: {},
    values: {},
  };
});
