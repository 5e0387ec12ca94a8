"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ALLOCATION_METHOD_LABELS, allocate, describeSum, isAllocatable } from "@/lib/allocation";
import { readAllocationForm } from "@/lib/allocation-form";
import { formatExact } from "@/lib/format";
import { inForceText, targetLabel } from "@/lib/judgement";
import { makeMonth } from "@/lib/periods";
import { bandsSchema, parseTarget } from "@/lib/target-schema";
import { unitInUse } from "@/lib/units";
import { describeTargetForAudit, recordAudit } from "@/db/audit";
import { getIndicatorByKey, listUnitIndicators, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { getHomeOrganization, listUnits } from "@/db/organizations";
import { setStatusBands } from "@/db/settings";
import { listTargets, retireTarget, setTarget } from "@/db/targets";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import { actionUnit } from "@/app/_auth/scope";
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
  const unit = actionUnit(user, formData);
  if (!unit.ok) return { status: "refused", message: unit.message, fieldErrors: {}, values };
  // a town's target is for an indicator towns report
  const indicator = listUnitIndicators(db, unit.unit).find((candidate) => candidate.key === values.indicator);
  if (!indicator) return { status: "invalid", message: "请选择指标。", fieldErrors: { indicator: ["请选择指标"] }, values };
  const parsed = parseTarget(indicator, values);
  if (!parsed.ok) return { status: "invalid", message: "请按提示修改后再提交。", fieldErrors: parsed.fieldErrors, values };
  const organizationId = unit.unit.id;
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
  const whose = unit.unit.kind === "home" ? "" : `${unit.unit.name}`;
  return done(`已设定${whose}“${indicator.name}”的目标，${untilYear === null ? `自${fromYear}年起有效` : `只适用于${fromYear}年`}。`);
});

const retireSchema = z.object({
  targetId: z.coerce.number().int().positive(),
  fromYear: z.coerce.number().int().min(2000).max(2100),
});

/** Retire a target from a year on: earlier years keep being judged by it. */
export const retireTargetAction = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const parsed = retireSchema.safeParse(textFields(formData));
  if (!parsed.success) return { status: "invalid", message: "目标或年份无效，未做任何修改。", fieldErrors: {}, values: {} };
  const unit = actionUnit(user, formData);
  if (!unit.ok) return { status: "refused", message: unit.message, fieldErrors: {}, values: {} };
  const db = getDb();
  const organizationId = unit.unit.id;
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

const allocationSchema = z.object({
  targetId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
});

/**
 * Split a district target among the towns in use that year (equal, by weight, or typed), each share
 * becoming the town's own target of the same rule from that year on (or for that year, as the
 * district's is), replacing what the town had; the sum is set against the district's target.
 */
export const allocateTarget = guarded("targets:manage", refused, async (user: SessionUser, _previous: TargetFormState, formData: FormData): Promise<TargetFormState> => {
  const values = textFields(formData);
  const ids = allocationSchema.safeParse(values);
  if (!ids.success) return { status: "invalid", message: "目标或年份无效，未做任何修改。", fieldErrors: {}, values };
  const db = getDb();
  const home = getHomeOrganization(db);
  const target = listTargets(db, home.id).find((candidate) => candidate.id === ids.data.targetId && !candidate.withdrawn);
  const indicator = target ? getIndicatorByKey(db, target.key) : undefined;
  if (!target || !indicator) return { status: "invalid", message: "该区目标不存在或已撤回，未做任何修改。", fieldErrors: {}, values };
  if (!isAllocatable(indicator) || !indicator.forSubUnits) {
    return { status: "invalid", message: `“${indicator.name}”不能分配到镇街（只有镇街填报的数量类指标可以分配）。`, fieldErrors: {}, values };
  }
  const year = ids.data.year;
  const towns = listUnits(db, ["sub"]).filter((town) => unitInUse(town, makeMonth(year, 1)));
  const read = readAllocationForm(values, towns.map((town) => town.id), indicator.decimals);
  if (!read.ok) return { status: "invalid", message: read.message, fieldErrors: read.fieldErrors, values };
  const outcome = allocate(target.value, indicator.decimals, read.request);
  if (!outcome.ok) return { status: "invalid", message: `${outcome.message}，未做任何修改。`, fieldErrors: {}, values };
  const { allocation } = outcome;
  const source = `按区目标分配（${ALLOCATION_METHOD_LABELS[allocation.method]}）`;
  const definition = toDefinition(indicator);
  const untilYear = target.untilYear === null ? null : Math.max(year, target.untilYear);
  // every share crosses the same checks as a target typed by hand
  const parsedShares = allocation.shares.map((share) => ({
    share,
    parsed: parseTarget(indicator, { year: String(year), rule: target.rule, comparator: target.comparator, value: String(share.share), source, span: "standing" }),
  }));
  const badShare = parsedShares.find((entry) => !entry.parsed.ok);
  if (badShare) return { status: "invalid", message: "分配结果无法设为目标，未做任何修改。", fieldErrors: {}, values };
  const sumText = describeSum(allocation.comparison, indicator.decimals, indicator.unit);
  db.transaction((tx) => {
    for (const { share, parsed } of parsedShares) {
      if (!parsed.ok) continue;
      setTarget(tx, { organizationId: share.unit, indicatorId: indicator.id, target: { ...parsed.target, untilYear }, userId: user.id });
    }
    const names = new Map(towns.map((town) => [town.id, town.name]));
    recordAudit(tx, {
      action: "target.allocate",
      subject: `“${indicator.name}”区目标（${targetLabel(target, definition)}，${inForceText({ fromYear: year, untilYear })}）`,
      detail: `${ALLOCATION_METHOD_LABELS[allocation.method]}：${allocation.shares.map((share) => `${names.get(share.unit) ?? share.unit} ${formatExact(share.share, definition)}`).join("、")}；${sumText}`,
      userId: user.id,
      organizationId: home.id,
    });
  });
  revalidatePath("/", "layout");
  const blank = allocation.blank.length > 0 ? `；${allocation.blank.length} 个镇街未填写，保持原目标` : "";
  return done(`已将“${indicator.name}”的区目标分配到 ${allocation.shares.length} 个镇街（${ALLOCATION_METHOD_LABELS[allocation.method]}）：${sumText}${blank}。`);
});
