"use client";

import { lazy } from "react";
import { rankRowsAxis } from "@/lib/chart-scale";
import { RANK_COLORS, TARGET } from "./chart-colors";
import { DeferredChart } from "./deferred-chart";
import { StaticChart } from "./static-chart";

export type RankSeries = { key: string; name: string };
export type RankRow = { label: string } & Record<string, number | string | null>;
export type RankChartProps = {
  rows: RankRow[];
  series: RankSeries[];
  /** A "rank at most N" target, drawn as a line. */
  target?: number | null;
  /** How many units the province ranks, when the bulletins say. */
  rankedUnits?: number | null;
  compact?: boolean;
  /** At most this wide in pixels (the review pack, on paper and on screen); narrower on a phone. */
  width?: number;
};

const Interactive = lazy(() => import("./interactive/rank-chart").then((module) => ({ default: module.InteractiveRankChart })));

function rankOf(row: RankRow, key: string): number | null {
  const value = row[key];
  return typeof value === "number" ? value : null;
}

/**
 * Provincial ranks over time on a reversed axis, first place at the top, zoomed to the places
 * shown and the target (so a move from 第12 to 第18 of 183 is plain to see), with the target
 * place as a line; how many units are ranked is in the description.
 */
export function RankChart(props: RankChartProps) {
  const { rows, series, target = null, rankedUnits = null, compact = false, width } = props;
  const axis = rankRowsAxis(rows, series.map((line) => line.key), { rankedUnits, target });
  const lines = series.map((line, index) => ({
    key: line.key,
    name: line.name,
    color: RANK_COLORS[index % RANK_COLORS.length] ?? RANK_COLORS[0],
    values: rows.map((row) => rankOf(row, line.key)),
  }));
  const latest = lines.map((line) => {
    const index = line.values.findLastIndex((value) => value !== null);
    return index === -1 ? `${line.name}无数据` : `${line.name}${rows[index]?.label ?? ""}第${line.values[index]}名`;
  });
  return (
    <DeferredChart
      chart="ranks"
      className={`${compact ? "h-48" : "h-72"} w-full`}
      maxWidth={width}
      fallback={
        <StaticChart
          labels={rows.map((row) => row.label)}
          axis={axis}
          reversed
          tickLabel={(rank) => `第${rank}`}
          yAxisWidth={44}
          lines={lines}
          references={target === null ? [] : [{ value: target, label: `目标 第${target}名`, color: TARGET, align: "right", below: true }]}
          legend={series.length > 1}
          description={`排名走势图（第1名在上${rankedUnits ? `，共${rankedUnits}个单位` : ""}）：${latest.join("，")}${target === null ? "" : `；目标第${target}名`}`}
        />
      }
    >
      <Interactive {...props} axis={axis} />
    </DeferredChart>
  );
}
