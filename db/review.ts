import "server-only";
import { currentTime } from "@/lib/clock";
import { buildReview, type Review } from "@/lib/review";
import type { CatalogEntry } from "@/lib/catalog";
import { monthOfDate, monthsOfQuarter, type Quarter } from "@/lib/periods";
import type { StatusBands } from "@/lib/targets";
import type { Queryable } from "./client";
import { loadFigureWindow, periodFigures, type FigureWindow } from "./dashboard";
import { listTargets, type StoredTarget } from "./targets";

/** Everything the review pack of one quarter is computed from, read once. */
export function loadReview(
  db: Queryable,
  input: { organizationId: number; quarter: Quarter; catalog: readonly CatalogEntry[]; bands: StatusBands; now?: Date },
): { review: Review; window: FigureWindow; targets: StoredTarget[] } {
  const months = monthsOfQuarter(input.quarter);
  const last = months[2] ?? months[0];
  if (!last) throw new Error(`季度无效：${input.quarter}`);
  const window = loadFigureWindow(db, input.organizationId, last);
  const targets = listTargets(db, input.organizationId);
  const review = buildReview({
    quarter: input.quarter,
    catalog: input.catalog,
    seriesByKey: window.seriesByKey,
    figuresOf: (month) => periodFigures(window, month),
    targets,
    bands: input.bands,
    today: monthOfDate(input.now ?? currentTime()),
  });
  return { review, window, targets };
}
