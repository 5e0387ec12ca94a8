/** A rank is a place among N ranked units: never above N. */

/** The error for a rank above the number of units ranked, or null when it is within. */
export function rankAboveUnits(rank: number | null | undefined, units: number | null | undefined): string | null {
  if (typeof rank !== "number" || typeof units !== "number") return null;
  return rank > units ? `排名不能大于参与排名的单位数（${units}）` : null;
}
