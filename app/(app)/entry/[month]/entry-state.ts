import type { IndicatorKind } from "@/lib/catalog";

export type EntryState = {
  status: "idle" | "saved" | "invalid" | "refused";
  message: string;
  /** What the user typed (or, once saved, the stored figures), so the form never loses input. */
  values: Record<string, string>;
  fieldErrors: Record<string, string[]>;
};

export type EntryFieldView = {
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
  previousText: string;
  /** The figure as stored, formatted (for read-only views). */
  currentText: string | null;
  demo: boolean;
  /** This month's changes to the figure, newest first. */
  history: HistoryItem[];
};

export type HistoryItem = { id: number; when: string; who: string; change: string; source: string };

export type EntryCategoryView = { category: string; fields: EntryFieldView[] };
