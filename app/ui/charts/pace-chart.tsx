"use client";

import { lazy } from "react";
import type { PacePoint } from "@/lib/dashboard";
import { valueAxis } from "@/lib/chart-scale";
import { axisLabeller } from "@/lib/format";
import { MET, PACE, TARGET } from "./chart-colors";
import { DeferredChart } from "./deferred-chart";
import { StaticChart } from "./static-chart";

export type { PacePoint };
export type PaceChartProps = { data: PacePoint[]; target: number; unit: string };

const Interactive = lazy(() => import("./interactive/pace-chart").then((module) => ({ default: module.InteractivePaceChart })));

/** An annual total's year-to-date sum against the expected pace X·m/12, with the year's X as a line. */
export function PaceChart(props: PaceChartProps) {
  const { data, target, unit } = props;
  const axis = valueAxis([target, ...data.map((point) => point.actual)], { fromZero: true });
  const tickLabel = axisLabeller(axis.ticks);
  const reached = data.filter((point) => point.actual !== null).at(-1);
  return (
    <DeferredChart
      chart="pace"
      className="h-64 w-full"
      fallback={
        <StaticChart
          labels={data.map((point) => point.label)}
          axis={axis}
          tickLabel={tickLabel}
          yAxisWidth={56}
          lines={[
            { key: "expected", name: "按进度应达", color: PACE, values: data.map((point) => point.expected), dashed: true, dots: false, width: 1 },
            { key: "actual", name: "本年累计", color: MET, values: data.map((point) => point.actual) },
          ]}
          references={[{ value: target, label: `全年目标 ${target}`, color: TARGET, align: "left" }]}
          legend
          description={`折线图，本年累计对按进度应达：${reached ? `${reached.label}累计 ${reached.actual}${unit}，应达 ${reached.expected}${unit}` : "尚无数据"}；全年目标 ${target}${unit}`}
        />
      }
    >
      <Interactive {...props} axis={axis} />
    </DeferredChart>
  );
}
