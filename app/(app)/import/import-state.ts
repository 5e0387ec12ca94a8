import type { PreviewStatus } from "@/lib/sheet/preview";

export type PreviewRowView = {
  id: string;
  name: string;
  unit: string;
  status: PreviewStatus;
  before: string;
  after: string;
  cells: string;
};

export type PreviewView = {
  fileName: string;
  layouts: string[];
  counts: Record<PreviewStatus, number>;
  canCommit: boolean;
  problems: string[];
  warnings: string[];
  periods: { period: string; label: string; rows: PreviewRowView[] }[];
};

export type ImportState = {
  status: "idle" | "preview" | "invalid" | "refused" | "conflict" | "done";
  message: string;
  /** What was pasted, so a refused or previewed paste is never lost. */
  paste: string;
  preview: PreviewView | null;
  /** The figures to write and the stored values the preview showed, for 确认导入. */
  payload: string | null;
};

export const IDLE_IMPORT: ImportState = { status: "idle", message: "", paste: "", preview: null, payload: null };
