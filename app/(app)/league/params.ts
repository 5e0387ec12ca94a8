import "server-only";
import { isLeagueLevel, SCORE_KEY, type LeagueLevel } from "@/lib/league-report";
import { addMonths, formatMonth, isMonth, type Month } from "@/lib/periods";
import type { Queryable } from "@/db/client";
import { latestLeagueMonth, leagueIndicators } from "@/db/league";
import { listUnits } from "@/db/organizations";

type Query = Record<string, string | string[] | undefined>;

export type LeagueParams = {
  level: LeagueLevel;
  indicatorKey: string;
  month: Month;
  /** What was asked for and could not be used, in words (the page says so and shows the default). */
  problems: string[];
};

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The page's and the download's parameters: `level` (towns by default while the district has
 * towns), `month` (the latest with figures), `indicator` (a key, or `score`); what cannot be used
 * is named and replaced by its default, never a 500.
 */
export function leagueParams(db: Queryable, query: Query, today: Month): LeagueParams {
  const problems: string[] = [];
  const requestedLevel = single(query, "level");
  const hasTowns = listUnits(db, ["sub"]).length > 0;
  let level: LeagueLevel = hasTowns ? "towns" : "peers";
  if (requestedLevel !== undefined) {
    if (isLeagueLevel(requestedLevel)) level = requestedLevel;
    else problems.push(`排名范围“${requestedLevel}”无效（应为 towns 或 peers）`);
  }

  const requestedMonth = single(query, "month");
  const fallback = latestLeagueMonth(db, level, today) ?? addMonths(today, -1);
  let month: Month = fallback;
  if (requestedMonth !== undefined) {
    if (!isMonth(requestedMonth)) problems.push(`月份“${requestedMonth}”无效（应为 YYYY-MM，例如 ${addMonths(today, -1)}）`);
    else if (requestedMonth > today) problems.push(`${formatMonth(requestedMonth)}尚未到来`);
    else month = requestedMonth;
  }

  const available = leagueIndicators(db, level, month).map((indicator) => indicator.key);
  const preferred = level === "towns" ? ["nanny_new"] : ["popsci_volume", "supply_total"];
  const defaultKey = preferred.find((key) => available.includes(key)) ?? available[0] ?? (level === "towns" ? SCORE_KEY : "");
  const requestedKey = single(query, "indicator");
  let indicatorKey = defaultKey;
  if (requestedKey !== undefined) {
    if (available.includes(requestedKey) || (requestedKey === SCORE_KEY && level === "towns")) indicatorKey = requestedKey;
    else problems.push(`指标“${requestedKey.slice(0, 40)}”不能用于${level === "towns" ? "镇街" : "区县"}排名`);
  }
  return { level, indicatorKey, month, problems };
}

export function leagueQuery(params: Pick<LeagueParams, "level" | "indicatorKey" | "month">): string {
  return new URLSearchParams({ level: params.level, indicator: params.indicatorKey, month: params.month }).toString();
}
