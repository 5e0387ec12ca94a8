/** Which target rules fit which kind of indicator, and the one schema a target crosses. */
import { z } from "zod";
import { isPercentage, type IndicatorDefinition, type IndicatorKind } from "./catalog";
import { decimalPlaces } from "./numbers";
import { readNumberText } from "./number-text";
import { FIRST_YEAR, LAST_YEAR } from "./periods";
import { textRule } from "./text";
import type { Comparator, TargetRule } from "./records";

export const RULES_BY_KIND: Record<IndicatorKind, readonly TargetRule[]> = {
  flow: ["monthly_avg", "monthly_min", "annual_total"],
  stock: ["year_end_level"],
  rate: ["year_end_level"],
  rank: ["rank_at_most"],
};

export const RULE_DESCRIPTIONS: Record<TargetRule, string> = {
  monthly_min: "每个月都不少于 X",
  monthly_avg: "本年已过月份的平均值不少于 X（如“保姆式”服务月均不少于 34 单）",
  annual_total: "全年合计不少于 X，按月平均进度考核（m 个月后应达 X·m/12）",
  year_end_level: "年末数值不低于（或不高于）X，按当前值考核",
  rank_at_most: "全省排名不低于第 N 名（名次越小越好）",
};

/** The comparator a rule implies; only a year-end level may go either way. */
export function comparatorFor(rule: TargetRule, requested: Comparator | undefined): Comparator {
  if (rule === "rank_at_most") return "at_most";
  if (rule === "year_end_level") return requested ?? "at_least";
  return "at_least";
}

/** A target as set: from its first year onward ("standing"), or for that one year ("single"). */
export type TargetInput = { fromYear: number; untilYear: number | null; rule: TargetRule; comparator: Comparator; value: number; source: string };

export const TARGET_SPANS = ["standing", "single"] as const;

const fieldsSchema = z.object({
  year: z.coerce
    .number({ message: "请填写年份" })
    .int("年份应为整数")
    .min(FIRST_YEAR, `年份应在 ${FIRST_YEAR}–${LAST_YEAR} 之间`)
    .max(LAST_YEAR, `年份应在 ${FIRST_YEAR}–${LAST_YEAR} 之间`),
  rule: z.enum(["monthly_min", "monthly_avg", "annual_total", "year_end_level", "rank_at_most"], { message: "请选择考核方式" }),
  comparator: z.enum(["at_least", "at_most"]).optional(),
  value: z.string({ message: "请填写目标值" }),
  source: z
    .string()
    .trim()
    .min(1, "请注明目标来源，如“省科协要求”")
    .max(100, "来源说明不超过 100 字")
    .superRefine(textRule("来源说明")),
  span: z.enum(TARGET_SPANS, { message: "请选择适用年份" }).default("standing"),
});

export type TargetParseResult = { ok: true; target: TargetInput } | { ok: false; fieldErrors: Record<string, string[]> };

/** Validate a target for `indicator`: the rule must fit its kind, the value its unit and decimals. */
export function parseTarget(
  indicator: Pick<IndicatorDefinition, "kind" | "unit" | "decimals">,
  input: Readonly<Record<string, unknown>>,
): TargetParseResult {
  const parsed = fieldsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "")] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const { year, rule, comparator, source, span } = parsed.data;
  if (!RULES_BY_KIND[indicator.kind].includes(rule)) {
    return { ok: false, fieldErrors: { rule: ["该考核方式不适用于此类指标"] } };
  }
  const read = readNumberText(parsed.data.value);
  if (!read.ok) return { ok: false, fieldErrors: { value: [read.error] } };
  const valueError = checkValue(indicator, rule, read.text);
  if (valueError) return { ok: false, fieldErrors: { value: [valueError] } };
  const value = Number(read.text);
  return {
    ok: true,
    target: { fromYear: year, untilYear: span === "single" ? year : null, rule, comparator: comparatorFor(rule, comparator), value, source },
  };
}

/** Largest target accepted, as for the figures themselves (lib/entry-schema.ts). */
const MAX_TARGET = 1e12;

function checkValue(indicator: Pick<IndicatorDefinition, "unit" | "decimals">, rule: TargetRule, text: string): string | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return "目标值应为不小于 0 的数字";
  const value = Number(text);
  if (value > MAX_TARGET) return "目标值过大，请核对";
  if (rule === "rank_at_most") return Number.isInteger(value) && value >= 1 ? null : "名次应为不小于 1 的整数";
  // an average may carry one decimal more than the figures it averages (e.g. 33.5 单)
  const allowed = indicator.decimals + (rule === "monthly_avg" ? 1 : 0);
  if (decimalPlaces(text) > allowed) return allowed === 0 ? "目标值应为整数" : `目标值最多保留 ${allowed} 位小数`;
  if (isPercentage(indicator) && value > 100) return "百分比应在 0 到 100 之间";
  return null;
}

export const bandsSchema = z
  .object({
    green: z.coerce.number({ message: "请填写百分比" }).min(50, "应在 50–200 之间").max(200, "应在 50–200 之间"),
    amber: z.coerce.number({ message: "请填写百分比" }).min(0, "应在 0–200 之间").max(200, "应在 0–200 之间"),
  })
  .refine((bands) => bands.amber < bands.green, { path: ["amber"], message: "“接近”线应低于“达标”线" });
