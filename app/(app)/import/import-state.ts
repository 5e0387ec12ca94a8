import type { YearChoice } from "@/lib/sheet/plan";
import type { PreviewStatus } from "@/lib/sheet/preview";
import type { MonthChoice } from "@/lib/sheet/unit-row";

export type PreviewRowView = {
  id: string;
  name: string;
  unit: string;
  status: PreviewStatus;
  before: string;
  after: string;
  cells: string;
  /** The value lies far outside its history: the flag's words (confirm asks for the tick). */
  flag: string | null;
};

export type PreviewView = {
  fileName: string;
  layouts: string[];
  counts: Record<PreviewStatus, number>;
  canCommit: boolean;
  problems: string[];
  warnings: string[];
  periods: { period: string; label: string; rows: PreviewRowView[] }[];
  /** Values flagged as far outside their history: how many, and what the one tick under the preview confirms. */
  flags: PreviewFlags | null;
};

export type PreviewFlags = { count: number; confirmation: string };

export type ImportState = {
  status: "idle" | "preview" | "invalid" | "refused" | "conflict" | "done";
  message: string;
  /** What was pasted, so a refused or previewed paste is never lost. */
  paste: string;
  preview: PreviewView | null;
  /** The figures to write and the stored values the preview showed, for 确认导入. */
  payload: string | null;
  /** The sheet's months carry no year: the years to choose from, and the one preselected. */
  yearChoice?: YearChoice | null;
  /** A table of units names no month: the months to choose from, and the one preselected. */
  monthChoice?: MonthChoice | null;
};

export const IDLE_IMPORT: ImportState = { status: "idle", message: "", paste: "", preview: null, payload: null };
