/**
 * The filters of the exports and the read-only API, from a URL's query: `from`/`to` (YYYY-MM, both
 * included), or `year` (YYYY), and `indicator` (keys, comma-separated or repeated). A bad parameter
 * gets a Chinese reason; nothing is guessed.
 */
import { isMonth, isYear } from "@/lib/periods";

export type FigureFilter = {
  /** First and last month included; a whole-year figure is included when its whole year is. */
  from: string;
  to: string;
  /** Indicator keys, or null for all. */
  keys: string[] | null;
};

export type FilterOutcome = { ok: true; filter: FigureFilter } | { ok: false; message: string };

export function readFigureFilter(params: URLSearchParams, knownKeys: ReadonlySet<string>): FilterOutcome {
  const from = params.get("from")?.trim() || null;
  const to = params.get("to")?.trim() || null;
  const year = params.get("year")?.trim() || null;
  if (year !== null && (from !== null || to !== null)) return { ok: false, message: "year 与 from/to 只能二选一。" };
  if (year !== null && !isYear(year)) return { ok: false, message: `year 应为四位年份，例如 2026（收到“${year}”）。` };
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (value !== null && !isMonth(value)) return { ok: false, message: `${name} 应为 YYYY-MM 格式的月份，例如 2026-01（收到“${value}”）。` };
  }
  const first = year ? `${year}-01` : (from ?? "0000-01");
  const last = year ? `${year}-12` : (to ?? "9999-12");
  if (first > last) return { ok: false, message: `from（${from}）不能晚于 to（${to}）。` };
  const keys = params
    .getAll("indicator")
    .flatMap((value) => value.split(","))
    .map((key) => key.trim())
    .filter((key) => key !== "");
  const unknown = keys.filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) return { ok: false, message: `未知的指标键：${unknown.join("、")}。` };
  return { ok: true, filter: { from: first, to: last, keys: keys.length > 0 ? [...new Set(keys)] : null } };
}

/** The filter in words, for a file's header. */
export function describeFilter(filter: FigureFilter, names: ReadonlyMap<string, string>): string {
  const range =
    filter.from === "0000-01" && filter.to === "9999-12" ? "全部期间" : `${filter.from === "0000-01" ? "最早" : filter.from} 至 ${filter.to === "9999-12" ? "最新" : filter.to}`;
  const indicators = filter.keys ? filter.keys.map((key) => names.get(key) ?? key).join("、") : "全部指标";
  return `${range}；${indicators}`;
}
