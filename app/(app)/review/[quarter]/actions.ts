"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentTime } from "@/lib/clock";
import { commentField } from "@/lib/comment-field";
import { parseComments } from "@/lib/comment-schema";
import { loadedValues, postedBases } from "@/lib/form-base";
import { formatQuarter, isQuarter } from "@/lib/periods";
import type { CommentTopic } from "@/lib/records";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { CommentConflictError, listComments, saveComments } from "@/db/comments";
import { answerWith, refusedForm, textConflict, type ConflictFormState } from "@/app/_lib/conflict-form";
import { textFields } from "@/app/_lib/form-data";
import { actionUnit } from "@/app/_auth/scope";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type CommentaryState = ConflictFormState;

const TOPIC_LABELS: Record<CommentTopic, string> = { overall: "总体分析", cause: "原因", next_step: "下步措施" };

/**
 * Save the quarter's commentary: only the notes the user changed, each with a revision; a blank
 * note becomes 待填写. Nothing is saved when someone else changed one of those notes first.
 */
export const saveCommentary = guarded(
  "comments:write",
  (refusal: Refusal, [, formData]): CommentaryState => refusedForm(refusal.message, formData),
  async (user: SessionUser, _previous: CommentaryState, formData: FormData): Promise<CommentaryState> => {
    const values = textFields(formData);
    const answer = answerWith(values, postedBases(values));
    const quarter = z.string().refine(isQuarter).safeParse(values.quarter);
    if (!quarter.success) return answer("invalid", "季度无效。");
    const db = getDb();
    const catalog = listIndicators(db, { includeRetired: true });
    const parsed = parseComments(values, new Set(catalog.map((indicator) => indicator.key)));
    if (!parsed.ok) return answer("invalid", "有说明超过长度限制，未保存。", { fieldErrors: parsed.fieldErrors });
    const fields = parsed.entries.map((entry) => commentField(entry.topic, entry.indicatorKey));
    const loaded = loadedValues(values, fields);
    if (!loaded.ok) return answer("refused", "本页缺少打开时的说明（可能是更新前打开的旧页面）：请复制已写内容后刷新页面再保存。未保存任何说明。");

    const unit = actionUnit(user, formData);
    if (!unit.ok) return answer("refused", unit.message);
    const organizationId = unit.unit.id;
    let changed: number;
    try {
      changed = saveComments(db, {
        organizationId,
        period: quarter.data,
        entries: parsed.entries.map((entry) => ({ ...entry, expected: loaded.bases[commentField(entry.topic, entry.indicatorKey)] ?? "" })),
        userId: user.id,
      });
    } catch (error) {
      if (!(error instanceof CommentConflictError)) throw error;
      const now = currentTime();
      const conflicts = error.conflicts.map((conflict) => {
        const field = commentField(conflict.topic, conflict.indicatorKey);
        const indicator = catalog.find((row) => row.key === conflict.indicatorKey);
        const label = indicator ? `${indicator.name}的${TOPIC_LABELS[conflict.topic]}` : TOPIC_LABELS[conflict.topic];
        return textConflict(field, label, values[field], conflict, now);
      });
      return answer(
        "conflict",
        `未保存：有 ${conflicts.length} 条说明在您打开本页后已被他人修改。请逐条选择采用对方的内容或保留您的内容，选完即保存其余改动。`,
        { conflicts },
      );
    }
    revalidatePath(`/review/${quarter.data}`);
    // the form now shows the notes as stored, including what others saved meanwhile
    const stored = new Map(listComments(db, organizationId, quarter.data).map((comment) => [commentField(comment.topic, comment.indicatorKey), comment.body]));
    const fresh = Object.fromEntries(fields.map((field) => [field, stored.get(field) ?? ""]));
    return answer(
      "saved",
      changed === 0 ? "没有改动。" : `已保存${formatQuarter(quarter.data)}的 ${changed} 条说明，均已记录修订。`,
      { values: { ...values, ...fresh }, bases: fresh },
    );
  },
);
