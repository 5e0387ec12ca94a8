"use client";

import { lazy } from "react";
import { valueAxis } from "@/lib/chart-scale";
import { axisLabeller } from "@/lib/format";
import { MET } from "./chart-colors";
import { DeferredChart } from "./deferred-chart";
import { StaticChart } from "./static-chart";

export type ValuePoint = { label: string; value: number | null };
export type ValueChartProps = { data: ValuePoint[]; name: string; unit: string; integer?: boolean };

const Interactive = lazy(() => import("./interactive/value-chart").then((module) => ({ default: module.InteractiveValueChart })));

/** One figure over consecutive months; a month without a figure is a gap, never a line drawn across it. */
export function ValueChart(props: ValueChartProps) {
  const { data, name, unit, integer = false } = props;
  const axis = valueAxis(data.map((point) => point.value), { integer });
  const tickLabel = axisLabeller(axis.ticks);
  const reported = data.filter((point) => point.value !== null);
  const first = reported[0];
  const last = reported.at(-1);
  return (
    <DeferredChart
      chart="value"
      className="h-64 w-full"
      fallback={
        <StaticChart
          labels={data.map((point) => point.label)}
          axis={axis}
          tickLabel={tickLabel}
          yAxisWidth={64}
          lines={[{ key: "value", name, color: MET, values: data.map((point) => point.value) }]}
          description={`折线图，${name}：${first && last ? `${first.label} ${first.value}${unit}，${last.label} ${last.value}${unit}` : "尚无数据"}${reported.length < data.length ? `；${data.length - reported.length} 个月未填报` : ""}`}
        />
      }
    >
      <Interactive {...props} axis={axis} />
    </DeferredChart>
  );
}
