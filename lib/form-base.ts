/**
 * What a form showed when it loaded travels back with it, one hidden `base__FIELD` input per field,
 * so that the server can tell what the user changed (only that is written) and whether someone else
 * changed it first (then nothing is written). See db/save-figures.ts.
 */
import type { EntryField } from "./entry-schema";
import { FIGURE_PARTS, partField, type ExpectedFigure, type FigurePart } from "./figure-parts";

const BASE_PREFIX = "base__";

/** The hidden field that carries what `name` showed when the form loaded. */
export function baseField(name: string): string {
  return `${BASE_PREFIX}${name}`;
}

/** Every base field a post carries, by the field it belongs to: handed back so that a retry still knows what was seen. */
export function postedBases(input: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).flatMap(([name, value]) => (name.startsWith(BASE_PREFIX) ? [[name.slice(BASE_PREFIX.length), value]] : [])),
  );
}

export type LoadedValues = { ok: true; bases: Record<string, string> } | { ok: false; missing: string[] };

/**
 * The loaded text of each of `names` the input carries. A field submitted without it comes from a
 * form that cannot say what it showed (a page from before this check, or a forged post): it is
 * reported as missing, and the caller writes nothing rather than overwrite blindly.
 */
export function loadedValues(input: Readonly<Record<string, string | undefined>>, names: readonly string[]): LoadedValues {
  const bases: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const base = input[baseField(name)];
    if (base !== undefined) bases[name] = base;
    else if (input[name] !== undefined) missing.push(name);
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, bases };
}

/** How the form writes a stored number (String(value)); anything else was not written by the form. */
const STORED_NUMBER = /^\d+(\.\d+)?(e[-+]?\d+)?$/i;

export type ExpectedFigures = { ok: true; expected: Map<string, ExpectedFigure> } | { ok: false; fields: string[] };

/** The figures a form showed when it loaded, part by part, from its base fields. */
export function expectedFigures(fields: readonly EntryField[], bases: Readonly<Record<string, string>>): ExpectedFigures {
  const expected = new Map<string, ExpectedFigure>();
  const bad: string[] = [];
  for (const field of fields) {
    const figure: ExpectedFigure = {};
    for (const part of field.kind === "rank" ? FIGURE_PARTS : (["value"] as const)) {
      const name = partField(field.key, part);
      const text = bases[name]?.trim();
      if (text === undefined) continue;
      if (text === "") figure[part] = null;
      else if (STORED_NUMBER.test(text)) figure[part] = Number(text);
      else bad.push(name);
    }
    if (Object.keys(figure).length > 0) expected.set(field.key, figure);
  }
  return bad.length > 0 ? { ok: false, fields: bad } : { ok: true, expected };
}

type StoredParts = { value: number; rankedUnits: number | null; valueAbove: number | null; valueBelow: number | null };

/**
 * What the monthly form shows for the figures stored: every field of `fields` as text, blank where
 * nothing is stored (so that a figure removed by someone else shows, and counts as seen, as blank).
 */
export function monthFormValues(fields: readonly EntryField[], stored: ReadonlyMap<string, StoredParts>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const figure = stored.get(field.key);
    for (const part of field.kind === "rank" ? FIGURE_PARTS : (["value"] as const)) {
      const value = figure ? figure[part] : null;
      values[partField(field.key, part)] = value === null ? "" : String(value);
    }
  }
  return values;
}

/** The hidden field of a single-figure form (revert, 更正基线) that carries one part of the figure as the page showed it. */
export function seenField(part: FigurePart): string {
  return `seen__${part}`;
}

/**
 * The figure as a single-figure form showed it, every part required: a post without them cannot
 * say what its author saw, and is refused.
 */
export function seenFigure(input: Readonly<Record<string, string | undefined>>, parts: readonly FigurePart[] = FIGURE_PARTS): ExpectedFigure | null {
  const figure: ExpectedFigure = {};
  for (const part of parts) {
    const text = input[seenField(part)]?.trim();
    if (text === undefined) return null;
    if (text === "") figure[part] = null;
    else if (STORED_NUMBER.test(text)) figure[part] = Number(text);
    else return null;
  }
  return figure;
}
