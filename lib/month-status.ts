/**
 * The review of a month's figures: 填报中 → 已提交 → 已审核 (locked), or back to 填报中 when a
 * reviewer returns it or unlocks it. Each step is one action; which ones are allowed from which
 * status is decided here, once, for the forms, the queue and the database alike.
 */
import { formatMonth, isFutureMonth, monthOfDate, type Month } from "./periods";
import { textProblem } from "./text";

export const MONTH_STATUSES = ["in_progress", "submitted", "approved"] as const;
export type MonthStatus = (typeof MONTH_STATUSES)[number];

export const MONTH_STATUS_LABELS: Record<MonthStatus, string> = {
  in_progress: "填报中",
  submitted: "已提交",
  approved: "已审核",
};

export const MONTH_ACTIONS = ["submit", "return", "approve", "unlock"] as const;
export type MonthAction = (typeof MONTH_ACTIONS)[number];

export const MONTH_ACTION_LABELS: Record<MonthAction, string> = {
  submit: "提交审核",
  return: "退回",
  approve: "审核通过（锁定）",
  unlock: "解除锁定",
};

export const REASON_MAX_LENGTH = 500;

/** What each step's form calls its reason (a text area: line breaks and tabs are kept). */
export const REASON_LABELS: Record<MonthAction, string> = {
  submit: "提交说明",
  return: "退回原因",
  approve: "审核意见",
  unlock: "解除锁定的原因",
};

const ALLOWED: Record<MonthAction, { from: MonthStatus; to: MonthStatus; reasonRequired: boolean }> = {
  submit: { from: "in_progress", to: "submitted", reasonRequired: false },
  return: { from: "submitted", to: "in_progress", reasonRequired: true },
  approve: { from: "submitted", to: "approved", reasonRequired: false },
  unlock: { from: "approved", to: "in_progress", reasonRequired: true },
};

const REFUSALS: Record<MonthAction, Partial<Record<MonthStatus, string>>> = {
  submit: {
    submitted: "该月已提交，正在等待审核。",
    approved: "该月已审核并锁定，不能再次提交；如需更正，请审核人先解除锁定。",
  },
  return: {
    in_progress: "该月尚未提交（或已被退回），无需退回。",
    approved: "该月已审核并锁定，不能退回；如需更正，请“解除锁定”并填写原因。",
  },
  approve: {
    in_progress: "该月尚未提交，不能审核。",
    approved: "该月已经审核通过。",
  },
  unlock: {
    in_progress: "该月没有锁定，无需解除。",
    submitted: "该月正在等待审核、尚未锁定；如需修改，请退回。",
  },
};

const REASON_MISSING: Partial<Record<MonthAction, string>> = {
  return: "请填写退回原因，工作人员会看到它。",
  unlock: "请填写解除锁定的原因，它会记入审核记录。",
};

export type Transition = { ok: true; to: MonthStatus; reason: string | null } | { ok: false; message: string };

/** The status `action` leads to from `from`, or why it is refused. A reason is trimmed; blank is none. */
export function transition(from: MonthStatus, action: MonthAction, reason?: string | null): Transition {
  const rule = ALLOWED[action];
  if (rule.from !== from) return { ok: false, message: REFUSALS[action][from] ?? "该操作不适用于本月当前状态。" };
  const text = (reason ?? "").trim();
  if (rule.reasonRequired && text === "") return { ok: false, message: REASON_MISSING[action] ?? "请填写原因。" };
  if (text.length > REASON_MAX_LENGTH) return { ok: false, message: `原因不能超过 ${REASON_MAX_LENGTH} 字。` };
  const problem = textProblem(REASON_LABELS[action], text, { multiLine: true });
  if (problem) return { ok: false, message: `${problem}。` };
  return { ok: true, to: rule.to, reason: text === "" ? null : text };
}

/** Whether the actions this status allows include `action` (for showing a button at all). */
export function allows(status: MonthStatus, action: MonthAction): boolean {
  return ALLOWED[action].from === status;
}

/** Figures can be written only while a month is being filled in. */
export function acceptsEdits(status: MonthStatus): boolean {
  return status === "in_progress";
}

/**
 * A month can be submitted once it is over (its month-end stocks and ranks are final), never
 * before; in China Standard Time.
 */
export function submissionRefusal(month: Month, now: Date): string | null {
  if (isFutureMonth(month, now)) return "该月尚未到来，不能提交。";
  if (month === monthOfDate(now)) return "本月尚未结束：月末数据确定后（下月1日起）才能提交审核。";
  return null;
}

/**
 * The indicators still blank when a month is submitted must be confirmed one by one: the form
 * posts the keys it showed, and a figure cleared meanwhile makes the confirmation stale.
 */
export function unconfirmedMissing(missing: readonly string[], confirmed: readonly string[]): string[] {
  const seen = new Set(confirmed);
  return missing.filter((key) => !seen.has(key));
}

/**
 * What a month is, in the words every page, file and reminder uses: its review status, and besides
 * it whether the month is the document's baseline, still running, or was sent back (a to-do for
 * staff, with the reviewer's reason). Decided here once; pages only render it.
 */
export type MonthStanding =
  | { kind: "baseline"; label: string }
  | { kind: "running"; label: string }
  | { kind: "returned"; label: string; reason: string; at: Date; by: string | null }
  | { kind: MonthStatus; label: string };

/** A month's last review step, as recorded (the newest event). */
export type LastStep = { action: MonthAction; reason: string | null; at: Date; by: string | null };

export const BASELINE_SOURCE_NAME = "部门预算编制说明";
export const RUNNING_MONTH_LABEL = "本月进行中";
export const RETURNED_LABEL = "已退回";

export function baselineLabel(month: Month): string {
  return `${month.slice(0, 4)}年基线（来自${BASELINE_SOURCE_NAME}）`;
}

export function monthStanding(input: {
  month: Month;
  status: MonthStatus;
  lastStep: LastStep | null;
  /** The month now running (China Standard Time). */
  today: Month;
  /** The month whose figures are the document's year-end baseline (the home unit's 2023-12), if any. */
  baselineMonth: Month | null;
}): MonthStanding {
  const { month, status, lastStep } = input;
  if (status !== "in_progress") return { kind: status, label: MONTH_STATUS_LABELS[status] };
  if (lastStep?.action === "return") {
    return { kind: "returned", label: RETURNED_LABEL, reason: lastStep.reason ?? "", at: lastStep.at, by: lastStep.by };
  }
  if (month === input.baselineMonth && lastStep === null) return { kind: "baseline", label: baselineLabel(month) };
  if (month === input.today) return { kind: "running", label: RUNNING_MONTH_LABEL };
  return { kind: "in_progress", label: MONTH_STATUS_LABELS.in_progress };
}

/** A returned month as a to-do: "2026年7月已退回，请修改后重新提交。退回原因：……". */
export function returnedText(month: Month, reason: string): string {
  const why = reason.trim() === "" ? "" : `退回原因：${reason.trim()}`;
  return `${formatMonth(month)}已退回，请修改后重新提交。${why}`;
}
