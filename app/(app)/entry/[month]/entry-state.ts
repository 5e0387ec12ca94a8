import type { IndicatorKind } from "@/lib/catalog";
import type { ConflictFormState } from "@/app/_lib/conflict-form";

/** A typed figure far outside its history (lib/plausibility.ts): the flag's words, and the value its tick confirms. */
export type EntryFlag = { text: string; value: string };

/**
 * What the month's (or year's) form gets back from its save: what the user typed survives every
 * refusal; `flags` are the values the save refused until their tick is given.
 */
export type EntryState = ConflictFormState & { flags?: Record<string, EntryFlag> };

export type EntryFieldView = {
  /** The indicator's history page, for the unit the form is for. */
  historyHref: string;
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  decimals: number;
  depth: number;
  /** For a rank: the name and unit of the figure it ranks (for the neighbours' values). */
  rankedName: string;
  rankedUnit: string;
  /** e.g. "= 新增个人用户 + 新增企事业单位" or "其中" */
  hint: string | null;
  /** What the indicator counts and where to read it (the catalog's definition); may be empty. */
  description: string;
  previousText: string;
  /** The figure as stored, formatted (for read-only views). */
  currentText: string | null;
  demo: boolean;
  /** A figure of the document's 2023 baseline: read-only here (更正基线 is on the indicator page). */
  baseline: boolean;
  /** For a rank: N of the latest earlier month that had one, offered when the rank is entered. */
  lastRankedUnits: { units: number; monthLabel: string } | null;
  /** This period's changes to the figure, newest first. */
  history: HistoryItem[];
  /** On a month's form, for a flow: the whole-year total stored for its year, which the months do not replace. */
  yearNote: { text: string; href: string } | null;
};

export type HistoryItem = {
  id: number;
  when: string;
  who: string;
  change: string;
  source: string;
  reason: string | null;
  /** The new value lay far outside its history and was saved once confirmed: the flag's words. */
  plausibilityNote: string | null;
};

export type EntryCategoryView = { category: string; fields: EntryFieldView[] };
