/**
 * Chart axes a reader can trust: round, evenly spaced ticks that cover the data (and the target
 * line), and rank axes that show a place among all the units ranked, first place at the top.
 */

export type Axis = { domain: [number, number]; ticks: number[] };

/** The round step (1, 2, 2.5 or 5 × 10ⁿ) that splits `span` into about `count` parts. */
export function niceStep(span: number, count = 5, integer = false): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw * 0.999) ?? 10 * magnitude;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * An axis for `values` (nulls are gaps and ignored) and any reference lines: round ticks from just
 * below the smallest to just above the largest, from zero when `fromZero` (bars), whole numbers
 * only when `integer` (counts).
 */
export function valueAxis(values: readonly (number | null)[], options: { fromZero?: boolean; integer?: boolean; count?: number } = {}): Axis {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (present.length === 0) return { domain: [0, 1], ticks: [0, 1] };
  let low = Math.min(...present);
  let high = Math.max(...present);
  if (options.fromZero) low = Math.min(0, low);
  if (low === high) {
    // a flat line still needs a scale around it
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low = options.fromZero ? Math.min(0, low) : low - pad;
    high += pad;
  }
  const step = niceStep(high - low, options.count ?? 5, options.integer ?? false);
  const first = Math.floor(round(low / step)) * step;
  const last = Math.ceil(round(high / step)) * step;
  const ticks: number[] = [];
  for (let index = 0; first + index * step <= last + step / 1e6; index += 1) ticks.push(round(first + index * step));
  return { domain: [ticks[0] ?? first, ticks.at(-1) ?? last], ticks };
}

/**
 * A rank axis, first place at the top: from 1 down to the number of units ranked when the bulletin
 * gives it (so 第2名 of 183 sits near the top, not on the floor), else to the worst place shown (or
 * the target) with a margin.
 */
export function rankAxis(input: { worst: number | null; rankedUnits: number | null; target?: number | null }): Axis {
  const worst = Math.max(1, input.worst ?? 1, input.target ?? 1);
  const margin = Math.max(2, Math.ceil(worst * 0.25));
  const bottom = Math.max(input.rankedUnits ?? 0, worst + margin);
  const step = niceStep(bottom - 1, 5, true);
  const ticks = [1];
  for (let tick = step; tick < bottom; tick += step) if (tick > 1) ticks.push(tick);
  // the last tick is the bottom itself when it is not too close to the one before
  const previous = ticks.at(-1) ?? 1;
  if (bottom - previous >= step / 2) ticks.push(bottom);
  else ticks[ticks.length - 1] = bottom;
  return { domain: [1, bottom], ticks: [...new Set(ticks)] };
}

/** Floating-point noise off (0.1 + 0.2 → 0.3) without changing the scale. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
