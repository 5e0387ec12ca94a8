/**
 * The 2023 figures of the 西区科协, exactly as its 2024 budget explanation states them
 * (shared/seed/000_4a52f02cc49526b5.txt, 一（二）1–4). Flows are whole-year totals stored against
 * the year "2023"; stocks, rates and ranks are the position at 2023-12-31 24:00, stored against 2023-12.
 */
export const BASELINE_SOURCE = "《攀枝花市西区科学技术协会2024年部门预算编制说明》，截止2023年12月31日24:00";

export const BASELINE_ORGANIZATION = {
  code: "panzhihua-xiqu",
  name: "攀枝花市西区科学技术协会",
  shortName: "西区",
} as const;

export const BASELINE_YEAR_TOTALS: Readonly<Record<string, number>> = {
  users_new: 3918,
  users_new_individual: 3891,
  users_new_scitech: 114,
  users_new_org: 27,
  supply_new: 943,
  demand_new: 2009,
  deals_new: 32,
  studio_new: 331,
};

export const BASELINE_YEAR_END: Readonly<Record<string, number>> = {
  users_total: 14312,
  supply_total: 8810,
  supply_total_rank: 1,
  // 成交金额累计1.39亿元
  deal_amount_total: 13900,
  nanny_done_total: 3702,
  nanny_following: 5153,
  nanny_total: 8855,
  studio_total: 1525,
  studio_premium: 1,
  popsci_posts_total: 553,
  popsci_per_capita: 67.88,
  popsci_per_capita_rank: 3,
  popsci_coverage_rate: 4.87,
  popsci_coverage_rate_rank: 14,
  popsci_volume: 878.44,
  popsci_volume_rank: 12,
  popsci_coverage_people: 6299,
};

export const BASELINE_YEAR = "2023";
export const BASELINE_YEAR_END_MONTH = "2023-12";

/**
 * 按照省科协要求，我区促成符合“保姆式”服务标准的科技供需对接平均每月不少于34单: a standing requirement
 * of the province, stated in the 2024 explanation, so it applies from 2024 onward until replaced.
 */
export const BASELINE_TARGETS = [
  { indicatorKey: "nanny_new", fromYear: 2024, untilYear: null, rule: "monthly_avg", comparator: "at_least", value: 34, source: "省科协要求" },
] as const;

/**
 * Targets added with the demo months, to show every kind of rule at work, for the years the demo
 * months fall in; marked demo and removed with them.
 */
export function demoTargets(fromYear: number, untilYear: number) {
  const demo = { fromYear, untilYear, source: "示例目标（演示用）" } as const;
  return [
    { ...demo, indicatorKey: "users_new", rule: "annual_total", comparator: "at_least", value: 4000 },
    { ...demo, indicatorKey: "popsci_coverage_rate", rule: "year_end_level", comparator: "at_least", value: 12 },
    { ...demo, indicatorKey: "popsci_coverage_rate_rank", rule: "rank_at_most", comparator: "at_most", value: 10 },
    { ...demo, indicatorKey: "supply_total_rank", rule: "rank_at_most", comparator: "at_most", value: 1 },
  ] as const;
}
