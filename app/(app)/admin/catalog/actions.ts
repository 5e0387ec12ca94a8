"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { indicatorEditDetail } from "@/lib/audit";
import { KIND_LABELS } from "@/lib/catalog";
import { indicatorEditSchema, parseNewIndicator } from "@/lib/catalog-schema";
import { recordAudit } from "@/db/audit";
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

const refused = (refusal: Refusal): CatalogFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: {} });

export const addIndicatorAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const db = getDb();
  const parsed = parseNewIndicator(values, listIndicators(db, { includeRetired: true }).map(toDefinition));
  if (!parsed.ok) return { status: "invalid", message: "请按提示修改后再提交。", fieldErrors: parsed.fieldErrors, values };
  const added = parsed.indicator;
  db.transaction((tx) => {
    addIndicator(tx, added);
    recordAudit(tx, {
      action: "indicator.add",
      subject: `${added.name}（${added.key}）`,
      detail: `${added.category} · ${KIND_LABELS[added.kind]} · 单位 ${added.unit} · 小数 ${added.decimals} 位`,
      userId: user.id,
    });
  });
  revalidatePath("/", "layout");
  return { status: "done", message: `已添加指标“${parsed.indicator.name}”（${parsed.indicator.key}），月度填报表中已出现。`, fieldErrors: {}, values: {} };
});

export const updateIndicatorAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const parsed = indicatorEditSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", message: "请按提示修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const db = getDb();
  const key = values.key ?? "";
  const before = getIndicatorByKey(db, key);
  const updated = db.transaction((tx) => {
    if (!before || !updateIndicator(tx, key, parsed.data)) return false;
    recordAudit(tx, { action: "indicator.update", subject: `${before.name}（${key}）`, detail: indicatorEditDetail(before, parsed.data), userId: user.id });
    return true;
  });
  if (!updated) return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values };
  revalidatePath("/", "layout");
  return { status: "done", message: `已保存“${parsed.data.name}”。`, fieldErrors: {}, values };
});

export const setIndicatorActiveAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const db = getDb();
  const indicator = getIndicatorByKey(db, String(formData.get("key") ?? ""));
  if (!indicator) return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values: {} };
  const active = formData.get("active") === "true";
  db.transaction((tx) => {
    if (indicator.active !== active && setIndicatorActive(tx, indicator.key, active)) {
      recordAudit(tx, { action: active ? "indicator.restore" : "indicator.retire", subject: `${indicator.name}（${indicator.key}）`, userId: user.id });
    }
  });
  revalidatePath("/", "layout");
  return {
    status: "done",
    message: active ? `已恢复“${indicator.name}”。` : `已停用“${indicator.name}”：不再出现在填报表和看板，历史数据保留。`,
    fieldErrors: {},
    values: {},
  };
});
