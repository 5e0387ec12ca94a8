"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { targetLabel } from "@/lib/dashboard";
import { bandsSchema, parseTarget } from "@/lib/target-schema";
import { describeTargetForAudit, recordAudit } from "@/db/audit";
import { getIndicatorByKey, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { setStatusBands } from "@/db/settings";
import { copyTargets, retireTarget, setTarget } from "@/db/targets";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type TargetFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

const refused = (refusal: Refusal): TargetFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: {} });
const done = (message: string): TargetFormState => ({ status: "done", message, fieldErrors: {}, values: {} });

/** Set (or change) one indicator's target for one year; the old one is retired, not rewritten. */
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
      subject: `${parsed.target.year}年“${indicator.name}”目标`,
      detail: `${targetLabel(parsed.target, toDefinition(indicator))}（${parsed.target.source}）`,
      userId: user.id,
      organizationId,
    });
  });
  revalidatePath("/", "layout");
  return done(`已设定${parsed.target.year}年“${indicator.name}”的目标。`);
});

export const retireTargetAction = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const id = z.coerce.number().int().positive().safeParse(formData.get("targetId"));
  if (!id.success) return { status: "invalid", message: "目标无效。", fieldErrors: {}, values: {} };
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  const retired = db.transaction((tx) => {
    const described = describeTargetForAudit(tx, organizationId, id.data);
    if (!retireTarget(tx, { organizationId, targetId: id.data })) return false;
    if (described) recordAudit(tx, { action: "target.retire", ...described, userId: user.id, organizationId });
    return true;
  });
  revalidatePath("/", "layout");
  return retired ? done("已停用该目标；历史记录保留。") : { status: "invalid", message: "该目标已停用。", fieldErrors: {}, values: {} };
});

const yearsSchema = z.object({ fromYear: z.coerce.number().int().min(2000).max(2100), toYear: z.coerce.number().int().min(2000).max(2100) });

export const copyTargetsAction = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const years = yearsSchema.safeParse(textFields(formData));
  if (!years.success || years.data.fromYear === years.data.toYear) {
    return { status: "invalid", message: "请选择另一个年份作为来源。", fieldErrors: {}, values: {} };
  }
  const db = getDb();
  const organizationId = getHomeOrganization(db).id;
  const copied = db.transaction((tx) => {
    const count = copyTargets(tx, { organizationId, ...years.data, userId: user.id });
    if (count > 0) {
      recordAudit(tx, {
        action: "target.copy",
        subject: `${years.data.toYear}年目标`,
        detail: `从${years.data.fromYear}年复制 ${count} 项目标到${years.data.toYear}年`,
        userId: user.id,
        organizationId,
      });
    }
    return count;
  });
  revalidatePath("/", "layout");
  return done(copied === 0 ? `${years.data.toYear}年已有相同的目标，未复制。` : `已把 ${copied} 项目标从${years.data.fromYear}年复制到${years.data.toYear}年。`);
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
