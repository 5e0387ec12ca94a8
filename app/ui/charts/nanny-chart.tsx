"use client";

import { lazy } from "react";
import { valueAxis } from "@/lib/chart-scale";
import { BELOW, MET, TARGET } from "./chart-colors";
import { DeferredChart } from "./deferred-chart";
import { StaticChart } from "./static-chart";

export type NannyBar = { label: string; value: number | null; below: boolean; demo: boolean };
export type NannyChartProps = {
  data: NannyBar[];
  threshold: number | null;
  unit: string;
  /** At most this wide in pixels (the review pack, on paper and on screen); narrower on a phone. */
  width?: number;
};

const Interactive = lazy(() => import("./interactive/nanny-chart").then((module) => ({ default: module.InteractiveNannyChart })));

/** Orders per month as bars, the monthly target as a line, and the months below it in red. */
export function NannyChart(props: NannyChartProps) {
  const { data, threshold, unit, width } = props;
  const axis = valueAxis([threshold, ...data.map((d) => d.value)], { fromZero: true, integer: true });
  const values = data.map((bar) => `${bar.label}${bar.value === null ? "未填报" : `${bar.value}${unit}`}`).join("，");
  return (
    <DeferredChart
      chart="nanny"
      className={width ? "h-60" : "h-64 w-full"}
      maxWidth={width}
      fallback={
        <StaticChart
          labels={data.map((bar) => bar.label)}
          axis={axis}
          tickLabel={String}
          yAxisWidth={48}
          bars={{
            values: data.map((bar) => bar.value),
            colors: data.map((bar) => (bar.below ? BELOW : MET)),
            opacities: data.map((bar) => (bar.demo ? 0.7 : 1)),
          }}
          references={threshold === null ? [] : [{ value: threshold, label: `目标 ${threshold}`, color: TARGET, align: "right" }]}
          description={`柱状图，各月促成单数：${values}${threshold === null ? "" : `；目标 ${threshold}${unit}`}`}
          maxLabels={6}
        />
      }
    >
      <Interactive {...props} axis={axis} />
    </DeferredChart>
  );
}
