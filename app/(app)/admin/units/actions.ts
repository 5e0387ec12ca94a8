"use server";

import { currentTime } from "@/lib/clock";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formBooleanSchema, INVALID_PARAMETER } from "@/lib/form-boolean";
import { monthOfDate } from "@/lib/periods";
import { aliasSchema, newUnitSchema, retireMonthSchema, unitIdSchema, unitSchema, UNIT_KIND_LABELS } from "@/lib/units";
import { formatMonth } from "@/lib/periods";
import { recordAudit } from "@/db/audit";
import { listIndicators, setSubUnitIndicators } from "@/db/catalog";
import { getDb, type Db } from "@/db/client";
import {
  addAlias,
  addUnit,
  getHomeOrganization,
  getUnit,
  removeAlias,
  renameUnit,
  setUnitRetired,
  setUserUnit,
  unitNameClash,
} from "@/db/organizations";
import type { Organization } from "@/db/schema";
import { getAccount } from "@/db/users";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type UnitFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

const refused = (refusal: Refusal, [, formData]: [UnitFormState, FormData]): UnitFormState => ({
  status: "refused",
  message: refusal.message,
  fieldErrors: {},
  values: textFields(formData),
});
const invalid = (message: string, values: Record<string, string> = {}, fieldErrors: UnitFormState["fieldErrors"] = {}): UnitFormState => ({
  status: "invalid",
  message,
  fieldErrors,
  values,
});
const done = (message: string): UnitFormState => ({ status: "done", message, fieldErrors: {}, values: {} });

function changed(): void {
  revalidatePath("/", "layout");
}

/** A town or a peer named in a form, or why not. */
function unitOf(db: Db, raw: string | undefined): { ok: true; unit: Organization } | { ok: false; message: string } {
  const id = unitIdSchema.safeParse(raw ?? "");
  const unit = id.success ? getUnit(db, id.data) : undefined;
  if (!unit) return { ok: false, message: "单位不存在，未做任何修改。" };
  return { ok: true, unit };
}

/** Add a town (下属镇街) or a peer district (同级单位). */
export const addUnitAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["name", "shortName", "kind"]);
  const parsed = newUnitSchema.safeParse(values);
  if (!parsed.success) return invalid("请按提示修改后再提交，未做任何修改。", values, z.flattenError(parsed.error).fieldErrors);
  const db = getDb();
  const clash = unitNameClash(db, parsed.data.kind, [parsed.data.name, parsed.data.shortName], null);
  if (clash) return invalid(`${clash}，未做任何修改。`, values, { name: [clash] });
  const unit = db.transaction((tx) => {
    const added = addUnit(tx, parsed.data);
    recordAudit(tx, {
      action: "unit.add",
      subject: added.name,
      detail: `${UNIT_KIND_LABELS[added.kind]}，简称“${added.shortName}”`,
      userId: user.id,
      organizationId: getHomeOrganization(tx).id,
    });
    return added;
  });
  changed();
  return done(`已添加${UNIT_KIND_LABELS[unit.kind]}“${unit.name}”。`);
});

/** Rename a town or a peer (the home unit's names are set in 单位设置). */
export const renameUnitAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["unitId", "name", "shortName"]);
  const db = getDb();
  const found = unitOf(db, values.unitId);
  if (!found.ok) return invalid(found.message, values);
  if (found.unit.kind === "home") return invalid("本单位的名称请在“单位设置”中修改，未做任何修改。", values);
  const parsed = unitSchema.safeParse(values);
  if (!parsed.success) return invalid("请按提示修改后再保存，未做任何修改。", values, z.flattenError(parsed.error).fieldErrors);
  const clash = unitNameClash(db, found.unit.kind, [parsed.data.name, parsed.data.shortName], found.unit.id);
  if (clash) return invalid(`${clash}，未做任何修改。`, values, { name: [clash] });
  if (parsed.data.name === found.unit.name && parsed.data.shortName === found.unit.shortName) return done("名称没有改动。");
  db.transaction((tx) => {
    renameUnit(tx, found.unit.id, parsed.data);
    recordAudit(tx, {
      action: "unit.rename",
      subject: found.unit.name,
      detail: `改为“${parsed.data.name}”，简称“${parsed.data.shortName}”`,
      userId: user.id,
      organizationId: getHomeOrganization(tx).id,
    });
  });
  changed();
  return done(`已改名为“${parsed.data.name}”（简称“${parsed.data.shortName}”）。`);
});

const retireSchema = z.object({
  retire: formBooleanSchema,
  month: z.string().optional(),
});

/** Retire a town or a peer from a month on (it leaves pickers and league tables from then; its history stays), or bring it back. */
export const setUnitRetiredAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["unitId", "retire", "month"]);
  const db = getDb();
  const found = unitOf(db, values.unitId);
  if (!found.ok) return invalid(found.message, values);
  if (found.unit.kind === "home") return invalid("本单位不能停用。", values);
  const parsed = retireSchema.safeParse(values);
  if (!parsed.success) return invalid(INVALID_PARAMETER, values);
  const retire = parsed.data.retire;
  const month = retire ? retireMonthSchema.safeParse(parsed.data.month || monthOfDate(currentTime())) : null;
  if (month && !month.success) return invalid("停用月份应为 YYYY-MM，未做任何修改。", values, { month: ["停用月份应为 YYYY-MM"] });
  const from = month?.success ? month.data : null;
  if (retire === (found.unit.retiredFrom !== null) && from === found.unit.retiredFrom) return done("没有改动。");
  db.transaction((tx) => {
    setUnitRetired(tx, found.unit.id, from);
    recordAudit(tx, {
      action: retire ? "unit.retire" : "unit.restore",
      subject: found.unit.name,
      detail: from ? `自${formatMonth(from)}起停用` : "恢复使用",
      userId: user.id,
      organizationId: getHomeOrganization(tx).id,
    });
  });
  changed();
  return done(from ? `“${found.unit.name}”自${formatMonth(from)}起停用；以前的数据与目标保留。` : `“${found.unit.name}”已恢复使用。`);
});

/** Another name a bulletin writes for a unit. */
export const addAliasAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["unitId", "alias"]);
  const db = getDb();
  const found = unitOf(db, values.unitId);
  if (!found.ok) return invalid(found.message, values);
  const alias = aliasSchema.safeParse(values.alias ?? "");
  if (!alias.success) return invalid(alias.error.issues[0]?.message ?? "别名无效", values, { alias: alias.error.issues.map((issue) => issue.message) });
  const clash = unitNameClash(db, found.unit.kind, [alias.data], found.unit.id);
  if (clash) return invalid(`${clash}，未做任何修改。`, values, { alias: [clash] });
  const added = db.transaction((tx) => {
    if (!addAlias(tx, { organizationId: found.unit.id, alias: alias.data, createdBy: user.id })) return false;
    recordAudit(tx, { action: "unit.alias", subject: found.unit.name, detail: `别名“${alias.data}”`, userId: user.id, organizationId: getHomeOrganization(tx).id });
    return true;
  });
  changed();
  return added ? done(`已为“${found.unit.name}”添加别名“${alias.data}”。`) : done(`“${found.unit.name}”已有别名“${alias.data}”。`);
});

export const removeAliasAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["unitId", "alias"]);
  const db = getDb();
  const found = unitOf(db, values.unitId);
  if (!found.ok) return invalid(found.message, values);
  const alias = values.alias ?? "";
  const removed = db.transaction((tx) => {
    if (!removeAlias(tx, found.unit.id, alias)) return false;
    recordAudit(tx, { action: "unit.unalias", subject: found.unit.name, detail: `别名“${alias}”`, userId: user.id, organizationId: getHomeOrganization(tx).id });
    return true;
  });
  if (!removed) return invalid("该别名不存在，未做任何修改。", values);
  changed();
  return done(`已删除“${found.unit.name}”的别名“${alias}”。`);
});

/** Which indicators towns report (ranks never): exactly the ones ticked. */
export const saveSubUnitIndicatorsAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const db = getDb();
  const catalog = listIndicators(db, { includeRetired: true });
  const posted = formData.getAll("indicator").map(String);
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const unknown = posted.filter((key) => !byKey.has(key));
  if (unknown.length > 0 || posted.length > catalog.length) return invalid("指标无效，未做任何修改。");
  const ranks = posted.filter((key) => byKey.get(key)?.kind === "rank");
  if (ranks.length > 0) return invalid("排名指标不适用于镇街（镇街没有全省排名），未做任何修改。");
  const result = db.transaction((tx) => {
    const outcome = setSubUnitIndicators(tx, new Set(posted));
    if (outcome.added.length + outcome.removed.length > 0) {
      const names = (keys: string[]) => keys.map((key) => byKey.get(key)?.name ?? key).join("、");
      recordAudit(tx, {
        action: "unit.indicators",
        subject: "镇街填报的指标",
        detail: [outcome.added.length > 0 ? `增加：${names(outcome.added)}` : "", outcome.removed.length > 0 ? `取消：${names(outcome.removed)}` : ""].filter(Boolean).join("；"),
        userId: user.id,
        organizationId: getHomeOrganization(tx).id,
      });
    }
    return outcome;
  });
  changed();
  if (result.added.length + result.removed.length === 0) return done("没有改动。");
  return done(`已保存：镇街填报 ${posted.length} 项指标（增加 ${result.added.length} 项、取消 ${result.removed.length} 项）。镇街已填的数据保留。`);
});

/** Limit a staff or viewer account to one town, or let it see the whole district again. */
export const setAccountUnitAction = guarded("units:manage", refused, async (user: SessionUser, _previous: UnitFormState, formData: FormData): Promise<UnitFormState> => {
  const values = textFields(formData, ["userId", "unit"]);
  const db = getDb();
  const account = values.userId ? getAccount(db, values.userId) : undefined;
  if (!account) return invalid("账号不存在，未做任何修改。", values);
  if (account.role === "admin") return invalid("管理员管理全部单位，不能限定为某个镇街。", values);
  let unit: Organization | null = null;
  if (values.unit) {
    const found = unitOf(db, values.unit);
    if (!found.ok) return invalid(found.message, values);
    if (found.unit.kind !== "sub") return invalid("账号只能限定为某个下属镇街；不限定即可查看全区。", values);
    unit = found.unit;
  }
  const who = `${account.name}（${account.username}）`;
  const changedIt = db.transaction((tx) => {
    if (!setUserUnit(tx, { userId: account.id, organizationId: unit?.id ?? null, assignedBy: user.id })) return false;
    recordAudit(tx, { action: "unit.account", subject: who, detail: unit ? `限定为“${unit.name}”` : "可查看全区", userId: user.id, organizationId: getHomeOrganization(tx).id });
    return true;
  });
  changed();
  if (!changedIt) return done("没有改动。");
  return done(unit ? `${who}此后只能查看和填报“${unit.name}”的数据。` : `${who}此后可查看全区及各镇街的数据。`);
});
