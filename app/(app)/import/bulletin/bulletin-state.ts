import type { PreviewStatus } from "@/lib/sheet/preview";

export type BulletinRowView = { id: string; unit: string; name: string; status: PreviewStatus; before: string; after: string };

export type HomeRankView = {
  key: string;
  name: string;
  /** 第3名（共183）, or 未排名. */
  rankText: string;
  /** 通报所列 / 按数值计算. */
  sourceText: string;
  aboveText: string | null;
  belowText: string | null;
};

export type ColumnView = { column: number; letter: string; heading: string; key: string; sample: string };

export type BulletinPreviewView = {
  fileName: string;
  sheet: string;
  title: string | null;
  monthLabel: string | null;
  lineCount: number;
  nameLetter: string;
  columns: ColumnView[];
  options: { key: string; name: string; category: string }[];
  home: { name: string; ranks: HomeRankView[] } | null;
  warnings: string[];
  blocking: string[];
  notes: string[];
  matched: number;
  unmatched: { row: number; name: string }[];
  ambiguous: { row: number; name: string; candidates: { id: number; name: string }[] }[];
  /** Units an unmatched name may be an alias of (the home unit and its peers). */
  aliasChoices: { id: number; name: string }[];
  counts: Record<PreviewStatus, number>;
  unitsChanged: number;
  homeRows: BulletinRowView[];
  peerRows: BulletinRowView[];
};

export type BulletinState = {
  status: "idle" | "preview" | "invalid" | "refused" | "conflict" | "done";
  message: string;
  paste: string;
  /** The table read from the file, kept so the mapping can be changed without uploading it again. */
  table: string | null;
  preview: BulletinPreviewView | null;
  payload: string | null;
  values: { source: string; scope: string; month: string };
};

export const DEFAULT_SOURCE = "省科协月度通报";

export const IDLE_BULLETIN: BulletinState = {
  status: "idle",
  message: "",
  paste: "",
  table: null,
  preview: null,
  payload: null,
  values: { source: DEFAULT_SOURCE, scope: "province", month: "" },
};
