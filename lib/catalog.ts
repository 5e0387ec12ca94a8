/**
 * The indicator catalog: what the provincial Tianfu Sci-Tech Cloud platform judges a district by.
 * The database holds the live catalog (an administrator may rename or retire an indicator);
 * `CATALOG` is the initial version that the seed inserts, taken from the 2024 budget explanation
 * of the 西区科协 (shared/seed/000_4a52f02cc49526b5.txt).
 */
import type { Month } from "./periods";

export const INDICATOR_KINDS = ["flow", "stock", "rate", "rank"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Whether a larger number is better ("up") or worse ("down", as for ranks). */
export const DIRECTIONS = ["up", "down"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * How a breakdown relates to its parent: "component" parts add up to the parent
 * (新增个人用户 + 新增企事业单位 = 新增注册用户); a "subset" is contained in it (其中新增科技工作者).
 */
export const PARENT_RELATIONS = ["component", "subset"] as const;
export type ParentRelation = (typeof PARENT_RELATIONS)[number];

export const CATEGORIES = ["平台注册", "供需对接", "保姆式服务", "科创工作室", "科普"] as const;

export const KIND_LABELS: Record<IndicatorKind, string> = {
  flow: "当月新增",
  stock: "月末累计",
  rate: "月末比率",
  rank: "全省排名",
};

/** An indicator as the domain sees it, whether it comes from the database or from `CATALOG`. */
export type IndicatorDefinition = {
  key: string;
  name: string;
  unit: string;
  category: string;
  kind: IndicatorKind;
  direction: Direction;
  decimals: number;
  parentKey: string | null;
  parentRelation: ParentRelation | null;
  /** For a stock: the flow it accumulates (累计 this month − 累计 last month = 新增 this month). */
  accumulatesKey: string | null;
  /** For a rank: the indicator whose provincial ranking it is. */
  ranksKey: string | null;
  description: string;
};

export function isPercentage(indicator: Pick<IndicatorDefinition, "unit">): boolean {
  return indicator.unit === "%";
}

type Entry = Partial<IndicatorDefinition> &
  Pick<IndicatorDefinition, "key" | "name" | "unit" | "category" | "kind">;

function define(entry: Entry): IndicatorDefinition {
  return {
    direction: entry.kind === "rank" ? "down" : "up",
    decimals: 0,
    parentKey: null,
    parentRelation: null,
    accumulatesKey: null,
    ranksKey: null,
    description: "",
    ...entry,
  };
}

/** Where the document is silent on which page of 天府科技云 shows a figure, the definition says so. */
const WHERE_SILENT = "在天府科技云何处查看：文件只说明数据来自天府科技云平台，未写明具体页面。";
const RANK_SOURCE = "来源：省科协全省排名通报；文件未写明通报名称、发布频率和参与排名的单位数（通报给出时请一并填写）。";

/**
 * The catalog as the 2024 budget explanation describes it. Each description says what is counted,
 * whether it is a month's new figure or a month-end level, whether a 累计 runs on across years (where
 * the document shows it), and plainly where the document is silent.
 */
export const CATALOG: readonly IndicatorDefinition[] = [
  define({ key: "users_new", name: "新增注册用户", unit: "户", category: "平台注册", kind: "flow",
    description: `当月在天府科技云新注册的用户数，等于新增个人用户与新增企事业单位之和（2023年全年：3918户 = 3891人 + 27家）。每月填当月新增，季度、年度为各月合计。${WHERE_SILENT}` }),
  define({ key: "users_new_individual", name: "新增个人用户", unit: "人", category: "平台注册", kind: "flow",
    parentKey: "users_new", parentRelation: "component",
    description: `当月新注册的个人用户数，是新增注册用户的组成部分（2023年全年3891人）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "users_new_scitech", name: "其中：新增科技工作者", unit: "人", category: "平台注册", kind: "flow",
    parentKey: "users_new_individual", parentRelation: "subset",
    description: `新增个人用户中的科技工作者人数，不超过新增个人用户（2023年全年114人）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "users_new_org", name: "新增企事业单位", unit: "家", category: "平台注册", kind: "flow",
    parentKey: "users_new", parentRelation: "component",
    description: `当月新注册的企事业单位数，是新增注册用户的组成部分（2023年全年27家）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "users_total", name: "累计注册用户", unit: "人", category: "平台注册", kind: "stock",
    accumulatesKey: "users_new",
    description: `截至月末在天府科技云注册的用户总数（2023年末14312人）。累计跨年、不按年清零：文件中2023年新增3918户而累计达14312人，累计含以前年度。应等于上月累计加本月新增注册用户（文件对新增用“户”、对累计用“人”，口径是否完全一致未说明）。${WHERE_SILENT}` }),

  define({ key: "supply_new", name: "新增发布科技所能", unit: "条", category: "供需对接", kind: "flow",
    description: `当月在天府科技云新发布的“科技所能”信息条数（2023年全年943条）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "supply_total", name: "累计发布科技所能", unit: "条", category: "供需对接", kind: "stock",
    accumulatesKey: "supply_new",
    description: `截至月末累计发布的“科技所能”条数（2023年末8810条，全省第1名）。累计跨年、不按年清零：2023年新增943条而累计8810条。应等于上月累计加本月新增发布科技所能。${WHERE_SILENT}` }),
  define({ key: "supply_total_rank", name: "累计发布科技所能全省排名", unit: "名", category: "供需对接", kind: "rank",
    ranksKey: "supply_total",
    description: `累计发布科技所能在全省的名次，名次越小越好（2023年末第1名）。${RANK_SOURCE}` }),
  define({ key: "demand_new", name: "新增发布科技所需", unit: "条", category: "供需对接", kind: "flow",
    description: `当月在天府科技云新发布的“科技所需”信息条数（2023年全年2009条）。每月填当月新增；文件没有给出它的累计数。${WHERE_SILENT}` }),
  define({ key: "deals_new", name: "新增达成交易", unit: "个", category: "供需对接", kind: "flow",
    description: `当月新达成的供需对接交易数（2023年全年32个）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "deal_amount_total", name: "累计成交金额", unit: "万元", category: "供需对接", kind: "stock",
    decimals: 2,
    description: `截至月末的累计成交金额，以万元填写（2023年末1.39亿元，即13900万元）。文件只写“成交金额累计1.39亿元”，未说明从何时起算、是否跨年累计。${WHERE_SILENT}` }),

  define({ key: "nanny_new", name: "促成“保姆式”服务单数", unit: "单", category: "保姆式服务", kind: "flow",
    description: `当月促成的、符合“保姆式”服务标准的科技供需对接单数。省科协要求平均每月不少于34单（文件原文：“按照省科协要求，我区促成符合‘保姆式’服务标准的科技供需对接平均每月不少于34单”），该要求自2024年起长期适用，直到省里调整。每月填当月新增；文件没有给出2023年的月度数字。${WHERE_SILENT}` }),
  define({ key: "nanny_total", name: "累计提供保姆服务", unit: "单", category: "保姆式服务", kind: "stock",
    description: `截至月末累计提供“保姆式”服务的单数，等于已完成与正在服务跟进之和（2023年末8855单 = 3702单 + 5153单）。累计从何时起算、是否跨年，文件未说明。${WHERE_SILENT}` }),
  define({ key: "nanny_done_total", name: "已完成“保姆”服务", unit: "单", category: "保姆式服务", kind: "stock",
    parentKey: "nanny_total", parentRelation: "component",
    description: `截至月末已完成的“保姆”服务单数，是累计提供保姆服务的组成部分（2023年末3702单）。文件未说明这是当年数还是开展以来的累计数。${WHERE_SILENT}` }),
  define({ key: "nanny_following", name: "正在服务跟进", unit: "单", category: "保姆式服务", kind: "stock",
    parentKey: "nanny_total", parentRelation: "component",
    description: `月末仍在服务跟进中的单数，是时点数而非累计数，是累计提供保姆服务的组成部分（2023年末5153单）。${WHERE_SILENT}` }),

  define({ key: "studio_new", name: "新装修工作室", unit: "个", category: "科创工作室", kind: "flow",
    description: `当月新装修的科创工作室数（2023年全年331个）。每月填当月新增。${WHERE_SILENT}` }),
  define({ key: "studio_total", name: "累计开设工作室", unit: "家", category: "科创工作室", kind: "stock",
    accumulatesKey: "studio_new",
    description: `截至月末累计开设的科创工作室数（2023年末1525家）。累计跨年、不按年清零：2023年新装修331个而累计1525家。系统按“本月累计 = 上月累计 + 本月新装修”核对；文件对两者分别用“装修”和“开设”，是否同一口径未说明。${WHERE_SILENT}` }),
  define({ key: "studio_premium", name: "其中：精品工作室", unit: "家", category: "科创工作室", kind: "stock",
    parentKey: "studio_total", parentRelation: "subset",
    description: `累计开设的工作室中获得“精品工作室”称号的数量，不超过累计开设工作室（2023年末1家）。${WHERE_SILENT}` }),

  define({ key: "popsci_posts_total", name: "累计发布科普动态信息", unit: "条", category: "科普", kind: "stock",
    description: `天府科技云平台累计发布的本区科普动态信息条数（2023年末553条）。累计从何时起算、是否跨年，文件未说明。${WHERE_SILENT}` }),
  define({ key: "popsci_per_capita", name: "人均科普服务量", unit: "条", category: "科普", kind: "rate", decimals: 2,
    description: `月末的人均科普服务量（2023年末67.88条，全省第3名），即科普服务量 ÷ 辖区人口（2023年数字隐含人口约12.94万）。文件只给出数值，未写明统计起点和是否按年重新计算。${WHERE_SILENT}` }),
  define({ key: "popsci_per_capita_rank", name: "人均科普服务量全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_per_capita",
    description: `人均科普服务量在全省的名次，名次越小越好（2023年末第3名）。${RANK_SOURCE}` }),
  define({ key: "popsci_coverage_rate", name: "精准科普覆盖率", unit: "%", category: "科普", kind: "rate", decimals: 2,
    description: `月末的精准科普覆盖率（2023年末4.87%，全省第14名），即精准科普覆盖人数 ÷ 辖区人口（6299 ÷ 约12.94万）。比率的变化按“个百分点”计。文件未说明是否按年重新计算。${WHERE_SILENT}` }),
  define({ key: "popsci_coverage_rate_rank", name: "精准科普覆盖率全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_coverage_rate",
    description: `精准科普覆盖率在全省的名次，名次越小越好（2023年末第14名）。${RANK_SOURCE}` }),
  define({ key: "popsci_volume", name: "科普服务量", unit: "万人次", category: "科普", kind: "stock", decimals: 2,
    description: `月末的科普服务量，以万人次填写（2023年末878.44万人次，全省第12名）。文件写“科普服务量达到878.44万人次”，未说明是当年数还是跨年累计。${WHERE_SILENT}` }),
  define({ key: "popsci_volume_rank", name: "科普服务量全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_volume",
    description: `科普服务量在全省的名次，名次越小越好（2023年末第12名）。${RANK_SOURCE}` }),
  define({ key: "popsci_coverage_people", name: "精准科普覆盖人数", unit: "人", category: "科普", kind: "stock",
    description: `月末的精准科普覆盖人数（2023年末6299人），与精准科普覆盖率以同一辖区人口为基数。文件未说明是否跨年累计。${WHERE_SILENT}` }),
];

/**
 * The descriptions the first versions of the seed wrote: a database still holding one of these (or
 * none) gets the definition above; one an administrator wrote is left alone.
 */
export const EARLIER_SEEDED_DESCRIPTIONS: Readonly<Record<string, string>> = {
  users_new: "当月在天府科技云新注册的用户数，等于新增个人用户与新增企事业单位之和",
  nanny_new: "当月促成符合“保姆式”服务标准的科技供需对接单数；省科协要求平均每月不少于34单",
  nanny_total: "等于已完成与正在服务跟进之和",
  popsci_per_capita: "科普服务量 ÷ 辖区人口",
  popsci_coverage_rate: "精准科普覆盖人数 ÷ 辖区人口",
};

/** When an indicator is reported: from its first month (if recorded) until the month it was retired from. */
export type Tenure = { active: boolean; inForceFrom: string | null; retiredFrom: string | null };

/** An indicator with when it was reported: what the as-of-period rules work on. */
export type CatalogEntry = IndicatorDefinition & Tenure;

/** Whether an indicator is reported for `month`. A retirement recorded without a month counts from the start. */
export function inForceIn(tenure: Tenure, month: Month): boolean {
  if (tenure.inForceFrom !== null && month < tenure.inForceFrom) return false;
  if (tenure.retiredFrom !== null) return month < tenure.retiredFrom;
  return tenure.active;
}

/**
 * The catalog as it stood over `months`: every indicator in force in any of them, and any that holds
 * a figure there (a figure shows it was reported then, whatever happened to it since).
 */
export function catalogAsOf<T extends Tenure & { key: string }>(
  all: readonly T[],
  months: readonly Month[],
  hasFigure: (key: string, month: Month) => boolean,
): T[] {
  return all.filter((indicator) => months.some((month) => inForceIn(indicator, month) || hasFigure(indicator.key, month)));
}

/**
 * The catalog the consistency checks of `month` run on: every indicator that had begun by then,
 * retired or not. A check needs every figure it compares, so a part retired later (and holding no
 * figure) leaves its whole unchecked instead of firing a false sum warning, and a part added later
 * leaves the older months' sums checked as they were.
 */
export function catalogForChecks<T extends Tenure>(all: readonly T[], month: Month): T[] {
  return all.filter((indicator) => indicator.inForceFrom === null || month >= indicator.inForceFrom);
}

export function groupByCategory<T extends { category: string }>(indicators: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const indicator of indicators) {
    const group = groups.get(indicator.category) ?? [];
    group.push(indicator);
    groups.set(indicator.category, group);
  }
  return [...groups];
}

/** How deep an indicator sits in its breakdown (0 for a top-level indicator). */
export function breakdownDepth(
  indicator: Pick<IndicatorDefinition, "parentKey">,
  byKey: ReadonlyMap<string, Pick<IndicatorDefinition, "parentKey">>,
): number {
  let depth = 0;
  for (let parent = indicator.parentKey; parent; parent = byKey.get(parent)?.parentKey ?? null) depth += 1;
  return depth;
}
