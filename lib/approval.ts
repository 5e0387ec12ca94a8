/**
 * Whether the figures of a set of months (a quarter's pack) have been approved: decided here once,
 * so the page, its printout and any export say the same.
 */
import { MONTH_STATUS_LABELS, type MonthStanding } from "./month-status";
import { formatMonth, type Month } from "./periods";

export type ApprovalSummary = {
  /** The months of the set that are over (the current month and later ones cannot be approved yet). */
  closed: Month[];
  approved: Month[];
  /** Closed months not yet approved, with what they are in words (已提交, 已退回, 填报中); and months still running. */
  unapproved: { month: Month; label: string }[];
  running: Month[];
  text: string;
};

/** What the approval line calls a month not yet approved: 已提交, 已退回 (sent back, not yet resubmitted), else 填报中. */
function unapprovedLabel(standing: MonthStanding): string {
  if (standing.kind === "submitted" || standing.kind === "returned") return standing.label;
  return MONTH_STATUS_LABELS.in_progress;
}

export function approvalSummary(months: readonly Month[], standingOf: (month: Month) => MonthStanding, currentMonth: Month): ApprovalSummary {
  const closed = months.filter((month) => month < currentMonth);
  const running = months.filter((month) => month >= currentMonth);
  const approved = closed.filter((month) => standingOf(month).kind === "approved");
  const unapproved = closed.filter((month) => standingOf(month).kind !== "approved").map((month) => ({ month, label: unapprovedLabel(standingOf(month)) }));
  const parts = [closed.length === 0 ? "尚无已结束的月份" : `已审核 ${approved.length} / ${closed.length} 个月`];
  if (unapproved.length > 0) {
    parts.push(`未审核：${unapproved.map(({ month, label }) => `${formatMonth(month)}（${label}）`).join("、")}，其数字仍可能更改`);
  }
  if (running.length > 0) parts.push(`${running.map(formatMonth).join("、")}尚未结束`);
  return { closed, approved, unapproved, running, text: `${parts.join("；")}。` };
}

/**
 * A figure's mark until the month it belongs to is approved ("未审核", with the month's standing),
 * "基线" for the document's baseline (never 未审核: it is what the document states); null once approved.
 */
export type FigureApproval = { text: "未审核" | "基线"; title: string } | null;

export function figureApproval(month: Month, standingOf: (month: Month) => MonthStanding): FigureApproval {
  const standing = standingOf(month);
  if (standing.kind === "approved") return null;
  if (standing.kind === "baseline") return { text: "基线", title: `${standing.label}，年末数` };
  return { text: "未审核", title: `${formatMonth(month)}的数据尚未审核（${standing.label}）：数字仍可能更改` };
}

/** Beside a month's figures: its approval in words ("未审核（已退回）", "2023年基线（来自部门预算编制说明）"); null once approved. */
export function monthApprovalText(standing: MonthStanding): string | null {
  if (standing.kind === "approved") return null;
  if (standing.kind === "baseline") return standing.label;
  if (standing.kind === "submitted") return "未审核（已提交，待审核）";
  return `未审核（${standing.label}）`;
}
