/**
 * Small server components for pages that show figures (the dashboard, the review pack): they say
 * whether the figures shown have been approved. Each loads what it needs, so a page adds one line;
 * a town's page passes its id (the home unit is the default).
 */
import { approvalSummary, figureApproval, monthApprovalText, type FigureApproval } from "@/lib/approval";
import type { MonthStanding } from "@/lib/month-status";
import { currentTime } from "@/lib/clock";
import { formatMonth, monthOfDate, type Month } from "@/lib/periods";
import { getDb } from "@/db/client";
import { listMonthStandings, standingLookup } from "@/db/month-review";
import { getHomeOrganization } from "@/db/organizations";
import { MonthStatusBadge } from "./month-status-badge";

function standingsOf(months: readonly Month[], unitId: number | undefined): (month: Month) => MonthStanding {
  const sorted = [...months].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  const db = getDb();
  return standingLookup(first && last ? listMonthStandings(db, unitId ?? getHomeOrganization(db).id, first, last) : new Map<Month, MonthStanding>());
}

/** Beside a month's figures: "未审核" (with the month's standing) until the month is approved, then "已审核"; the baseline as such. */
export function ApprovalMark({ month, unitId }: { month: Month; unitId?: number }) {
  const standing = standingsOf([month], unitId)(month);
  const text = monthApprovalText(standing);
  if (text === null) {
    return (
      <span className="inline-flex items-center gap-1 text-xs text-emerald-700" data-testid="approval-mark" data-approved="true">
        <MonthStatusBadge status="approved" />
      </span>
    );
  }
  if (standing.kind === "baseline") {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-600/30" data-testid="approval-mark" data-approved="baseline">
        {text}
      </span>
    );
  }
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30"
      data-testid="approval-mark"
      data-approved="false"
      title={`${formatMonth(month)}数据尚未审核：数字仍可能更改`}
    >
      <span aria-hidden="true">!</span>{text}
    </span>
  );
}

/** A pack's status line: how many of its months (those already over) are approved, and which are not. */
export function ApprovalSummary({ months, unitId }: { months: readonly Month[]; unitId?: number }) {
  const summary = approvalSummary(months, standingsOf(months, unitId), monthOfDate(currentTime()));
  return (
    <p className="text-sm" data-testid="approval-summary">
      审核情况：{summary.text}
    </p>
  );
}

/** For figures of several months at once (the dashboard's cards): each figure's "未审核" mark, by the month it belongs to. */
export function figureApprovals(months: readonly (Month | null)[], unitId?: number): (month: Month | null) => FigureApproval {
  const standingOf = standingsOf(months.filter((month): month is Month => month !== null), unitId);
  return (month) => (month === null ? null : figureApproval(month, standingOf));
}
