"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAxis } from "@/lib/format";

export type ValuePoint = { label: string; value: number | null };

/** One figure over time; months without a figure stay gaps. */
export function ValueChart({ data, name, unit }: { data: ValuePoint[]; name: string; unit: string }) {
  return (
    <div className="h-64 w-full" data-chart="value">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={formatAxis} domain={["auto", "auto"]} width={56} />
          <Tooltip formatter={(value) => [`${String(value)}${unit}`, name]} />
          <Line
            type="monotone"
            dataKey="value"
            name={name}
            stroke="#1d5fbf"
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
