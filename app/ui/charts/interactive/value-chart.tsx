"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Axis } from "@/lib/chart-scale";
import { axisLabeller } from "@/lib/format";
import { GRID, MET, TEXT } from "../chart-colors";
import type { ValueChartProps } from "../value-chart";

/** One figure over consecutive months; a month without a figure is a gap, never a line drawn across it. */
export function InteractiveValueChart({ data, name, unit, axis }: ValueChartProps & { axis: Axis }) {
  const tickLabel = axisLabeller(axis.ticks);
  return (
    <div className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis
            tick={{ fontSize: 12 }}
            domain={axis.domain}
            ticks={axis.ticks}
            interval={0}
            tickFormatter={tickLabel}
            width={64}
          />
          <Tooltip itemStyle={{ color: TEXT }} formatter={(value) => [`${String(value)}${unit}`, name]} />
          <Line
            type="linear"
            dataKey="value"
            name={name}
            stroke={MET}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
