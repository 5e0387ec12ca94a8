/**
 * Standard competition ranking ("1224"): units with equal figures share a place, and the place
 * after a tie is skipped, so a unit's rank is 1 + the number of units strictly ahead of it.
 * The one rule behind league tables and ranks derived from a bulletin.
 */
import type { Direction } from "./catalog";
import { roundTo } from "./numbers";

/**
 * The rank of each value, in the order given; null for a missing value (not ranked, and not
 * counted against anyone). Values are compared at `decimals` places, as the figures are shown,
 * so 0.1 + 0.2 ties with 0.3. `direction` "up": the larger figure is better; "down": the smaller
 * (a rank's own value).
 */
export function competitionRanks(
  values: readonly (number | null | undefined)[],
  direction: Direction,
  decimals: number,
): (number | null)[] {
  const present = values.flatMap((value, index) => (value == null ? [] : [{ index, value: roundTo(value, decimals) }]));
  present.sort((a, b) => (direction === "up" ? b.value - a.value : a.value - b.value));
  const ranks: (number | null)[] = values.map(() => null);
  present.forEach((entry, position) => {
    const previous = present[position - 1];
    const rank = previous && previous.value === entry.value ? ranks[previous.index] : position + 1;
    ranks[entry.index] = rank ?? position + 1;
  });
  return ranks;
}

/** Whether `a` is strictly better than `b` at `decimals` places. */
export function isBetter(a: number, b: number, direction: Direction, decimals: number): boolean {
  const x = roundTo(a, decimals);
  const y = roundTo(b, decimals);
  return direction === "up" ? x > y : x < y;
}
