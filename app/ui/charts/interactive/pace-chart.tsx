"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Axis } from "@/lib/chart-scale";
import { axisLabeller } from "@/lib/format";
import { GRID, MET, PACE, TARGET, TEXT } from "../chart-colors";
import type { PaceChartProps } from "../pace-chart";

/** An annual total's year-to-date sum against the expected pace X·m/12, with the year's X as a line. */
export function InteractivePaceChart({ data, target, unit, axis }: PaceChartProps & { axis: Axis }) {
  const tickLabel = axisLabeller(axis.ticks);
  return (
    <div className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="equidistantPreserveStart" />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={tickLabel} width={56} domain={axis.domain} ticks={axis.ticks} interval={0} />
          <Tooltip itemStyle={{ color: TEXT }} formatter={(value, name) => [`${String(value)}${unit}`, String(name)]} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: TEXT }}>{String(value)}</span>} />
          <ReferenceLine y={target} stroke={TARGET} strokeDasharray="6 3" label={{ value: `全年目标 ${target}`, position: "insideTopLeft", fill: TARGET, fontSize: 12 }} />
          <Line type="linear" dataKey="expected" name="按进度应达" stroke={PACE} strokeDasharray="4 4" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="actual" name="本年累计" stroke={MET} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
