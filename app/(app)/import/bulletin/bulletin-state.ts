import type { PreviewStatus } from "@/lib/sheet/preview";
import type { PreviewFlags } from "../import-state";

export type BulletinRowView = {
  id: string;
  unit: string;
  name: string;
  status: PreviewStatus;
  before: string;
  after: string;
  /** The value lies far outside the unit's history: the flag's words (confirm asks for the tick). */
  flag: string | null;
};

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

export type ColumnView = {
  column: number;
  letter: string;
  heading: string;
  key: string;
  sample: string;
  /** The heading's unit is another scale of the indicator's ("人次" for 万人次): how the cells are converted. */
  unitNote: string | null;
};

export type BulletinPreviewView = {
  fileName: string;
  sheet: string;
  title: string | null;
  monthLabel: string | null;
  lineCount: number;
  /** The column letters the units' names are read from ("B+C"), and the sentence saying which and why. */
  nameLetters: string;
  nameSentence: string;
  columns: ColumnView[];
  options: { key: string; name: string; category: string }[];
  home: { name: string; ranks: HomeRankView[] } | null;
  warnings: string[];
  blocking: string[];
  notes: string[];
  matched: number;
  /** `city`: the name reads as a 市（州）, not a county-level unit (never added as a peer in bulk). */
  unmatched: { row: number; name: string; city: boolean }[];
  ambiguous: { row: number; name: string; candidates: { id: number; name: string }[] }[];
  /** Units an unmatched name may be an alias of (the home unit and its peers). */
  aliasChoices: { id: number; name: string }[];
  counts: Record<PreviewStatus, number>;
  unitsChanged: number;
  /** Values flagged as far outside their unit's history: the tick under the preview, and each flag in words (peers' rows are folded away). */
  flags: (PreviewFlags & { lines: string[] }) | null;
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
