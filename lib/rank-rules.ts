/** A rank is a place among N ranked units: never above N. */

/** The error for a rank above the number of units ranked, or null when it is within. */
export function rankAboveUnits(rank: number | null | undefined, units: number | null | undefined): string | null {
  if (typeof rank !== "number" || typeof units !== "number") return null;
  return rank > units ? `排名不能大于参与排名的单位数（${units}）` : null;
}

type RankedFigure = { value: number; rankedUnits: number | null };

/** Every rank of `catalog` that stands above its N among `figures`, with its error, by key. */
export function ranksAboveUnits(
  catalog: readonly { key: string; kind: string }[],
  figures: ReadonlyMap<string, RankedFigure>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const indicator of catalog) {
    if (indicator.kind !== "rank") continue;
    const figure = figures.get(indicator.key);
    const error = rankAboveUnits(figure?.value, figure?.rankedUnits);
    if (error) errors[indicator.key] = error;
  }
  return errors;
}
