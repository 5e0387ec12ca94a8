"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "@/lib/chart-scale";

export type NannyBar = { label: string; value: number | null; below: boolean; demo: boolean };

const MET = "#1d5fbf";
const BELOW = "#dc2626";

/** Orders per month as bars, the monthly target as a line, and the months below it in red. */
export function NannyChart({
  data,
  threshold,
  unit,
  width,
}: {
  data: NannyBar[];
  threshold: number | null;
  unit: string;
  /** A fixed width in pixels (for print, where the page does not resize the chart). */
  width?: number;
}) {
  const axis = valueAxis([threshold, ...data.map((d) => d.value)], { fromZero: true, integer: true });
  return (
    <div className={width ? "h-60" : "h-64 w-full"} style={width ? { width } : undefined} data-chart="nanny">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="equidistantPreserveStart" />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} domain={axis.domain} ticks={axis.ticks} interval={0} />
          <Tooltip
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
              stroke="#b45309"
              strokeDasharray="6 3"
              strokeWidth={2}
              label={{ value: `目标 ${threshold}`, position: "insideTopRight", fill: "#b45309", fontSize: 12 }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
