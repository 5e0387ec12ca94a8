"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { indicatorEditDetail } from "@/lib/audit";
import { KIND_LABELS } from "@/lib/catalog";
import { indicatorEditSchema, parseNewIndicator } from "@/lib/catalog-schema";
import { currentTime } from "@/lib/clock";
import { INVALID_PARAMETER, parseFormBoolean } from "@/lib/form-boolean";
import { formatMonth, monthOfDate } from "@/lib/periods";
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

// what was typed goes back with a refusal or a failure, so the form keeps it
const refused = (refusal: Refusal, [, formData]: [CatalogFormState, FormData]): CatalogFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) });

export const addIndicatorAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const db = getDb();
  const parsed = parseNewIndicator(values, listIndicators(db, { includeRetired: true }).map(toDefinition), monthOfDate(currentTime()));
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
  return {
    status: "done",
    message: `已添加指标“${parsed.indicator.name}”（${parsed.indicator.key}），自${formatMonth(parsed.indicator.inForceFrom)}起出现在月度填报表中。`,
    fieldErrors: {},
    values: {},
  };
});

export const updateIndicatorAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const values = textFields(formData);
  const parsed = indicatorEditSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", message: "请按提示修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const db = getDb();
  const key = values.key ?? "";
  const before = getIndicatorByKey(db, key);
  const updated = db.transaction((tx) => {
    const result = updateIndicator(tx, key, parsed.data);
    if (result.ok && before) {
      recordAudit(tx, { action: "indicator.update", subject: `${before.name}（${key}）`, detail: indicatorEditDetail(before, parsed.data), userId: user.id });
    }
    return result;
  });
  if (!updated.ok && updated.reason === "not-found") return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values };
  if (!updated.ok) {
    const message = "该指标已有数据，单位不能再改：改了单位，已填的历史数值会被按新单位解读。如果省里改了口径，请停用此指标并添加一个新指标。";
    return { status: "invalid", message: "未保存：单位不能修改。", fieldErrors: { unit: [message] }, values };
  }
  revalidatePath("/", "layout");
  return { status: "done", message: `已保存“${parsed.data.name}”。`, fieldErrors: {}, values };
});

export const setIndicatorActiveAction = guarded("catalog:manage", refused, async (user: SessionUser, _previous: CatalogFormState, formData: FormData): Promise<CatalogFormState> => {
  const active = parseFormBoolean(formData.get("active"));
  if (active === null) return { status: "invalid", message: INVALID_PARAMETER, fieldErrors: {}, values: {} };
  const db = getDb();
  const indicator = getIndicatorByKey(db, String(formData.get("key") ?? ""));
  if (!indicator) return { status: "invalid", message: "指标不存在。", fieldErrors: {}, values: {} };
  const month = monthOfDate(currentTime());
  db.transaction((tx) => {
    if (indicator.active !== active && setIndicatorActive(tx, indicator.key, active, month)) {
      recordAudit(tx, {
        action: active ? "indicator.restore" : "indicator.retire",
        subject: `${indicator.name}（${indicator.key}）`,
        detail: active ? "" : `自${formatMonth(month)}起停用`,
        userId: user.id,
      });
    }
  });
  revalidatePath("/", "layout");
  return {
    status: "done",
    message: active
      ? `已恢复“${indicator.name}”。`
      : `已自${formatMonth(month)}起停用“${indicator.name}”：不再出现在之后的填报表和看板；以前月份的数据、季度材料和核对不受影响。`,
    fieldErrors: {},
    values: {},
  };
});
