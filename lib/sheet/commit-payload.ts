/**
 * What the preview page hands back to the commit: the figures to write, each as the entry form's
 * text fields, and the stored value the preview showed for it. The commit trusts none of it: every
 * figure crosses the entry schema again, every period the same rules as a file, and the stored
 * values are compared inside the transaction.
 */
import { z } from "zod";
import type { IndicatorDefinition } from "@/lib/catalog";
import { figureFields, parseMonthlyEntry, type EnteredFigure } from "@/lib/entry-schema";
import { withoutForbidden } from "@/lib/text";
import { MAX_CELLS } from "./limits";
import { periodRefusal } from "./plan";
import type { ImportPlan } from "./plan";
import type { ImportPreview, StoredValue } from "./preview";

const storedSchema = z.object({
  value: z.number().finite().nonnegative(),
  rankedUnits: z.number().int().nullable(),
  valueAbove: z.number().finite().nullable(),
  valueBelow: z.number().finite().nullable(),
});

/** One figure of a payload (a file's or a bulletin's): the entry form's fields for it and the stored value the preview showed. */
export const payloadFigureSchema = z.object({
  key: z.string().max(100),
  fields: z.record(z.string().max(100), z.string().max(100)),
  expected: storedSchema.nullable(),
});

const leftOutSchema = z.object({ submitted: z.number().int().min(0).max(MAX_CELLS), locked: z.number().int().min(0).max(MAX_CELLS) });

/** How many values of the file the preview left out because their month is closed (for the commit's message only). */
export type LeftOut = z.infer<typeof leftOutSchema>;

const NONE_LEFT_OUT: LeftOut = { submitted: 0, locked: 0 };

const payloadSchema = z.object({
  fileName: z.string().max(255),
  leftOut: leftOutSchema.default(NONE_LEFT_OUT),
  items: z
    .array(payloadFigureSchema.extend({ period: z.string().max(7), cells: z.array(z.string().max(80)).max(4) }))
    .min(1)
    .max(MAX_CELLS),
});

export type CommitPayload = z.infer<typeof payloadSchema>;

/** File names land in revision notes and exports: keep them short and free of control and direction characters ("报表\u202Exslx.exe"). */
export function cleanFileName(name: string): string {
  const cleaned = withoutForbidden(name, { multiLine: false }).trim().slice(0, 120);
  return cleaned || "（未命名）";
}

export function commitPayload(preview: ImportPreview, fileName: string, catalog: readonly IndicatorDefinition[]): string {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const items = preview.items.flatMap((item) => {
    const indicator = byKey.get(item.key);
    if (!indicator || (item.status !== "new" && item.status !== "changed")) return [];
    return [{ period: item.period, key: item.key, fields: figureFields(indicator, item.entered), expected: item.before, cells: item.cells }];
  });
  const payload: CommitPayload = { fileName: cleanFileName(fileName), leftOut: { submitted: preview.counts.submitted, locked: preview.counts.locked }, items };
  return JSON.stringify(payload);
}

export type CommitBatch = {
  period: string;
  figures: Map<string, EnteredFigure>;
  expected: Map<string, StoredValue | null>;
  cells: Map<string, string[]>;
};
export type ReadPayload = { ok: true; fileName: string; leftOut: LeftOut; batches: CommitBatch[] } | { ok: false; message: string };

const STALE = "导入内容无效或已过期：请重新上传文件并预览。本次未写入任何数据。";

export function readCommitPayload(json: string, catalog: readonly IndicatorDefinition[], today: Date): ReadPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: STALE };
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: STALE };
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const inputs = new Map<string, { fields: Record<string, string>; expected: Map<string, StoredValue | null>; cells: Map<string, string[]> }>();
  for (const item of parsed.data.items) {
    const indicator = byKey.get(item.key);
    if (!indicator) return { ok: false, message: STALE };
    if (Object.keys(item.fields).some((name) => name !== item.key && !name.startsWith(`${item.key}__`))) return { ok: false, message: STALE };
    const refusal = periodRefusal(item.period, false, indicator, today);
    if (refusal) return { ok: false, message: `${refusal}。本次未写入任何数据。` };
    const input = inputs.get(item.period) ?? { fields: {}, expected: new Map(), cells: new Map() };
    if (input.expected.has(item.key)) return { ok: false, message: STALE };
    Object.assign(input.fields, item.fields);
    input.expected.set(item.key, item.expected);
    input.cells.set(item.key, item.cells);
    inputs.set(item.period, input);
  }
  const batches: CommitBatch[] = [];
  for (const [period, input] of inputs) {
    const entry = parseMonthlyEntry(catalog, input.fields);
    if (!entry.ok) return { ok: false, message: STALE };
    batches.push({ period, figures: entry.figures, expected: input.expected, cells: input.cells });
  }
  return { ok: true, fileName: cleanFileName(parsed.data.fileName), leftOut: parsed.data.leftOut, batches };
}

/** The figures of a commit as a plan again, to preview them anew against what is stored now. */
export function planOfBatches(batches: readonly CommitBatch[], layouts: string[] = []): ImportPlan {
  return {
    layouts,
    problems: [],
    figures: batches.flatMap((batch) =>
      [...batch.figures].map(([key, figure]) => ({ period: batch.period, key, figure, cells: batch.cells.get(key) ?? [] })),
    ),
  };
}
