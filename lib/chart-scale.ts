/**
 * Chart axes a reader can trust: round, evenly spaced ticks that cover the data (and the target
 * line), and rank axes zoomed to the places shown, first place at the top.
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

export type RankAxis = Axis & { step: number };

/**
 * A rank axis zoomed to the places that matter, first place at the top (draw it reversed): from the
 * best to the worst of `ranks` (nulls are gaps) and the target place, with a margin, on whole-number
 * ticks `step` apart from the top of the axis, so the chart library and the slides (min, max, major
 * unit) draw the same ticks. Kept within 1..N when the bulletin gives N (`rankedUnits`); the whole
 * 1..N only when the places shown span it. A move from 第12 to 第18 of 183 then fills the chart.
 */
export function rankAxis(input: { ranks: readonly (number | null)[]; rankedUnits: number | null; target?: number | null }): RankAxis {
  const isPlace = (rank: number | null | undefined): rank is number => typeof rank === "number" && Number.isFinite(rank) && rank >= 1;
  const shown = input.ranks.filter(isPlace);
  // a place past N is a data error: it is still drawn rather than cut off; a target past N is N
  const floor = Math.max(input.rankedUnits ?? Number.POSITIVE_INFINITY, ...shown);
  const places = isPlace(input.target) ? [...shown, Math.min(input.target, floor)] : shown;
  if (places.length === 0) return spaced(1, Math.min(floor, MIN_RANK_SPAN + 1), 1);
  const best = Math.min(...places);
  const worst = Math.max(...places);
  const margin = Math.max(1, Math.round((worst - best) * 0.1));
  // one place or equal places still get a few places either side
  const extra = Math.max(0, MIN_RANK_SPAN - (worst - best) - 2 * margin);
  // pressed against 第1 or N, the room left over goes to the other side
  const bottom = Math.min(floor, Math.max(worst + margin + Math.ceil(extra / 2), 1 + MIN_RANK_SPAN));
  const top = Math.max(1, Math.min(best - margin - Math.floor(extra / 2), bottom - MIN_RANK_SPAN));
  const step = niceStep(Math.max(1, bottom - top), 5, true);
  // the top on a whole step (or 第1), the bottom a whole number of steps below it; cut short at N,
  // the steps are counted up from N instead
  const roundTop = Math.max(1, Math.floor(top / step) * step);
  const roundBottom = roundTop + Math.ceil((bottom - roundTop) / step) * step;
  if (roundBottom <= floor) return spaced(roundTop, Math.max(roundBottom, roundTop + 1), step);
  return spaced(Math.max(1, floor - Math.ceil((floor - roundTop) / step) * step), floor, step);
}

/**
 * The rank axis of a chart drawn from rows (one per month) with a column per rank line: the one
 * every page and the slides use, so the same data gets the same axis everywhere.
 */
export function rankRowsAxis(
  rows: readonly Readonly<Record<string, number | string | null>>[],
  keys: readonly string[],
  options: { rankedUnits: number | null; target?: number | null },
): RankAxis {
  const ranks = rows.flatMap((row) => keys.map((key) => row[key])).filter((value): value is number => typeof value === "number");
  return rankAxis({ ranks, rankedUnits: options.rankedUnits, target: options.target ?? null });
}

/** The fewest places a rank axis spans (five ticks), however close the places shown. */
const MIN_RANK_SPAN = 4;

function spaced(top: number, bottom: number, step: number): RankAxis {
  const ticks: number[] = [];
  for (let tick = top; tick <= bottom; tick += step) ticks.push(tick);
  // from 第1 to N: N is the last tick too, unless it would touch the one before
  const previous = ticks.at(-1) ?? top;
  if (previous < bottom && (bottom - previous >= step / 2 || ticks.length === 1)) ticks.push(bottom);
  return { domain: [top, bottom], ticks, step };
}

/** Floating-point noise off (0.1 + 0.2 → 0.3) without changing the scale. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
