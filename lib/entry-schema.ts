/**
 * The one schema every monthly figure crosses, whether typed into the form, imported or scripted.
 * Inputs arrive as text; a blank means "not reported" (null), never 0.
 */
import { z } from "zod";
import { isPercentage, type IndicatorDefinition } from "./catalog";
import { decimalPlaces } from "./numbers";
import { readNumberText } from "./number-text";
import { isMonth, type Month } from "./periods";
import { rankDetailField, RANK_DETAILS, type RankDetail } from "./figure-parts";
import { rankAboveUnits } from "./rank-rules";

export type EntryField = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals"> &
  Partial<Pick<IndicatorDefinition, "ranksKey">>;

/**
 * A reported figure. For a rank, when the bulletin gives them: `rankedUnits` is N in "第k名（共N）",
 * `valueAbove` and `valueBelow` the ranked figure of the unit just above and just below. Each is left
 * out when the input did not carry its field, so what is stored stays as it is.
 */
export type EnteredFigure = {
  value: number | null;
  rankedUnits?: number | null;
  valueAbove?: number | null;
  valueBelow?: number | null;
};

// the field names live with the figure's parts, free of zod, for the forms in the browser
export { RANK_DETAILS, rankDetailField, type RankDetail } from "./figure-parts";

/** Largest figure accepted: far above any count, sum or rate the platform reports. */
const MAX_FIGURE = 1e12;
const MAX_RANKED_UNITS = 100_000;

/** The form field that holds N, the number of units ranked, next to a rank. */
export function rankedUnitsField(key: string): string {
  return rankDetailField(key, "of");
}

export const monthSchema = z
  .string()
  .refine((text): text is Month => isMonth(text), { message: "月份应为 2000–2100 年间的 YYYY-MM，例如 2024-03" });

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

/** A blank (null), the figure, or the reason it is refused: the one path from typed text to a figure. */
function readFigure(raw: string, field: EntryField): Check | null {
  const read = readNumberText(raw);
  if (!read.ok) return { error: read.error };
  return read.text === "" ? null : checkFigure(read.text, field);
}

function figureSchema(field: EntryField) {
  return z.string().transform((raw, ctx): number | null => {
    const result = readFigure(raw, field);
    if (result === null) return null;
    if ("error" in result) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.value;
  });
}

function readRankedUnits(raw: string): Check | null {
  const read = readNumberText(raw);
  if (!read.ok) return { error: read.error };
  if (read.text === "") return null;
  const value = Number(read.text);
  if (!/^\d+$/.test(read.text) || value < 1 || value > MAX_RANKED_UNITS) return { error: "参与排名的单位数应为正整数" };
  return { value };
}

const rankedUnitsSchema = z.string().transform((raw, ctx): number | null => {
  const result = readRankedUnits(raw);
  if (result === null) return null;
  if ("error" in result) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.value;
});

/** What a neighbour's figure is measured in: the ranked indicator's unit and decimals. */
function rankedMeasure(field: EntryField, fields: readonly EntryField[]): EntryField {
  const ranked = fields.find((candidate) => candidate.key === field.ranksKey);
  return ranked ?? { key: field.key, name: field.name, unit: "", kind: "stock", decimals: 2 };
}

/** The figure of the unit just above or below, in the ranked indicator's own terms. */
function neighbourSchema(measure: EntryField) {
  return z.string().transform((raw, ctx): number | null => {
    const result = readFigure(raw, { ...measure, kind: measure.kind === "rank" ? "stock" : measure.kind });
    if (result === null) return null;
    if ("error" in result) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.value;
  });
}

/**
 * Fields missing from the input are left out of the result (not touched); fields present and blank
 * are null (cleared, "not reported"). Every invalid field gets its own message.
 */
export function monthlyEntrySchema(fields: readonly EntryField[]) {
  const shape: Record<string, z.ZodType<number | null | undefined, string | undefined>> = {};
  for (const field of fields) {
    shape[field.key] = figureSchema(field).optional();
    if (field.kind !== "rank") continue;
    const measure = rankedMeasure(field, fields);
    shape[rankDetailField(field.key, "of")] = rankedUnitsSchema.optional();
    shape[rankDetailField(field.key, "above")] = neighbourSchema(measure).optional();
    shape[rankDetailField(field.key, "below")] = neighbourSchema(measure).optional();
  }
  return z.object(shape).superRefine((entry, ctx) => {
    for (const field of fields) {
      if (field.kind !== "rank") continue;
      const rank = entry[field.key];
      const [units, above, below] = RANK_DETAILS.map((detail) => entry[rankDetailField(field.key, detail)]);
      const given = (value: number | null | undefined) => value !== undefined && value !== null;
      const aboveUnits = rankAboveUnits(rank, units);
      if (aboveUnits) ctx.addIssue({ code: "custom", path: [field.key], message: aboveUnits });
      if (typeof rank !== "number" && (given(units) || given(above) || given(below))) {
        ctx.addIssue({ code: "custom", path: [field.key], message: "填写了排名的补充信息，请同时填写排名" });
      }
      if (rank === 1 && given(above)) {
        ctx.addIssue({ code: "custom", path: [rankDetailField(field.key, "above")], message: "已是第1名，没有上一名" });
      }
      if (typeof rank === "number" && rank === units && given(below)) {
        ctx.addIssue({ code: "custom", path: [rankDetailField(field.key, "below")], message: "已是最后一名，没有下一名" });
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
      figures.set(field.key, { value, rankedUnits: null, valueAbove: null, valueBelow: null });
      continue;
    }
    const detail = (name: RankDetail) => parsed.data[rankDetailField(field.key, name)];
    const figure: EnteredFigure = { value };
    if (detail("of") !== undefined) figure.rankedUnits = detail("of");
    if (detail("above") !== undefined) figure.valueAbove = detail("above");
    if (detail("below") !== undefined) figure.valueBelow = detail("below");
    figures.set(field.key, figure);
  }
  return { ok: true, figures };
}

/**
 * The figures that can already be read from what is typed, for live checks before saving: fields
 * that are blank or not yet valid are simply left out.
 */
export type ReadableFigure = { value: number; rankedUnits: number | null; valueAbove: number | null; valueBelow: number | null };

export function readableFigures(
  fields: readonly EntryField[],
  input: Readonly<Record<string, string | undefined>>,
): Map<string, ReadableFigure> {
  const figures = new Map<string, ReadableFigure>();
  const read = (name: string, field: EntryField): number | null => {
    const checked = readFigure(input[name] ?? "", field);
    return checked !== null && "value" in checked ? checked.value : null;
  };
  for (const field of fields) {
    const value = read(field.key, field);
    if (value === null) continue;
    if (field.kind !== "rank") {
      figures.set(field.key, { value, rankedUnits: null, valueAbove: null, valueBelow: null });
      continue;
    }
    const units = readRankedUnits(input[rankDetailField(field.key, "of")] ?? "");
    const measure = rankedMeasure(field, fields);
    const asLevel = { ...measure, kind: "stock" as const };
    figures.set(field.key, {
      value,
      rankedUnits: units !== null && "value" in units ? units.value : null,
      valueAbove: read(rankDetailField(field.key, "above"), asLevel),
      valueBelow: read(rankDetailField(field.key, "below"), asLevel),
    });
  }
  return figures;
}

/** Every form field of the catalog: one per indicator, and a rank's details beside it. */
export function entryFieldNames(fields: readonly EntryField[]): string[] {
  return fields.flatMap((field) =>
    field.kind === "rank" ? [field.key, ...RANK_DETAILS.map((detail) => rankDetailField(field.key, detail))] : [field.key],
  );
}

/**
 * A figure as the form shows it: its fields as text, blank for "not reported"; a rank's details it
 * does not carry are left out.
 */
export function figureFields(field: Pick<EntryField, "key" | "kind">, figure: EnteredFigure): Record<string, string> {
  const text = (value: number | null) => (value === null ? "" : String(value));
  const key = field.key;
  const fields: Record<string, string> = { [key]: text(figure.value) };
  if (field.kind !== "rank") return fields;
  const details: Record<RankDetail, number | null | undefined> = { of: figure.rankedUnits, above: figure.valueAbove, below: figure.valueBelow };
  for (const detail of RANK_DETAILS) {
    const value = details[detail];
    if (value !== undefined) fields[rankDetailField(key, detail)] = text(value);
  }
  return fields;
}
