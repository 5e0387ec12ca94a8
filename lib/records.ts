/** Enumerations stored in the database, shared by the schema and the domain. */

/** Where a change to a figure came from. */
export const REVISION_SOURCES = ["form", "import", "seed", "demo", "revert", "script", "baseline_correction", "bulletin"] as const;
export type RevisionSource = (typeof REVISION_SOURCES)[number];

export const REVISION_SOURCE_LABELS: Record<RevisionSource, string> = {
  form: "月度填报",
  import: "导入",
  seed: "基线数据",
  demo: "示例数据",
  revert: "恢复历史值",
  script: "脚本",
  baseline_correction: "更正基线",
  bulletin: "省级通报",
};

export const TARGET_RULES = ["monthly_min", "monthly_avg", "annual_total", "year_end_level", "rank_at_most"] as const;
export type TargetRule = (typeof TARGET_RULES)[number];

export const COMPARATORS = ["at_least", "at_most"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const COMMENT_TOPICS = ["overall", "cause", "next_step"] as const;
export type CommentTopic = (typeof COMMENT_TOPICS)[number];

/** How a revision's source reads beside its period: the form saves whole-year totals too ("全年合计填报"). */
export function revisionSourceLabel(source: RevisionSource, period: string): string {
  return source === "form" && /^\d{4}$/.test(period) ? "全年合计填报" : REVISION_SOURCE_LABELS[source];
}
