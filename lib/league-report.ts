/**
 * A league table as a county association's 通报 publishes it, built once for the page, its print
 * layout and its workbook: title ("西区科协关于2026年10月各镇街天府科技云工作情况的通报"), date,
 * and per unit its 序号, place (standard competition ranking), change since last month, figure,
 * target and attainment (the judgement made in lib/judgement.ts, only rendered here), the gap to
 * the next place, and the units that fall short, by name.
 *
 * Two kinds of table: one indicator's figures, or the attainment score across every indicator
 * with a target for the unit (lib/league.ts's `attainmentScore`).
 */
import type { IndicatorDefinition } from "./catalog";
import { beijingDate, formatCalendarDate } from "./due-dates";
import { formatExact, formatNumber, formatPercent, formatRank } from "./format";
import type { Judgement } from "./judgement";
import {
  ATTAINMENT_SCORE,
  formatRankChange,
  leagueTable,
  shortfall,
  shortfallLines,
  UNREPORTED_LABEL,
  type AttainmentScore,
  type LeagueRow,
  type RankChange,
} from "./league";
import { monthParts, type Month } from "./periods";
import type { Status } from "./targets";

export const LEAGUE_LEVELS = ["towns", "peers"] as const;
export type LeagueLevel = (typeof LEAGUE_LEVELS)[number];

export const LEAGUE_LEVEL_LABELS: Record<LeagueLevel, string> = { towns: "各镇街", peers: "全省各区县" };

/** The `indicator` parameter that asks for the attainment score across indicators (towns only). */
export const SCORE_KEY = "score";
export const SCORE_NAME = "目标综合达成率";

export function isLeagueLevel(value: unknown): value is LeagueLevel {
  return LEAGUE_LEVELS.some((level) => level === value);
}

type LeagueIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "direction" | "decimals">;

/** A unit's score: its attainment across indicators, and the indicators it falls short on (by name). */
export type UnitScore = { score: AttainmentScore; short: string[] };

export type LeagueReportInput = {
  level: LeagueLevel;
  month: Month;
  /** The day the 通报 is dated. */
  today: Date;
  homeShortName: string;
  /** The indicator ranked; null for the attainment score. */
  indicator: LeagueIndicator | null;
  /** In their own order (the towns' order; peers by name): ties and 未填报 keep it. */
  units: readonly { id: number; name: string }[];
  /** The month's figure per unit (the score when `indicator` is null); absent or null: 未填报. */
  values: ReadonlyMap<number, number | null>;
  /** Last month's; null when there is nothing to compare with. */
  previous: ReadonlyMap<number, number | null> | null;
  /** The judgement of each unit's figure against its own target (indicator tables). */
  judgements?: ReadonlyMap<number, Judgement>;
  /** Score tables: each unit's score and shortfalls. */
  scores?: ReadonlyMap<number, UnitScore>;
  /** Peers: the provincial rank the bulletin stated for each unit, with N. */
  stated?: ReadonlyMap<number, { rank: number; rankedUnits: number | null }>;
  highlight?: number | null;
  /** Notes printed under the table (the roll-up check). */
  notes?: readonly string[];
};

export type LeagueReportRow = {
  /** 序号: the row's position in the table. */
  seq: number;
  unitId: number;
  name: string;
  rank: number | null;
  tied: boolean;
  /** "1", "2（并列）", or "—" for a unit without a figure. */
  rankText: string;
  change: RankChange | null;
  changeText: string;
  value: number | null;
  /** The figure in the indicator's decimals without its unit (the column names it); 未填报 when blank. */
  valueText: string;
  targetText: string | null;
  status: Status | null;
  statusLabel: string | null;
  /** "达成 88.2%", "已达到", "差 3 名": the judgement's own words. */
  resultText: string | null;
  /** "再增加 3单 可升至第2名". */
  gapText: string | null;
  statedText: string | null;
  highlighted: boolean;
};

export type LeagueReport = {
  level: LeagueLevel;
  month: Month;
  title: string;
  /** What is ranked, with its unit: "促成“保姆式”服务单数（单）". */
  subject: string;
  valueHeading: string;
  /** The figure's unit ("%" for the score). */
  unit: string;
  dateText: string;
  /** Decimals and whether the value is a ratio shown as a percentage (the score). */
  decimals: number;
  percent: boolean;
  rows: LeagueReportRow[];
  rankedCount: number;
  unreportedCount: number;
  hasTargets: boolean;
  /** "达成情况（本年1—10月）": the column of the judgements, which are on the year to the month. */
  resultHeading: string;
  /** What the judgements are on, under the table (null without targets). */
  judgedText: string | null;
  hasStated: boolean;
  shortfallLines: string[];
  notes: string[];
  /**
   * Why there is no table to read: "尚无同级单位数据" while the home unit is alone among its peers (a
   * place of 1 of 1 would mislead), "还没有镇街" without towns; null when there is a league.
   */
  emptyText: string | null;
};

export const NO_PEERS_TEXT = "尚无同级单位数据";
export const NO_TOWNS_TEXT = "还没有镇街";

/**
 * Whether a league has anyone to compare with. Peers come only from the province's bulletin: until
 * one of them has a figure for the month, the home unit would stand 1 of 1. Towns are listed even
 * when they have not reported (who is missing matters), so only having none is empty.
 */
export function leagueEmptyText(
  level: LeagueLevel,
  units: readonly { id: number }[],
  highlight: number | null,
  values: ReadonlyMap<number, number | null>,
): string | null {
  const others = units.filter((unit) => unit.id !== highlight);
  if (level === "towns") return others.length === 0 ? NO_TOWNS_TEXT : null;
  return others.some((unit) => (values.get(unit.id) ?? null) !== null) ? null : NO_PEERS_TEXT;
}

export function leagueTitle(homeShortName: string, month: Month, level: LeagueLevel): string {
  const { year, month: m } = monthParts(month);
  return `${homeShortName}科协关于${year}年${m}月${LEAGUE_LEVEL_LABELS[level]}天府科技云工作情况的通报`;
}

const fallsShort = (judgement: Judgement) => judgement.status === "red" || judgement.status === "amber";

export function buildLeagueReport(input: LeagueReportInput): LeagueReport {
  const scoring = input.indicator === null;
  const ranked = input.indicator ?? { ...ATTAINMENT_SCORE, key: SCORE_KEY, name: SCORE_NAME, unit: "%" };
  const table = leagueTable<number, Judgement>({
    indicator: ranked,
    units: input.units.map((unit) => ({
      unit: unit.id,
      name: unit.name,
      value: input.values.get(unit.id) ?? null,
      judgement: input.judgements?.get(unit.id) ?? null,
    })),
    previous: input.previous ? new Map(input.previous) : null,
    highlight: input.highlight ?? null,
  });

  const shownValue = (value: number) => (scoring ? formatPercent(value) : formatNumber(value, ranked.decimals));
  const rows = table.rows.map((row, index): LeagueReportRow => {
    const judgement = row.judgement;
    const stated = input.stated?.get(row.unit) ?? null;
    return {
      seq: index + 1,
      unitId: row.unit,
      name: row.name,
      rank: row.rank,
      tied: row.tied,
      rankText: row.rank === null ? "—" : row.tied ? `${row.rank}（并列）` : String(row.rank),
      change: row.change,
      changeText: formatRankChange(row.change),
      value: row.value,
      valueText: row.value === null ? UNREPORTED_LABEL : shownValue(row.value),
      targetText: judgement?.label ?? null,
      status: judgement?.status ?? null,
      statusLabel: judgement?.statusLabel ?? null,
      resultText: judgement?.resultText ?? null,
      gapText: gapWords(row, ranked, scoring),
      statedText: stated ? formatRank(stated.rank, stated.rankedUnits) : null,
      highlighted: row.highlighted,
    };
  });

  const lines = scoring ? scoreShortfall(table.rows, input.scores) : shortfallLines(shortfall(table.rows, fallsShort));
  return {
    level: input.level,
    month: input.month,
    title: leagueTitle(input.homeShortName, input.month, input.level),
    subject: scoring ? `${SCORE_NAME}（各项目标达成率的平均，单项最高按100%计）` : `${ranked.name}（${ranked.unit}）`,
    valueHeading: scoring ? "综合达成率" : `${ranked.name}（${ranked.unit}）`,
    unit: ranked.unit,
    dateText: formatCalendarDate(beijingDate(input.today), true),
    decimals: ranked.decimals,
    percent: scoring,
    rows,
    rankedCount: table.rankedCount,
    unreportedCount: table.unreportedCount,
    hasTargets: rows.some((row) => row.targetText !== null),
    resultHeading: `达成情况（本年${yearSpan(input.month)}）`,
    judgedText: judgedWords(input.month, scoring, rows.some((row) => row.targetText !== null) || (input.scores?.size ?? 0) > 0),
    hasStated: rows.some((row) => row.statedText !== null),
    shortfallLines: lines,
    notes: [...(input.notes ?? [])],
    emptyText: leagueEmptyText(input.level, input.units, input.highlight ?? null, input.values),
  };
}

/** "1—10月", or "1月" in January. */
function yearSpan(month: Month): string {
  const { month: m } = monthParts(month);
  return m === 1 ? "1月" : `1—${m}月`;
}

/**
 * A town's targets are the year's (a share of the district's): each is judged on the year to the
 * table's month, as on every other page; the value column is the month's own figure.
 */
function judgedWords(month: Month, scoring: boolean, judged: boolean): string | null {
  if (!judged) return null;
  const { month: m } = monthParts(month);
  const span = yearSpan(month);
  return scoring
    ? `综合达成率为各项目标按全年要求评估（本年${span}）的达成率的平均。`
    : `目标按全年要求评估：达成情况按本年${span}计（如“月均不少于”为${span}的月均），数值列为${m}月当月数。`;
}

function gapWords(row: LeagueRow<number, Judgement>, ranked: LeagueIndicator, scoring: boolean): string | null {
  if (!row.gap) return null;
  const amount = scoring ? `${formatNumber(row.gap.amount * 100, 2)} 个百分点` : formatExact(row.gap.amount, ranked);
  const verb = scoring || ranked.kind === "rate" ? "再提高" : "再增加";
  return `${verb} ${amount} 可升至第${row.gap.toRank}名`;
}

/** "未达标：格里坪镇（促成“保姆式”服务单数）" and "未填报：…": who misses a target on the score table. */
function scoreShortfall(rows: readonly LeagueRow<number, Judgement>[], scores: ReadonlyMap<number, UnitScore> | undefined): string[] {
  const short: string[] = [];
  const unreported: string[] = [];
  for (const row of rows) {
    const score = scores?.get(row.unit);
    if (!score || score.score.score === null) continue;
    if (score.short.length > 0) short.push(`${row.name}（${score.short.join("、")}）`);
    if (score.score.missing.length > 0) unreported.push(row.name);
  }
  const lines: string[] = [];
  if (short.length > 0) lines.push(`未达标：${short.join("、")}`);
  if (unreported.length > 0) lines.push(`${UNREPORTED_LABEL}（部分指标）：${unreported.join("、")}`);
  return lines;
}
