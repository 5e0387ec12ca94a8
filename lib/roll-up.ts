/**
 * The roll-up check: for a flow the towns report, the towns' sum against the district's own
 * figure. A difference is a consistency warning, never a correction — the platform's district
 * figure stays the one of record (towns may not cover every 社区, and the platform counts what it
 * counts). Checked when every town in use has reported, or sooner when those that have already
 * exceed the district.
 */
import { compareSum, describeSum } from "./allocation";
import type { IndicatorDefinition } from "./catalog";
import type { Figures, Warning } from "./consistency";
import { formatExact } from "./format";

type RollUpIndicator = Pick<IndicatorDefinition, "key" | "name" | "unit" | "kind" | "decimals">;

export type TownFigures = { name: string; figures: Figures };

/** `indicators`: those the towns report; only flows are summed. */
export function checkRollUp(indicators: readonly RollUpIndicator[], district: Figures, towns: readonly TownFigures[]): Warning[] {
  if (towns.length === 0) return [];
  return indicators.flatMap((indicator): Warning[] => {
    if (indicator.kind !== "flow") return [];
    const own = district.get(indicator.key)?.value;
    if (own === undefined) return [];
    const values = towns.map((town) => town.figures.get(indicator.key)?.value ?? null);
    const reported = values.filter((value) => value !== null).length;
    if (reported === 0) return [];
    const comparison = compareSum(values, own, indicator.decimals);
    const complete = reported === towns.length;
    if (comparison.verdict === "equal" || (!complete && comparison.verdict === "under")) return [];
    const who = complete ? "各镇街" : `已填报的 ${reported}/${towns.length} 个镇街`;
    return [
      {
        code: "roll-up",
        message: `${indicator.name}：${who}${describeSum(comparison, indicator.decimals, indicator.unit, "全区数值")}（全区 ${formatExact(own, indicator)}，以全区数值为准）`,
        keys: [indicator.key],
      },
    ];
  });
}
