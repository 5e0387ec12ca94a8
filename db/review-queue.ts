import "server-only";
import type { IndicatorDefinition } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { checkConsistency, type Warning } from "@/lib/consistency";
import { monthOfDate, monthParts, previousMonth } from "@/lib/periods";
import { changesSinceApproved, movedTargets, type ChangeRow, type MovedTarget, type VersionFigures } from "@/lib/review-queue";
import type { StatusBands } from "@/lib/targets";
import type { Queryable } from "./client";
import { loadFigureWindow, periodFigures } from "./dashboard";
import { figuresAtRevision, listRevisionsAfter, listSubmittedMonths, type SubmittedMonth } from "./month-review";
import { listTargetsByKey } from "./targets";

export type QueueItem = SubmittedMonth & {
  changes: ChangeRow[];
  /** Who changed the month's figures since the last approval (all its changes for a first review). */
  editors: { name: string; count: number }[];
  warnings: Warning[];
  moved: MovedTarget[];
};

/** Every month awaiting review, oldest first, with what a reviewer needs to decide on it. */
export function loadReviewQueue(db: Queryable, input: { organizationId: number; catalog: readonly IndicatorDefinition[]; bands: StatusBands; now?: Date }): QueueItem[] {
  return listSubmittedMonths(db, input.organizationId).map((submitted) => {
    const { month } = submitted;
    const window = loadFigureWindow(db, input.organizationId, month, 1);
    const current: VersionFigures = new Map(
      [...periodFigures(window, month)].map(([key, figure]) => [key, { value: figure.value, rankedUnits: figure.rankedUnits ?? null }]),
    );
    const approved = submitted.lastApproval ? figuresAtRevision(db, input.organizationId, month, submitted.lastApproval.revisionMark) : null;
    const edits = listRevisionsAfter(db, input.organizationId, month, submitted.lastApproval?.revisionMark ?? 0);
    const editors = new Map<string, number>();
    for (const edit of edits) editors.set(edit.by ?? "系统", (editors.get(edit.by ?? "系统") ?? 0) + 1);
    return {
      ...submitted,
      changes: changesSinceApproved(input.catalog, approved, current),
      editors: [...editors].map(([name, count]) => ({ name, count })),
      warnings: checkConsistency(input.catalog, periodFigures(window, month), periodFigures(window, previousMonth(month))),
      moved: movedTargets({
        catalog: input.catalog,
        targetsByKey: listTargetsByKey(db, input.organizationId, monthParts(month).year),
        seriesByKey: window.seriesByKey,
        month,
        approved,
        today: monthOfDate(input.now ?? currentTime()),
        bands: input.bands,
      }),
    };
  });
}
