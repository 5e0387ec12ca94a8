"use server";

import { revalidatePath } from "next/cache";
import { monthSchema } from "@/lib/entry-schema";
import { MONTH_STATUS_LABELS } from "@/lib/month-status";
import { formatMonth, type Month } from "@/lib/periods";
import { getDb } from "@/db/client";
import { approveMonth, returnMonth, submitMonth, unlockMonth, type MonthStepResult } from "@/db/month-review";
import { guarded, type Refusal } from "@/app/_auth/guard";
import { actionUnit } from "@/app/_auth/scope";
import type { SessionUser } from "@/app/_auth/session";

export type MonthStepState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  /** The reason as typed, kept when the step is refused. */
  reason: string;
};

const refused = (refusal: Refusal, [, formData]: [MonthStepState, FormData]): MonthStepState => ({
  status: "refused",
  message: refusal.message,
  reason: String(formData.get("reason") ?? ""),
});

type Where = { organizationId: number; month: Month; userId: string };
type Step = (where: Where, formData: FormData) => MonthStepResult;

/** The shape every review step shares: read the month, take the step, say what happened. */
function monthStep(done: (label: string) => string, take: Step) {
  return async (user: SessionUser, _previous: MonthStepState, formData: FormData): Promise<MonthStepState> => {
    const reason = String(formData.get("reason") ?? "");
    const month = monthSchema.safeParse(String(formData.get("month") ?? ""));
    if (!month.success) return { status: "invalid", message: "月份无效，应为 YYYY-MM。未做任何修改。", reason };
    const unit = actionUnit(user, formData);
    if (!unit.ok) return { status: "refused", message: unit.message, reason };
    const result = take({ organizationId: unit.unit.id, month: month.data, userId: user.id }, formData);
    if (!result.ok) return { status: "invalid", message: result.message, reason };
    revalidatePath("/", "layout");
    const whose = unit.unit.kind === "home" ? "" : `${unit.unit.name}`;
    return { status: "done", message: `${whose}${done(formatMonth(month.data))}（当前状态：${MONTH_STATUS_LABELS[result.status]}）`, reason: "" };
  };
}

/** Staff submit a finished month for review; each indicator left blank must be ticked as confirmed. */
export const submitMonthForReview = guarded(
  "months:submit",
  refused,
  monthStep(
    (label) => `已提交${label}数据，等待审核；审核期间数据不能修改。`,
    (where, formData) =>
      submitMonth(getDb(), {
        ...where,
        reason: String(formData.get("reason") ?? ""),
        confirmedMissing: formData.getAll("confirmMissing").map(String),
      }),
  ),
);

/** A reviewer sends a submitted month back with a reason; staff can then correct it. */
export const returnMonthForCorrection = guarded(
  "months:review",
  refused,
  monthStep(
    (label) => `已退回${label}数据，工作人员可修改后重新提交。`,
    (where, formData) => returnMonth(getDb(), { ...where, reason: String(formData.get("reason") ?? "") }),
  ),
);

/** A reviewer approves a submitted month, which locks it. */
export const approveMonthReview = guarded(
  "months:review",
  refused,
  monthStep(
    (label) => `${label}数据审核通过并已锁定。`,
    (where, formData) => approveMonth(getDb(), { ...where, reason: String(formData.get("reason") ?? "") }),
  ),
);

/** A reviewer unlocks an approved month for a correction; the reason is required and recorded. */
export const unlockApprovedMonth = guarded(
  "months:review",
  refused,
  monthStep(
    (label) => `已解除${label}的锁定，可以修改；改完后请重新提交审核。`,
    (where, formData) => unlockMonth(getDb(), { ...where, reason: String(formData.get("reason") ?? "") }),
  ),
);
