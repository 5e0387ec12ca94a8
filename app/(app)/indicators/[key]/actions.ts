"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { describeChange } from "@/lib/conflict-text";
import { parseMonthlyEntry } from "@/lib/entry-schema";
import { FIGURE_PARTS, PART_LABELS, type FigureValues } from "@/lib/figure-parts";
import { seenField, seenFigure } from "@/lib/form-base";
import { formatPeriod } from "@/lib/periods";
import { parseRevisionNote } from "@/lib/revision-note";
import { getIndicatorByKey, toDefinition } from "@/db/catalog";
import { getDb } from "@/db/client";
import { closedMonthMessage, PeriodLockedError } from "@/db/period-locks";
import { correctBaselineFigure, NotBaselineError, RevisionNotFoundError, revertToRevision } from "@/db/revisions";
import { BaselineProtectedError, FigureConflictError, type FigureConflict } from "@/db/save-figures";
import { fieldText } from "@/app/_lib/field-conflict";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import { actionUnit } from "@/app/_auth/scope";
import type { SessionUser } from "@/app/_auth/session";

export type RevertState = {
  status: "idle" | "done" | "refused" | "conflict";
  message: string;
  /** After a conflict: the figure as stored now, to revert over it knowingly ("仍要恢复"). */
  seen?: Record<string, string>;
  /** The 更正说明 typed, kept when the revert did not happen. */
  reason?: string;
};

const revisionId = z.coerce.number().int().positive();
const STALE_PAGE = "页面已过期（缺少打开时的数值），请刷新页面后再操作。未做任何修改。";

/** "已被 刘洋 于 10:42 修改为 40；参与排名单位数已被 … 修改为 184" */
function describeConflicts(conflicts: readonly FigureConflict[], now: Date): string {
  return conflicts
    .map((conflict) => {
      const what = conflict.part === "value" ? "" : PART_LABELS[conflict.part];
      return what + describeChange({ who: conflict.changedByName, at: conflict.changedAt, theirs: fieldText(conflict.theirs) }, now);
    })
    .join("；");
}

/**
 * Put a figure back to the value an earlier revision gave it; the revert is itself recorded. Refused
 * when the figure has changed since the page showed it.
 */
export const revertFigure = guarded(
  "figures:write",
  (refusal: Refusal, [, formData]): RevertState => ({ status: "refused", message: refusal.message, reason: textFields(formData).reason }),
  async (user: SessionUser, _previous: RevertState, formData: FormData): Promise<RevertState> => {
    const fields = textFields(formData);
    const parsed = revisionId.safeParse(fields.revisionId);
    if (!parsed.success) return { status: "refused", message: "修订记录无效。" };
    const seen = seenFigure(fields);
    if (!seen) return { status: "refused", message: STALE_PAGE };
    const reason = parseRevisionNote(fields.reason);
    if (!reason.ok) return { status: "refused", message: reason.error, reason: fields.reason };
    const expected: FigureValues = { value: seen.value ?? null, rankedUnits: seen.rankedUnits ?? null, valueAbove: seen.valueAbove ?? null, valueBelow: seen.valueBelow ?? null };
    // a revision is reverted only within the unit the user may change (another unit's is "not found")
    const unit = actionUnit(user, formData);
    if (!unit.ok) return { status: "refused", message: unit.message, reason: fields.reason };
    const db = getDb();
    try {
      const changed = revertToRevision(db, { organizationId: unit.unit.id, revisionId: parsed.data, userId: user.id, expected, reason: reason.note });
      revalidatePath("/", "layout");
      return { status: "done", message: changed.length === 0 ? "当前值已是该修订的值，无需恢复。" : "已恢复，并记录为一条新的修订。" };
    } catch (error) {
      if (error instanceof PeriodLockedError) return { status: "refused", message: closedMonthMessage(error, formatPeriod(error.month)) };
      if (error instanceof RevisionNotFoundError) return { status: "refused", message: error.message };
      if (error instanceof BaselineProtectedError) {
        return { status: "refused", message: "2023年基线数据不能恢复历史值；如确需更正，请管理员使用本页的“更正基线”。" };
      }
      if (error instanceof FigureConflictError) {
        const now: Record<string, string> = Object.fromEntries(FIGURE_PARTS.map((part) => [seenField(part), fieldText(expected[part])]));
        for (const conflict of error.conflicts) now[seenField(conflict.part)] = fieldText(conflict.theirs);
        return {
          status: "conflict",
          message: `未恢复：该数值在您打开本页后${describeConflicts(error.conflicts, currentTime())}。如仍要恢复，请再次确认。`,
          seen: now,
          reason: fields.reason,
        };
      }
      throw error;
    }
  },
);

export type BaselineState = {
  status: "idle" | "done" | "refused" | "invalid" | "conflict";
  message: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

/** 更正基线: an administrator corrects one figure of the document's 2023 baseline, with the reason. */
export const correctBaseline = guarded(
  "baseline:correct",
  (refusal: Refusal, [, formData]): BaselineState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) }),
  async (user: SessionUser, _previous: BaselineState, formData: FormData): Promise<BaselineState> => {
    const values = textFields(formData);
    const unit = actionUnit(user, formData);
    if (!unit.ok) return { status: "refused", message: unit.message, fieldErrors: {}, values };
    const db = getDb();
    const row = getIndicatorByKey(db, values.key ?? "");
    const seen = seenFigure(values, ["value"]);
    if (!row || !values.period || !seen) return { status: "refused", message: STALE_PAGE, fieldErrors: {}, values };
    const indicator = toDefinition(row);
    const parsed = parseMonthlyEntry([indicator], { [indicator.key]: values.value ?? "" });
    const reason = parseRevisionNote(values.reason, { required: true });
    const fieldErrors: Record<string, string[]> = {};
    const value = parsed.ok ? parsed.figures.get(indicator.key)?.value : undefined;
    if (!parsed.ok) fieldErrors.value = parsed.fieldErrors[indicator.key] ?? ["数值无效"];
    else if (value === null || value === undefined) fieldErrors.value = ["请填写更正后的数值（基线数据不能删除）"];
    if (!reason.ok) fieldErrors.reason = [reason.error];
    if (value === null || value === undefined || !reason.ok || !reason.note) {
      return { status: "invalid", message: "请按提示修改，未做任何修改。", fieldErrors, values };
    }
    try {
      const changed = correctBaselineFigure(db, {
        organizationId: unit.unit.id,
        key: indicator.key,
        period: values.period,
        value,
        expected: seen.value ?? null,
        reason: reason.note,
        userId: user.id,
      });
      revalidatePath("/", "layout");
      return {
        status: "done",
        message: changed.length === 0 ? "数值未变，未做任何修改。" : "已更正基线，理由已记入修订记录。",
        fieldErrors: {},
        values: { ...values, reason: "" },
      };
    } catch (error) {
      if (error instanceof NotBaselineError) return { status: "refused", message: "该期间的数据不是2023年基线，请在月度填报中修改。", fieldErrors: {}, values };
      if (error instanceof PeriodLockedError) return { status: "refused", message: closedMonthMessage(error, formatPeriod(error.month)), fieldErrors: {}, values };
      if (error instanceof FigureConflictError) {
        return {
          status: "conflict",
          message: `未更正：该数值在您打开本页后${describeConflicts(error.conflicts, currentTime())}。请刷新页面核对后再更正。`,
          fieldErrors: {},
          values,
        };
      }
      throw error;
    }
  },
);
