/**
 * The indicator catalog: what the provincial Tianfu Sci-Tech Cloud platform judges a district by.
 * The database holds the live catalog (an administrator may rename or retire an indicator);
 * `CATALOG` is the initial version that the seed inserts, taken from the 2024 budget explanation
 * of the 西区科协 (shared/seed/000_4a52f02cc49526b5.txt).
 */

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

export const CATALOG: readonly IndicatorDefinition[] = [
  define({ key: "users_new", name: "新增注册用户", unit: "户", category: "平台注册", kind: "flow",
    description: "当月在天府科技云新注册的用户数，等于新增个人用户与新增企事业单位之和" }),
  define({ key: "users_new_individual", name: "新增个人用户", unit: "人", category: "平台注册", kind: "flow",
    parentKey: "users_new", parentRelation: "component" }),
  define({ key: "users_new_scitech", name: "其中：新增科技工作者", unit: "人", category: "平台注册", kind: "flow",
    parentKey: "users_new_individual", parentRelation: "subset" }),
  define({ key: "users_new_org", name: "新增企事业单位", unit: "家", category: "平台注册", kind: "flow",
    parentKey: "users_new", parentRelation: "component" }),
  define({ key: "users_total", name: "累计注册用户", unit: "人", category: "平台注册", kind: "stock",
    accumulatesKey: "users_new" }),

  define({ key: "supply_new", name: "新增发布科技所能", unit: "条", category: "供需对接", kind: "flow" }),
  define({ key: "supply_total", name: "累计发布科技所能", unit: "条", category: "供需对接", kind: "stock",
    accumulatesKey: "supply_new" }),
  define({ key: "supply_total_rank", name: "累计发布科技所能全省排名", unit: "名", category: "供需对接", kind: "rank",
    ranksKey: "supply_total" }),
  define({ key: "demand_new", name: "新增发布科技所需", unit: "条", category: "供需对接", kind: "flow" }),
  define({ key: "deals_new", name: "新增达成交易", unit: "个", category: "供需对接", kind: "flow" }),
  define({ key: "deal_amount_total", name: "累计成交金额", unit: "万元", category: "供需对接", kind: "stock",
    decimals: 2 }),

  define({ key: "nanny_new", name: "促成“保姆式”服务单数", unit: "单", category: "保姆式服务", kind: "flow",
    description: "当月促成符合“保姆式”服务标准的科技供需对接单数；省科协要求平均每月不少于34单" }),
  define({ key: "nanny_total", name: "累计提供保姆服务", unit: "单", category: "保姆式服务", kind: "stock",
    description: "等于已完成与正在服务跟进之和" }),
  define({ key: "nanny_done_total", name: "已完成“保姆”服务", unit: "单", category: "保姆式服务", kind: "stock",
    parentKey: "nanny_total", parentRelation: "component" }),
  define({ key: "nanny_following", name: "正在服务跟进", unit: "单", category: "保姆式服务", kind: "stock",
    parentKey: "nanny_total", parentRelation: "component" }),

  define({ key: "studio_new", name: "新装修工作室", unit: "个", category: "科创工作室", kind: "flow" }),
  define({ key: "studio_total", name: "累计开设工作室", unit: "家", category: "科创工作室", kind: "stock",
    accumulatesKey: "studio_new" }),
  define({ key: "studio_premium", name: "其中：精品工作室", unit: "家", category: "科创工作室", kind: "stock",
    parentKey: "studio_total", parentRelation: "subset" }),

  define({ key: "popsci_posts_total", name: "累计发布科普动态信息", unit: "条", category: "科普", kind: "stock" }),
  define({ key: "popsci_per_capita", name: "人均科普服务量", unit: "条", category: "科普", kind: "rate", decimals: 2,
    description: "科普服务量 ÷ 辖区人口" }),
  define({ key: "popsci_per_capita_rank", name: "人均科普服务量全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_per_capita" }),
  define({ key: "popsci_coverage_rate", name: "精准科普覆盖率", unit: "%", category: "科普", kind: "rate", decimals: 2,
    description: "精准科普覆盖人数 ÷ 辖区人口" }),
  define({ key: "popsci_coverage_rate_rank", name: "精准科普覆盖率全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_coverage_rate" }),
  define({ key: "popsci_volume", name: "科普服务量", unit: "万人次", category: "科普", kind: "stock", decimals: 2 }),
  define({ key: "popsci_volume_rank", name: "科普服务量全省排名", unit: "名", category: "科普", kind: "rank",
    ranksKey: "popsci_volume" }),
  define({ key: "popsci_coverage_people", name: "精准科普覆盖人数", unit: "人", category: "科普", kind: "stock" }),
];

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
