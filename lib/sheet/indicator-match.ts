/**
 * Which indicator (and which form field) a row or column label names: by key ("users_new",
 * "supply_total_rank__of") or by Chinese name, forgiving full-width characters, spaces, quotes,
 * a leading "其中：" and a unit in brackets after the name ("累计成交金额（亿元）").
 */
import { RANK_DETAILS, rankDetailField, type EntryField, type RankDetail } from "@/lib/entry-schema";
import { halfWidth } from "./grid";

export type FieldTarget = {
  /** The form field: the key, or a rank's detail field such as `supply_total_rank__of`. */
  field: string;
  key: string;
  detail: RankDetail | null;
};

export type LabelMatch = { target: FieldTarget; unit: string | null; by: "key" | "name" };

export const DETAIL_NAMES: Record<RankDetail, string> = {
  of: "参与排名单位数",
  above: "上一名的数值",
  below: "下一名的数值",
};

function normalizeName(text: string): string {
  return halfWidth(text)
    .replace(/[\s\u3000·•]+/g, "")
    .replace(/["'“”‘’「」『』]/g, "")
    .replace(/^其中[:：]?/, "");
}

/** "累计成交金额（亿元）" → name "累计成交金额", unit "亿元". */
export function splitUnit(label: string): { name: string; unit: string | null } {
  const text = halfWidth(label).trim();
  const match = /^(.*?)[(（]([^()（）]{1,8})[)）]$/.exec(text);
  return match?.[1] && match[2] ? { name: match[1], unit: match[2].trim() } : { name: text, unit: null };
}

export function indicatorMatcher(catalog: readonly EntryField[]): (label: string) => LabelMatch | null {
  const byKey = new Map<string, FieldTarget>();
  const byName = new Map<string, FieldTarget>();
  for (const field of catalog) {
    byKey.set(field.key.toLowerCase(), { field: field.key, key: field.key, detail: null });
    byName.set(normalizeName(field.name), { field: field.key, key: field.key, detail: null });
    if (field.kind !== "rank") continue;
    for (const detail of RANK_DETAILS) {
      const target = { field: rankDetailField(field.key, detail), key: field.key, detail };
      byKey.set(target.field.toLowerCase(), target);
      byName.set(normalizeName(`${field.name}${DETAIL_NAMES[detail]}`), target);
    }
  }
  return (label: string) => {
    const trimmed = halfWidth(label).trim();
    if (trimmed === "") return null;
    const key = byKey.get(trimmed.toLowerCase());
    if (key) return { target: key, unit: null, by: "key" };
    const whole = byName.get(normalizeName(trimmed));
    if (whole) return { target: whole, unit: null, by: "name" };
    const { name, unit } = splitUnit(trimmed);
    const named = byName.get(normalizeName(name));
    return named ? { target: named, unit, by: "name" } : null;
  };
}
