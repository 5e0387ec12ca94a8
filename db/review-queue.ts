import "server-only";
import type { IndicatorDefinition } from "@/lib/catalog";
import { currentTime } from "@/lib/clock";
import { checkConsistency, type Warning } from "@/lib/consistency";
import { monthOfDate, monthParts, previousMonth } from "@/lib/periods";
import { changesSinceApproved, movedTargets, reviewBase, type ChangeRow, type MovedTarget, type ReviewBase, type VersionFigures } from "@/lib/review-queue";
import type { StatusBands } from "@/lib/targets";
import type { Queryable } from "./client";
import { loadFigureWindow, periodFigures } from "./dashboard";
import { figuresAtRevision, listRevisionsAfter, listSubmittedMonths, type SubmittedMonth } from "./month-review";
import { listTargetsByKey } from "./targets";

export type QueueItem = SubmittedMonth & {
  changes: ChangeRow[];
  /** What the changes are measured from: the figures as returned, as last approved, or nothing. */
  base: ReviewBase;
  /** Who changed the month's figures since the base (all its changes for a first review). */
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
    const base = reviewBase(submitted.lastApproval, submitted.lastReturn, 0);
    const mark = base.kind === "first" ? 0 : base.revisionMark;
    const then = base.kind === "first" ? null : figuresAtRevision(db, input.organizationId, month, mark);
    // the targets move from the version approved (a return changes no judgement a leader saw)
    const approved = submitted.lastApproval ? figuresAtRevision(db, input.organizationId, month, submitted.lastApproval.revisionMark) : null;
    const changes = changesSinceApproved(input.catalog, then, current);
    const edits = listRevisionsAfter(db, input.organizationId, month, mark);
    const editors = new Map<string, number>();
    for (const edit of edits) editors.set(edit.by ?? "系统", (editors.get(edit.by ?? "系统") ?? 0) + 1);
    return {
      ...submitted,
      changes,
      base: reviewBase(submitted.lastApproval, submitted.lastReturn, changes.length),
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
