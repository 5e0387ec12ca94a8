/**
 * The one schema every monthly figure crosses, whether typed into the form, imported or scripted.
 * Inputs arrive as text; a blank means "not reported" (null), never 0.
 */
import { z } from "zod";
import { isPercentage, type IndicatorDefinition } from "./catalog";
import { decimalPlaces } from "./numbers";
import { isMonth, type Month } from "./periods";

export type EntryField = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals">;

/**
 * A reported figure; `rankedUnits` is N in "第k名（共N）" for a rank, when the bulletin gives it
 * (left out when the input did not carry the field, so the stored N stays as it is).
 */
export type EnteredFigure = { value: number | null; rankedUnits?: number | null };

/** Largest figure accepted: far above any count, sum or rate the platform reports. */
const MAX_FIGURE = 1e12;
const MAX_RANKED_UNITS = 100_000;

/** The form field that holds N, the number of units ranked, next to a rank. */
export function rankedUnitsField(key: string): string {
  return `${key}__of`;
}

export const monthSchema = z
  .string()
  .refine((text): text is Month => isMonth(text), { message: "月份格式应为 YYYY-MM，例如 2024-03" });

/** Full-width digits and separators, as typed with a Chinese input method, become ASCII. */
export function normalizeNumberText(raw: string): string {
  return raw
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[－—]/g, "-")
    .replace(/[，,\s\u3000]/g, "");
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

type Check = { value: number } | { error: string };

function checkFigure(text: string, field: EntryField): Check {
  const unitless = isPercentage(field) ? text.replace(/[%％]$/, "") : text;
  if (!DECIMAL_TEXT.test(unitless)) {
    return { error: field.decimals > 0 ? "请输入数字，例如 12 或 4.87" : "请输入数字，例如 12" };
  }
  const value = Number(unitless);
  if (value < 0) return { error: "不能为负数" };
  if (value > MAX_FIGURE) return { error: "数值过大，请核对" };
  if (field.kind === "rank") {
    if (!Number.isInteger(value) || value < 1) return { error: "排名应为不小于 1 的整数" };
    return { value };
  }
  const places = decimalPlaces(unitless);
  if (field.decimals === 0 && places > 0) return { error: `应为整数（单位：${field.unit}）` };
  if (places > field.decimals) return { error: `最多保留 ${field.decimals} 位小数` };
  if (isPercentage(field) && value > 100) return { error: "百分比应在 0 到 100 之间" };
  return { value };
}

function figureSchema(field: EntryField) {
  return z.string().transform((raw, ctx): number | null => {
    const text = normalizeNumberText(raw);
    if (text === "") return null;
    const result = checkFigure(text, field);
    if ("error" in result) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.value;
  });
}

const rankedUnitsSchema = z.string().transform((raw, ctx): number | null => {
  const text = normalizeNumberText(raw);
  if (text === "") return null;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_RANKED_UNITS) {
    ctx.addIssue({ code: "custom", message: "参与排名的单位数应为正整数" });
    return z.NEVER;
  }
  return value;
});

/**
 * Fields missing from the input are left out of the result (not touched); fields present and blank
 * are null (cleared, "not reported"). Every invalid field gets its own message.
 */
export function monthlyEntrySchema(fields: readonly EntryField[]) {
  const shape: Record<string, z.ZodType<number | null | undefined, string | undefined>> = {};
  for (const field of fields) {
    shape[field.key] = figureSchema(field).optional();
    if (field.kind === "rank") shape[rankedUnitsField(field.key)] = rankedUnitsSchema.optional();
  }
  return z.object(shape).superRefine((entry, ctx) => {
    for (const field of fields) {
      if (field.kind !== "rank") continue;
      const rank = entry[field.key];
      const units = entry[rankedUnitsField(field.key)];
      if (typeof rank === "number" && typeof units === "number" && rank > units) {
        ctx.addIssue({ code: "custom", path: [field.key], message: `排名不能大于参与排名的单位数（${units}）` });
      }
      if (units !== undefined && units !== null && (rank === null || rank === undefined)) {
        ctx.addIssue({ code: "custom", path: [field.key], message: "填写了参与排名的单位数，请同时填写排名" });
      }
    }
  });
}

export type EntryParseResult =
  | { ok: true; figures: Map<string, EnteredFigure> }
  | { ok: false; fieldErrors: Record<string, string[]> };

/** Validate raw text inputs (e.g. a form's fields) against the catalog. */
export function parseMonthlyEntry(
  fields: readonly EntryField[],
  input: Readonly<Record<string, string | undefined>>,
): EntryParseResult {
  const parsed = monthlyEntrySchema(fields).safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, fieldErrors };
  }
  const figures = new Map<string, EnteredFigure>();
  for (const field of fields) {
    const value = parsed.data[field.key];
    if (value === undefined) continue;
    if (field.kind !== "rank" || value === null) {
      figures.set(field.key, { value, rankedUnits: null });
      continue;
    }
    const units = parsed.data[rankedUnitsField(field.key)];
    figures.set(field.key, units === undefined ? { value } : { value, rankedUnits: units });
  }
  return { ok: true, figures };
}

/**
 * The figures that can already be read from what is typed, for live checks before saving: fields
 * that are blank or not yet valid are simply left out.
 */
export function readableFigures(
  fields: readonly EntryField[],
  input: Readonly<Record<string, string | undefined>>,
): Map<string, { value: number; rankedUnits: number | null }> {
  const figures = new Map<string, { value: number; rankedUnits: number | null }>();
  for (const field of fields) {
    const text = normalizeNumberText(input[field.key] ?? "");
    if (text === "") continue;
    const checked = checkFigure(text, field);
    if (!("value" in checked)) continue;
    const unitsText = normalizeNumberText(input[rankedUnitsField(field.key)] ?? "");
    const units = /^\d+$/.test(unitsText) ? Number(unitsText) : null;
    figures.set(field.key, { value: checked.value, rankedUnits: field.kind === "rank" ? units : null });
  }
  return figures;
}
