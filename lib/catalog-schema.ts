/**
 * Changes to the catalog: the province adds, renames and retires indicators from year to year.
 * A key never changes (forms, imports and history rely on it); an indicator is retired, never deleted.
 */
import { z } from "zod";
import { INDICATOR_KINDS, PARENT_RELATIONS, type IndicatorDefinition } from "./catalog";
import { isMonth, type Month } from "./periods";

export const INDICATOR_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** An indicator's definition: what is counted, where to read it, whether its 累计 runs over years. */
export const DESCRIPTION_MAX = 600;

const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);

/** What may change on an existing indicator without touching the meaning of its stored figures. */
export const indicatorEditSchema = z.object({
  name: text("名称", 40),
  unit: text("单位", 10),
  category: text("类别", 20),
  description: z.string().trim().max(DESCRIPTION_MAX, `定义不超过 ${DESCRIPTION_MAX} 字`).default(""),
  sortOrder: z.coerce.number({ message: "排序应为整数" }).int("排序应为整数").min(0, "排序应为非负整数").max(100000, "排序过大"),
});

export type IndicatorEdit = z.infer<typeof indicatorEditSchema>;

const optionalKey = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value));

export const newIndicatorSchema = indicatorEditSchema.extend({
  key: z.string().trim().regex(INDICATOR_KEY_PATTERN, "键名为 2–40 位小写字母、数字或下划线，以字母开头"),
  kind: z.enum(INDICATOR_KINDS, { message: "请选择类型" }),
  decimals: z.coerce.number({ message: "小数位应为 0–4 的整数" }).int("小数位应为 0–4 的整数").min(0, "小数位应为 0–4 的整数").max(4, "小数位应为 0–4 的整数"),
  parentKey: optionalKey,
  parentRelation: z.preprocess((value) => (value === "" ? undefined : value), z.enum(PARENT_RELATIONS, { message: "请选择与所属指标的关系" }).optional()),
  accumulatesKey: optionalKey,
  ranksKey: optionalKey,
  inForceFrom: z.string().trim().default(""),
});

export type NewIndicator = Omit<IndicatorDefinition, "direction"> & { sortOrder: number; inForceFrom: Month };

export type NewIndicatorResult = { ok: true; indicator: NewIndicator } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Validate a new indicator against the catalog it joins: its key is new, its links point at the
 * right kinds, and it is reported from a month (`today`'s unless another is given).
 */
export function parseNewIndicator(input: Readonly<Record<string, unknown>>, catalog: readonly IndicatorDefinition[], today: Month): NewIndicatorResult {
  const parsed = newIndicatorSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const data = parsed.data;
  const errors: Record<string, string[]> = {};
  const find = (key: string | null) => (key ? catalog.find((indicator) => indicator.key === key) : undefined);
  if (find(data.key)) errors.key = ["该键名已存在（已停用的指标也保留键名）"];
  if (data.kind === "rank" && data.decimals !== 0) errors.decimals = ["排名没有小数"];
  if (data.kind === "rank" && data.unit !== "名") errors.unit = ["排名的单位应为“名”"];
  if (data.parentKey) {
    const parent = find(data.parentKey);
    if (!parent) errors.parentKey = ["所属指标不存在"];
    else if (parent.kind !== data.kind) errors.parentKey = ["细分指标应与所属指标类型相同"];
    if (!data.parentRelation) errors.parentRelation = ["请选择与所属指标的关系"];
  }
  if (data.accumulatesKey) {
    if (data.kind !== "stock") errors.accumulatesKey = ["只有累计类指标可以对应一个新增类指标"];
    else if (find(data.accumulatesKey)?.kind !== "flow") errors.accumulatesKey = ["对应的应为新增类指标"];
  }
  if (data.ranksKey) {
    if (data.kind !== "rank") errors.ranksKey = ["只有排名类指标可以注明排名对象"];
    else if (!find(data.ranksKey) || find(data.ranksKey)?.kind === "rank") errors.ranksKey = ["排名对象应为已有的非排名指标"];
  }
  const inForceFrom = data.inForceFrom === "" ? today : data.inForceFrom;
  if (!isMonth(inForceFrom) || inForceFrom < "2000-01") errors.inForceFrom = ["起始月份应写作 YYYY-MM，例如 2026-01"];
  if (Object.keys(errors).length > 0 || !isMonth(inForceFrom)) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    indicator: {
      key: data.key,
      name: data.name,
      unit: data.unit,
      category: data.category,
      kind: data.kind,
      decimals: data.decimals,
      description: data.description,
      sortOrder: data.sortOrder,
      parentKey: data.parentKey,
      parentRelation: data.parentKey ? (data.parentRelation ?? null) : null,
      accumulatesKey: data.accumulatesKey,
      ranksKey: data.ranksKey,
      inForceFrom,
    },
  };
}
