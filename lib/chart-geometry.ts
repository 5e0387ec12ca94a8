/**
 * Where the marks of a chart sit when it is drawn without a chart library (the static first paint
 * of app/ui/charts): positions are percentages of the plot area, x from the left and y from the
 * top, so one drawing fits any width. The axes themselves come from chart-scale.ts, as they do for
 * the interactive charts, so both read the same.
 */
import type { Axis } from "./chart-scale";

/** How far down the plot a value sits (0 = top, 100 = bottom); on a reversed axis (ranks) the first value is at the top. */
export function yPercent(value: number, axis: Axis, reversed = false): number {
  const [low, high] = axis.domain;
  const span = high - low;
  if (!(span > 0)) return 50;
  const share = (value - low) / span;
  return round(reversed ? share * 100 : (1 - share) * 100);
}

/** The middle of each of `count` equal bands (bars). */
export function bandCenters(count: number): number[] {
  return Array.from({ length: count }, (_, index) => round(((index + 0.5) / count) * 100));
}

/** Points spread from edge to edge (lines); a single point sits in the middle. */
export function pointPositions(count: number): number[] {
  if (count === 1) return [50];
  return Array.from({ length: count }, (_, index) => round((index / (count - 1)) * 100));
}

export type Bar = { x: number; width: number; top: number; bottom: number };

/**
 * Bars from the axis's zero (or its floor) to each value, in bands with a gap between them; a month
 * without a figure has no bar.
 */
export function barBoxes(values: readonly (number | null)[], axis: Axis, gap = 0.2): (Bar | null)[] {
  const band = values.length > 0 ? 100 / values.length : 0;
  const width = round(band * (1 - gap));
  const base = Math.min(Math.max(0, axis.domain[0]), axis.domain[1]);
  const zero = yPercent(base, axis);
  return values.map((value, index) => {
    if (value === null) return null;
    const y = yPercent(value, axis);
    return { x: round(index * band + (band - width) / 2), width, top: Math.min(y, zero), bottom: round(100 - Math.max(y, zero)) };
  });
}

/**
 * An SVG path through the values at the given x positions, in a 100 × 100 box; a missing value
 * ends the line and the next one starts a new piece, so a gap is never bridged.
 */
export function linePath(values: readonly (number | null)[], xs: readonly number[], axis: Axis, reversed = false): string {
  const parts: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    const x = xs[index];
    if (value === null || x === undefined) {
      drawing = false;
      return;
    }
    parts.push(`${drawing ? "L" : "M"}${x} ${yPercent(value, axis, reversed)}`);
    drawing = true;
  });
  return parts.join("");
}

/** One zero-length piece per value: drawn with round caps, each is a dot. */
export function dotsPath(values: readonly (number | null)[], xs: readonly number[], axis: Axis, reversed = false): string {
  return values
    .map((value, index) => {
      const x = xs[index];
      return value === null || x === undefined ? "" : `M${x} ${yPercent(value, axis, reversed)}h0`;
    })
    .join("");
}

/**
 * Which of `count` category labels to print when at most `max` fit: the first, the last, and
 * evenly spaced ones between (never two side by side at the end).
 */
export function labelIndexes(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, index) => index);
  if (max <= 1) return [0];
  const step = Math.ceil((count - 1) / (max - 1));
  const chosen: number[] = [];
  for (let index = 0; index < count - 1; index += step) chosen.push(index);
  const last = count - 1;
  // keep the last label, dropping the one before it when they would touch
  if (last - (chosen.at(-1) ?? 0) < step / 2 && chosen.length > 1) chosen.pop();
  chosen.push(last);
  return chosen;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
