import { barBoxes, bandCenters, dotsPath, labelIndexes, linePath, pointPositions, yPercent } from "@/lib/chart-geometry";
import type { Axis } from "@/lib/chart-scale";

/**
 * A chart drawn without the chart library: what a reader sees (and what prints) before Recharts
 * has loaded, or if it never does. Plain HTML for text, grid and reference lines, and one SVG
 * stretched over the plot for bars and lines, so it fits any width; strokes and dots keep their
 * size however the drawing is stretched. Same axes, colours and gaps as the interactive chart.
 */

export type StaticLine = { key: string; name: string; color: string; values: readonly (number | null)[]; dashed?: boolean; dots?: boolean; width?: number };
export type StaticBars = { values: readonly (number | null)[]; colors: readonly string[]; opacities?: readonly number[] };
export type StaticReference = { value: number; label: string; color: string; align: "left" | "right"; below?: boolean };

const PLOT_TOP = 16;
const X_AXIS_HEIGHT = 30;
const PLOT_RIGHT = 16;

export function StaticChart({
  labels,
  axis,
  tickLabel,
  yAxisWidth,
  reversed = false,
  bars,
  lines = [],
  references = [],
  legend = false,
  description,
  maxLabels = 6,
}: {
  /** The category (month) under each point or bar. */
  labels: readonly string[];
  axis: Axis;
  tickLabel: (tick: number) => string;
  yAxisWidth: number;
  reversed?: boolean;
  bars?: StaticBars;
  lines?: readonly StaticLine[];
  references?: readonly StaticReference[];
  legend?: boolean;
  /** What the chart shows, for a screen reader (the drawing itself is an image). */
  description: string;
  /** Labels that fit on a phone; twice as many on a wider screen. */
  maxLabels?: number;
}) {
  const xs = bars ? bandCenters(labels.length) : pointPositions(labels.length);
  // on a wide screen up to twice as many labels; a phone shows every other one of those
  const wideIndexes = labelIndexes(labels.length, maxLabels * 2);
  const wide = new Set(wideIndexes);
  const narrow = new Set(labelIndexes(wideIndexes.length, maxLabels).map((position) => wideIndexes[position]));
  const boxes = bars ? barBoxes(bars.values, axis) : [];
  return (
    <div role="img" aria-label={description} className="flex h-full w-full flex-col text-xs text-slate-600" data-static-chart>
      <div className="relative min-h-0 flex-1">
        <div className="absolute" style={{ top: PLOT_TOP, bottom: X_AXIS_HEIGHT, left: yAxisWidth, right: PLOT_RIGHT }}>
          {axis.ticks.map((tick) => (
            <div key={tick} className="absolute inset-x-0" style={{ top: `${yPercent(tick, axis, reversed)}%` }}>
              <div className="border-t border-dashed border-slate-200" />
              <span className="absolute right-full -translate-y-1/2 whitespace-nowrap pr-2" data-tick>
                {tickLabel(tick)}
              </span>
            </div>
          ))}
          <div className="absolute inset-y-0 left-0 border-l border-slate-400" />
          <div className="absolute inset-x-0 bottom-0 border-t border-slate-400" />
          {boxes.map((box, index) =>
            box ? (
              <div
                key={index}
                className="absolute rounded-t-[3px]"
                data-bar={labels[index]}
                data-color={bars?.colors[index]}
                style={{
                  left: `${box.x}%`,
                  width: `${box.width}%`,
                  top: `${box.top}%`,
                  bottom: `${box.bottom}%`,
                  backgroundColor: bars?.colors[index],
                  opacity: bars?.opacities?.[index] ?? 1,
                }}
              />
            ) : null,
          )}
          <svg className="absolute inset-0 h-full w-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
            {lines.map((line) => (
              <g key={line.key} data-line={line.key}>
                <path
                  d={linePath(line.values, xs, axis, reversed)}
                  fill="none"
                  stroke={line.color}
                  strokeWidth={line.width ?? 2}
                  strokeDasharray={line.dashed ? "4 4" : undefined}
                  vectorEffect="non-scaling-stroke"
                />
                {line.dots !== false && (
                  <>
                    <path d={dotsPath(line.values, xs, axis, reversed)} stroke={line.color} strokeWidth={8} strokeLinecap="round" vectorEffect="non-scaling-stroke" />
                    <path d={dotsPath(line.values, xs, axis, reversed)} stroke="#fff" strokeWidth={4} strokeLinecap="round" vectorEffect="non-scaling-stroke" />
                  </>
                )}
              </g>
            ))}
          </svg>
          {references.map((reference) => (
            <div key={`${reference.label}-${reference.value}`} className="absolute inset-x-0" style={{ top: `${yPercent(reference.value, axis, reversed)}%` }}>
              <div className="border-t-2 border-dashed" style={{ borderColor: reference.color }} />
              <span
                className={`absolute whitespace-nowrap px-1 font-medium ${reference.align === "left" ? "left-0" : "right-0"} ${reference.below ? "top-0.5" : "bottom-0.5"}`}
                style={{ color: reference.color }}
                data-reference
              >
                {reference.label}
              </span>
            </div>
          ))}
          {labels.map((label, index) =>
            wide.has(index) ? (
              <span
                key={`${label}-${index}`}
                className={`absolute top-full mt-1.5 -translate-x-1/2 whitespace-nowrap ${narrow.has(index) ? "" : "max-sm:hidden"}`}
                style={{ left: `${xs[index]}%` }}
              >
                {label}
              </span>
            ) : null,
          )}
        </div>
      </div>
      {legend && lines.length > 0 && (
        <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 pt-1" aria-hidden="true">
          {lines.map((line) => (
            <li key={line.key} className="flex items-center gap-1.5">
              <span className={`inline-block w-4 border-t-2 ${line.dashed ? "border-dashed" : ""}`} style={{ borderColor: line.color }} />
              <span>{line.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
