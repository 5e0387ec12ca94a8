"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Axis } from "@/lib/chart-scale";
import { GRID, RANK_COLORS, TARGET, TEXT } from "../chart-colors";
import type { RankChartProps } from "../rank-chart";

/** Provincial ranks over time on the reversed, zoomed axis the static drawing uses (lib/chart-scale). */
export function InteractiveRankChart({ rows, series, target, axis }: RankChartProps & { axis: Axis }) {
  return (
    <div className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis
            reversed
            allowDecimals={false}
            domain={axis.domain}
            ticks={axis.ticks}
            interval={0}
            tick={{ fontSize: 12 }}
            tickFormatter={(rank: number) => `第${rank}`}
            width={56}
          />
          <Tooltip itemStyle={{ color: TEXT }} formatter={(value, name) => [`第${String(value)}名`, String(name)]} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: TEXT }}>{String(value)}</span>} />}
          {target != null && (
            <ReferenceLine
              y={target}
              stroke={TARGET}
              strokeDasharray="6 3"
              label={{ value: `目标 第${target}名`, position: "insideBottomRight", fill: TARGET, fontSize: 11 }}
            />
          )}
          {series.map((line, index) => (
            <Line
              key={line.key}
              type="linear"
              dataKey={line.key}
              name={line.name}
              stroke={RANK_COLORS[index % RANK_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
