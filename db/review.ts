import "server-only";
import { buildReview, type Review } from "@/lib/review";
import type { IndicatorDefinition } from "@/lib/catalog";
import { monthOfDate, monthsOfQuarter, quarterParts, type Quarter } from "@/lib/periods";
import type { StatusBands } from "@/lib/targets";
import type { Queryable } from "./client";
import { loadFigureWindow, periodFigures, type FigureWindow } from "./dashboard";
import { listTargetsByKey, type StoredTarget } from "./targets";

/** Everything the review pack of one quarter is computed from, read once. */
export function loadReview(
  db: Queryable,
  input: { organizationId: number; quarter: Quarter; catalog: readonly IndicatorDefinition[]; bands: StatusBands; now?: Date },
): { review: Review; window: FigureWindow; targetsByKey: Map<string, StoredTarget[]> } {
  const months = monthsOfQuarter(input.quarter);
  const last = months[2] ?? months[0];
  if (!last) throw new Error(`季度无效：${input.quarter}`);
  const window = loadFigureWindow(db, input.organizationId, last);
  const targetsByKey = listTargetsByKey(db, input.organizationId, quarterParts(input.quarter).year);
  const review = buildReview({
    quarter: input.quarter,
    catalog: input.catalog,
    seriesByKey: window.seriesByKey,
    figuresOf: (month) => periodFigures(window, month),
    targetsByKey,
    bands: input.bands,
    today: monthOfDate(input.now ?? new Date()),
  });
  return { review, window, targetsByKey };
}
