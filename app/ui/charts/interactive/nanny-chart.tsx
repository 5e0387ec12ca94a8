"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Axis } from "@/lib/chart-scale";
import { BELOW, GRID, MET, TARGET, TEXT } from "../chart-colors";
import type { NannyChartProps } from "../nanny-chart";

/** Orders per month as bars, the monthly target as a line, and the months below it in red. */
export function InteractiveNannyChart({ data, threshold, unit, axis }: NannyChartProps & { axis: Axis }) {
  return (
    <div className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="equidistantPreserveStart" />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} domain={axis.domain} ticks={axis.ticks} interval={0} />
          <Tooltip itemStyle={{ color: TEXT }}
            formatter={(value) => [`${String(value)}${unit}`, "促成单数"]}
            labelFormatter={(label) => String(label)}
          />
          <Bar dataKey="value" name="促成单数" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((bar) => (
              <Cell key={bar.label} fill={bar.below ? BELOW : MET} fillOpacity={bar.demo ? 0.7 : 1} />
            ))}
          </Bar>
          {threshold !== null && (
            <ReferenceLine
              y={threshold}
              stroke={TARGET}
              strokeDasharray="6 3"
              strokeWidth={2}
              label={{ value: `目标 ${threshold}`, position: "insideTopRight", fill: TARGET, fontSize: 12 }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
