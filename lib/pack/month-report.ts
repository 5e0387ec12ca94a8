/**
 * A month's report (/report/YYYY-MM): the drafted brief, the text staff saved (which documents use
 * once there is one), the month's table and lists, and what a document needs around them. Built
 * once; the page and the Word document only render it.
 */
import { approvalSummary, type ApprovalSummary } from "../approval";
import { formatDateTime } from "../format";
import type { MonthStanding } from "../month-status";
import { formatMonth } from "../periods";
import { buildMonthBrief, type MonthBrief, type MonthBriefInput } from "./month-brief";
import { documentDate } from "./words";

export type MonthReport = {
  organization: { name: string; shortName: string };
  brief: MonthBrief;
  /** "2026年10月工作简报" */
  title: string;
  /** The drafted text, paragraphs separated by line breaks. */
  drafted: string;
  saved: string | null;
  /** What documents use: the saved text, or the draft while nothing is saved. */
  text: string;
  demo: boolean;
  approval: ApprovalSummary;
  generatedAt: Date;
  generatedText: string;
  dateText: string;
  signatures: { unit: string; preparedBy: string | null; reviewedBy: string | null; date: string };
};

export type MonthReportInput = MonthBriefInput & {
  organization: { name: string; shortName: string };
  saved: string | null;
  demo: boolean;
  monthStanding: (month: MonthBriefInput["month"]) => MonthStanding;
  signatories: { preparedBy: readonly string[]; reviewedBy: readonly string[] };
  generatedAt: Date;
};

export function buildMonthReport(input: MonthReportInput): MonthReport {
  const brief = buildMonthBrief(input);
  const drafted = brief.paragraphs.join("\n");
  const saved = input.saved?.trim() ? input.saved.trim() : null;
  const names = (list: readonly string[]) => (list.length > 0 ? [...new Set(list)].join("、") : null);
  return {
    organization: input.organization,
    brief,
    title: `${formatMonth(input.month)}工作简报`,
    drafted,
    saved,
    text: saved ?? drafted,
    demo: input.demo,
    approval: approvalSummary([input.month], input.monthStanding, input.today),
    generatedAt: input.generatedAt,
    generatedText: formatDateTime(input.generatedAt),
    dateText: documentDate(input.generatedAt),
    signatures: {
      unit: input.organization.name,
      preparedBy: names(input.signatories.preparedBy),
      reviewedBy: names(input.signatories.reviewedBy),
      date: documentDate(input.generatedAt),
    },
  };
}
