"use server";

import { currentTime } from "@/lib/clock";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { BRIEF_FIELD } from "@/lib/comment-field";
import { briefSchema } from "@/lib/comment-schema";
import { loadedValues, postedBases } from "@/lib/form-base";
import { formatMonth, isFutureMonth, isMonth } from "@/lib/periods";
import { getDb } from "@/db/client";
import { CommentConflictError, listComments, saveComments } from "@/db/comments";
import { answerWith, refusedForm, textConflict, type ConflictFormState } from "@/app/_lib/conflict-form";
import { textFields } from "@/app/_lib/form-data";
import { actionUnit } from "@/app/_auth/scope";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type BriefState = ConflictFormState;

/**
 * Save a month's 工作简报 as staff edited it, with a revision; blank removes it (documents then use
 * the draft again). Nothing is saved when someone else changed the saved text since the form loaded.
 */
export const saveMonthBrief = guarded(
  "comments:write",
  (refusal: Refusal, [, formData]): BriefState => refusedForm(refusal.message, formData),
  async (user: SessionUser, _previous: BriefState, formData: FormData): Promise<BriefState> => {
    const values = textFields(formData);
    const answer = answerWith(values, postedBases(values));
    const month = z.string().refine(isMonth).safeParse(values.month);
    if (!month.success || !isMonth(month.data)) return answer("invalid", "月份无效。");
    if (isFutureMonth(month.data, currentTime())) return answer("invalid", `${formatMonth(month.data)}还没有到，不能保存简报。`);
    if (values[BRIEF_FIELD] === undefined) return answer("invalid", "没有收到简报文字。");
    const body = briefSchema.safeParse(values[BRIEF_FIELD]);
    if (!body.success) return answer("invalid", "简报未保存。", { fieldErrors: { [BRIEF_FIELD]: body.error.issues.map((issue) => issue.message) } });
    const loaded = loadedValues(values, [BRIEF_FIELD]);
    if (!loaded.ok) return answer("refused", "本页缺少打开时的简报文字（可能是更新前打开的旧页面）：请复制已写内容后刷新页面再保存。未保存。");

    const unit = actionUnit(user, formData);
    if (!unit.ok) return answer("refused", unit.message);
    const db = getDb();
    const organizationId = unit.unit.id;
    let changed: number;
    try {
      changed = saveComments(db, {
        organizationId,
        period: month.data,
        entries: [{ indicatorKey: "", topic: "overall", body: body.data, expected: loaded.bases[BRIEF_FIELD] ?? "" }],
        userId: user.id,
      });
    } catch (error) {
      if (!(error instanceof CommentConflictError)) throw error;
      const now = currentTime();
      const conflicts = error.conflicts.map((conflict) => textConflict(BRIEF_FIELD, "简报", values[BRIEF_FIELD], conflict, now));
      return answer("conflict", "未保存：简报在您打开本页后已被他人修改。请选择采用对方的内容或保留您的内容。", { conflicts });
    }
    revalidatePath(`/report/${month.data}`);
    const stored = listComments(db, organizationId, month.data).find((comment) => comment.topic === "overall" && comment.indicatorKey === "")?.body ?? "";
    const fresh = { [BRIEF_FIELD]: stored };
    return answer(
      "saved",
      changed === 0 ? "没有改动。" : stored === "" ? `已清空${formatMonth(month.data)}的简报，文档改用系统草拟的文字。` : `已保存${formatMonth(month.data)}的简报，已记录修订。`,
      { values: { ...values, ...(stored === "" ? {} : fresh) }, bases: fresh },
    );
  },
);
