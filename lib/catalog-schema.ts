/**
 * Changes to the catalog: the province adds, renames and retires indicators from year to year.
 * A key never changes (forms, imports and history rely on it); an indicator is retired, never deleted.
 */
import { z } from "zod";
import { INDICATOR_KINDS, PARENT_RELATIONS, type IndicatorDefinition } from "./catalog";
import { isMonth, type Month } from "./periods";
import { multiLineText, singleLineText } from "./text";

export const INDICATOR_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

/** An indicator's definition: what is counted, where to read it, whether its 累计 runs over years. */
export const DESCRIPTION_MAX = 600;

/**
 * Field names the forms use for themselves, which a key must never take: an indicator's key is the
 * name of its input on the entry form (and a column of imports and exports), and its rank details
 * are `KEY__of`, `KEY__above`, `KEY__below` — so no key may contain `__` either.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  "month", "period", "quarter", "year", "organization", "unit", "units", "key", "name", "value", "values",
  "source", "note", "comment", "comments", "overall", "status", "message", "version", "expected", "base",
  "next", "action", "file", "paste", "username", "password", "confirm", "role", "indicator", "indicators",
]);

export function keyProblem(key: string): string | null {
  if (!INDICATOR_KEY_PATTERN.test(key)) return "键名为 2–40 位小写字母、数字或下划线，以字母开头";
  if (key.includes("__")) return "键名不能含连续两个下划线（“__”留给排名的补充字段）";
  if (key.endsWith("_")) return "键名不能以下划线结尾";
  if (RESERVED_KEYS.has(key)) return `“${key}”是表单自用的字段名，请换一个键名`;
  return null;
}

/** What may change on an existing indicator without touching the meaning of its stored figures. */
export const indicatorEditSchema = z.object({
  name: singleLineText("名称", { max: 40 }),
  unit: singleLineText("单位", { max: 10 }),
  category: singleLineText("类别", { max: 20 }),
  description: z.string().trim().pipe(multiLineText("定义", { max: DESCRIPTION_MAX })).default(""),
  sortOrder: z.coerce.number({ message: "排序应为整数" }).int("排序应为整数").min(0, "排序应为非负整数").max(100000, "排序过大"),
});

export type IndicatorEdit = z.infer<typeof indicatorEditSchema>;

const optionalKey = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value));

export const newIndicatorSchema = indicatorEditSchema.extend({
  key: z
    .string()
    .trim()
    .superRefine((key, ctx) => {
      const problem = keyProblem(key);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
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
