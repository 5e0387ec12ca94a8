"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type RankSeries = { key: string; name: string };
export type RankRow = { label: string } & Record<string, number | string | null>;

const COLORS = ["#1d5fbf", "#059669", "#b45309", "#7c3aed", "#db2777"];

/** Provincial ranks over time on a reversed axis: first place at the top, so up means better. */
export function RankChart({
  rows,
  series,
  target,
  compact = false,
  width,
}: {
  rows: RankRow[];
  series: RankSeries[];
  /** A "rank at most N" target, drawn as a line. */
  target?: number | null;
  compact?: boolean;
  /** A fixed width in pixels (for print, where the page does not resize the chart). */
  width?: number;
}) {
  const worst = Math.max(1, target ?? 1, ...rows.flatMap((row) => series.map((line) => Number(row[line.key] ?? 1))));
  const ticks = rankTicks(worst);
  return (
    <div className={`${compact ? "h-48" : "h-72"} ${width ? "" : "w-full"}`} style={width ? { width } : undefined} data-chart="ranks">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis
            reversed
            allowDecimals={false}
            domain={[1, ticks.at(-1) ?? worst]}
            ticks={ticks}
            tick={{ fontSize: 12 }}
            tickFormatter={(rank: number) => `第${rank}`}
            width={52}
          />
          <Tooltip formatter={(value, name) => [`第${String(value)}名`, String(name)]} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {target != null && (
            <ReferenceLine
              y={target}
              stroke="#b45309"
              strokeDasharray="6 3"
              label={{ value: `目标 第${target}名`, position: "insideBottomRight", fill: "#b45309", fontSize: 11 }}
            />
          )}
          {series.map((line, index) => (
            <Line
              key={line.key}
              type="linear"
              dataKey={line.key}
              name={line.name}
              stroke={COLORS[index % COLORS.length]}
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

/** Ticks a reader can use: first place, then round places down to the worst one shown. */
function rankTicks(worst: number): number[] {
  const step = worst <= 6 ? 1 : worst <= 12 ? 2 : worst <= 30 ? 5 : worst <= 60 ? 10 : 50;
  const ticks = [1];
  for (let tick = step; tick < worst + step; tick += step) if (tick > 1) ticks.push(tick);
  return ticks;
}
