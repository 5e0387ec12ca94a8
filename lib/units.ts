/**
 * Units: the district association itself (本单位), the towns and streets below it (下属镇街) and
 * the peer districts beside it (同级单位). Which indicators a town reports is chosen per indicator;
 * a town never holds a provincial rank.
 */
import { z } from "zod";
import type { IndicatorKind } from "./catalog";
import { isMonth, type Month } from "./periods";
import { textRule } from "./text";

export const UNIT_KINDS = ["home", "sub", "peer"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  home: "本单位",
  sub: "下属镇街",
  peer: "同级单位",
};

/** A unit as pages and rules see it. */
export type UnitView = {
  id: number;
  name: string;
  shortName: string;
  kind: UnitKind;
  parentId: number | null;
  /** The first month it no longer reports for; null while in use. */
  retiredFrom: string | null;
};

export function isUnitKind(value: unknown): value is UnitKind {
  return UNIT_KINDS.some((kind) => kind === value);
}

/** Whether a unit takes part in `month` (a unit retired from a month is gone from it on; its history stays). */
export function unitInUse(unit: Pick<UnitView, "retiredFrom">, month: Month): boolean {
  return unit.retiredFrom === null || month < unit.retiredFrom;
}

/** The kinds of indicator a town can report: a town has its own counts, levels and ratios, never a provincial rank. */
export function canApplyToSubUnits(indicator: { kind: IndicatorKind }): boolean {
  return indicator.kind !== "rank";
}

/**
 * The indicators a unit reports: the whole catalog for the district itself, those chosen for
 * towns for a town, and for a peer district whatever its bulletins carry (the whole catalog).
 */
export function catalogForUnit<T extends { kind: IndicatorKind; forSubUnits: boolean }>(
  catalog: readonly T[],
  unit: Pick<UnitView, "kind">,
): T[] {
  return unit.kind === "sub" ? catalog.filter((indicator) => indicator.forSubUnits && canApplyToSubUnits(indicator)) : [...catalog];
}

/** What a page calls a unit in one line: "格里坪镇（下属镇街）". */
export function unitLabel(unit: Pick<UnitView, "name" | "kind">): string {
  return unit.kind === "home" ? unit.name : `${unit.name}（${UNIT_KIND_LABELS[unit.kind]}）`;
}

const nameField = (what: string, min: number, max: number) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(min, min > 1 ? `${what}至少 ${min} 个字` : `请填写${what}`)
    .max(max, `${what}不超过 ${max} 个字`)
    .superRefine(textRule(what));

/** A town's or a peer's names, as an administrator types them (the home unit's are set in 单位设置). */
export const unitSchema = z.object({
  name: nameField("单位名称", 2, 60),
  shortName: nameField("简称", 1, 20).regex(/^[^/\\:*?"<>|]*$/, "简称会用作下载文件名，不能含 / \\ : * ? \" < > |"),
});
export type UnitNames = z.infer<typeof unitSchema>;

export const newUnitSchema = unitSchema.extend({
  kind: z.enum(["sub", "peer"], { message: "请选择单位类型（下属镇街或同级单位）" }),
});
export type NewUnit = z.infer<typeof newUnitSchema>;

/** Another name a bulletin may write for a unit: "攀枝花市西区", "西区科协". */
export const aliasSchema = nameField("别名", 2, 60);

/** A unit id as a form posts it. */
export const unitIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "单位无效")
  .transform(Number);

export const retireMonthSchema = z.string().refine((value) => isMonth(value), "月份应为 YYYY-MM");
