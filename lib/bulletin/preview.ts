/**
 * What a bulletin import would change, unit by unit, before anything is written: each figure the
 * plan derived (a unit's own figures, its ranks with N and the neighbours' figures) against what
 * is stored for the month — new, changed, unchanged, or left out because the unit's month is closed
 * (submitted for review, or approved and locked)
 * — and the payload the 确认导入 button posts back: the figures as the entry form's fields, with
 * the stored values the preview showed (the commit's optimistic concurrency).
 */
import { z } from "zod";
import type { IndicatorDefinition } from "../catalog";
import { figureFields, parseMonthlyEntry, type EnteredFigure } from "../entry-schema";
import { isFutureMonth, isMonth, type Month } from "../periods";
import { cleanFileName, payloadFigureSchema, type LeftOut } from "../sheet/commit-payload";
import { MAX_CELLS } from "../sheet/limits";
import { textRule } from "../text";
import { emptyCounts, resolveFigure, sameStored, type ClosedState, type PreviewStatus, type StoredValue } from "../sheet/preview";
import { BULLETIN_SCOPES, type BulletinScope, type Derivation } from "./derive";
import type { RememberedMapping } from "./sheet";

export type BulletinItem = {
  unit: number;
  key: string;
  status: PreviewStatus;
  before: StoredValue | null;
  after: StoredValue;
  entered: EnteredFigure;
};

export type BulletinChanges = {
  items: BulletinItem[];
  counts: Record<PreviewStatus, number>;
  /** Units with at least one new or changed figure. */
  unitsChanged: number;
};

export type StoredForUnits = {
  figures: (unit: number) => ReadonlyMap<string, StoredValue>;
  /** Whether the unit's month takes no write, and why; null when it is open. */
  closed: (unit: number) => ClosedState | null;
};

export function bulletinChanges(derivation: Derivation<number>, stored: StoredForUnits): BulletinChanges {
  const items: BulletinItem[] = [];
  for (const [unit, figures] of derivation.figures) {
    const storedFigures = stored.figures(unit);
    for (const [key, entered] of figures) {
      const before = storedFigures.get(key) ?? null;
      const after = resolveFigure(entered, before);
      const status: PreviewStatus = sameStored(before, after) ? "unchanged" : (stored.closed(unit) ?? (before ? "changed" : "new"));
      items.push({ unit, key, status, before, after, entered });
    }
  }
  const counts = emptyCounts();
  for (const item of items) counts[item.status] += 1;
  const unitsChanged = new Set(items.filter((item) => item.status === "new" || item.status === "changed").map((item) => item.unit)).size;
  return { items, counts, unitsChanged };
}

const payloadSchema = z.object({
  month: z.string().max(7),
  // the page's hidden field carries them back: held to the rules they passed on the way out
  fileName: z.string().max(255).transform(cleanFileName),
  source: z.string().max(60).superRefine(textRule("通报来源")),
  scope: z.enum(BULLETIN_SCOPES),
  leftOut: z.object({ submitted: z.number().int().min(0).max(MAX_CELLS), locked: z.number().int().min(0).max(MAX_CELLS) }).default({ submitted: 0, locked: 0 }),
  mapping: z.object({
    nameHeading: z.string().max(300).nullable(),
    columns: z.array(z.object({ heading: z.string().max(300), key: z.string().max(100) })).max(1000),
  }),
  items: z
    .array(payloadFigureSchema.extend({ unit: z.number().int().positive() }))
    .min(1)
    .max(MAX_CELLS),
});

export type BulletinPayloadHeader = {
  month: Month;
  fileName: string;
  source: string;
  scope: BulletinScope;
  mapping: RememberedMapping;
};

/** The figures to write (new and changed only), each with what the preview showed as stored. */
export function bulletinPayload(changes: BulletinChanges, header: BulletinPayloadHeader, catalog: readonly IndicatorDefinition[]): string {
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const items = changes.items.flatMap((item) => {
    const indicator = byKey.get(item.key);
    if (!indicator || (item.status !== "new" && item.status !== "changed")) return [];
    return [{ unit: item.unit, key: item.key, fields: figureFields(indicator, item.entered), expected: item.before }];
  });
  return JSON.stringify({ ...header, leftOut: { submitted: changes.counts.submitted, locked: changes.counts.locked }, items });
}

export type BulletinBatch = {
  unit: number;
  figures: Map<string, EnteredFigure>;
  expected: Map<string, StoredValue | null>;
};

export type ReadBulletinPayload = ({ ok: true; batches: BulletinBatch[]; leftOut: LeftOut } & BulletinPayloadHeader) | { ok: false; message: string };

const STALE = "导入内容无效或已过期：请重新上传通报并预览。本次未写入任何数据。";

/**
 * The payload as posted, trusted in nothing: the month must be a past or current month, every unit
 * one a bulletin may name (`units`: the home unit and its peers), every figure cross the entry
 * form's schema again.
 */
export function readBulletinPayload(json: string, catalog: readonly IndicatorDefinition[], units: ReadonlySet<number>, today: Date): ReadBulletinPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: STALE };
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: STALE };
  const { month, items } = parsed.data;
  if (!isMonth(month)) return { ok: false, message: STALE };
  if (isFutureMonth(month, today)) return { ok: false, message: "通报所属月份尚未到来，不能导入。本次未写入任何数据。" };
  const byKey = new Map(catalog.map((indicator) => [indicator.key, indicator]));
  const inputs = new Map<number, { fields: Record<string, string>; expected: Map<string, StoredValue | null> }>();
  for (const item of items) {
    if (!units.has(item.unit) || !byKey.has(item.key)) return { ok: false, message: STALE };
    if (Object.keys(item.fields).some((name) => name !== item.key && !name.startsWith(`${item.key}__`))) return { ok: false, message: STALE };
    const input = inputs.get(item.unit) ?? { fields: {}, expected: new Map() };
    if (input.expected.has(item.key)) return { ok: false, message: STALE };
    Object.assign(input.fields, item.fields);
    input.expected.set(item.key, item.expected);
    inputs.set(item.unit, input);
  }
  const batches: BulletinBatch[] = [];
  for (const [unit, input] of inputs) {
    const entry = parseMonthlyEntry(catalog, input.fields);
    if (!entry.ok) return { ok: false, message: STALE };
    batches.push({ unit, figures: entry.figures, expected: input.expected });
  }
  return { ok: true, month, fileName: parsed.data.fileName, source: parsed.data.source, scope: parsed.data.scope, mapping: parsed.data.mapping, leftOut: parsed.data.leftOut, batches };
}
