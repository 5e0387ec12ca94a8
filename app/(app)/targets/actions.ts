"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { inForceText, targetLabel } from "@/lib/judgement";
import { bandsSchema, parseTarget } from "@/lib/target-schema";
import { describeTargetForAudit, recordAudit } from "@/db/audit";
import { getIndicatorByKey, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { setStatusBands } from "@/db/settings";
import { retireTarget, setTarget } from "@/db/targets";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type TargetFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

// what was typed goes back with a refusal or a failure, so the form keeps it
const refused = (refusal: Refusal, [, formData]: [TargetFormState, FormData]): TargetFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) });
const done = (message: string): TargetFormState => ({ status: "done", message, fieldErrors: {}, values: {} });

/** Set (or change) one indicator's target from a year on (or for that year only); the old one is kept in the history. */
export const saveTarget = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const values = textFields(formData);
  const db = getDb();
  const indicator = getIndicatorByKey(db, values.indicator ?? "");
  if (!indicator) return { status: "invalid", message: "请选择指标。", fieldErrors: { indicator: ["请选择指标"] }, values };
  const parsed = parseTarget(indicator, values);
  if (!parsed.ok) return { status: "invalid", message: "请按提示修改后再提交。", fieldErrors: parsed.fieldErrors, values };
  const organizationId = getHomeOrganization(db).id;
  db.transaction((tx) => {
    setTarget(tx, { organizationId, indicatorId: indicator.id, target: parsed.target, userId: user.id });
    recordAudit(tx, {
      action: "target.set",
      subject: `“${indicator.name}”目标（${inForceText(parsed.target)}）`,
      detail: `${targetLabel(parsed.target, toDefinition(indicator))}（${parsed.target.source}）`,
      userId: user.id,
      organizationId,
    });
  });
  revalidatePath("/", "layout");
  const { fromYear, untilYear } = parsed.target;
  return done(`已设定“${indicator.name}”的目标，${untilYear === null ? `自${fromYear}年起有效` : `只适用于${fromYear}年`}。`);
});

const retireSchema = z.object({
  targetId: z.coerce.number().int().positive(),
  fromYear: z.coerce.number().int().min(2000).max(2100),
});

/** Retire a target from a year on: earlier years keep being judged by it. */
export const retireTargetAction = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const parsed = retireSchema.safeParse(textFields(formData));
  if (!parsed.success) return { status: "invalid", message: "目标或年份无效，未做任何修改。", fieldErrors: {}, values: {} };
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  const retired = db.transaction((tx) => {
    const described = describeTargetForAudit(tx, organizationId, parsed.data.targetId);
    if (!retireTarget(tx, { organizationId, ...parsed.data })) return false;
    if (described) {
      recordAudit(tx, { action: "target.retire", ...described, detail: `${described.detail}，自${parsed.data.fromYear}年起停用`, userId: user.id, organizationId });
    }
    return true;
  });
  revalidatePath("/", "layout");
  return retired
    ? done(`已自${parsed.data.fromYear}年起停用该目标；以前年份不变，记录保留。`)
    : { status: "invalid", message: "该目标已停用。", fieldErrors: {}, values: {} };
});

export const saveBands = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const values = textFields(formData);
  const parsed = bandsSchema.safeParse(values);
  if (!parsed.success) {
    return { status: "invalid", message: "请按提示修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  const db = getDb();
  db.transaction((tx) => {
    setStatusBands(tx, { green: parsed.data.green / 100, amber: parsed.data.amber / 100 });
    recordAudit(tx, {
      action: "settings.bands",
      subject: "目标状态阈值",
      detail: `达成 ${parsed.data.green}% 及以上为达标，${parsed.data.amber}% 及以上为接近`,
      userId: user.id,
      organizationId: getHomeOrganization(tx).id,
    });
  });
  revalidatePath("/", "layout");
  return done(`已更新：达成 ${parsed.data.green}% 及以上为达标，${parsed.data.amber}% 及以上为接近。`);
});
