"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseComments } from "@/lib/comment-schema";
import { formatQuarter, isQuarter } from "@/lib/periods";
import { listIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";
import { saveComments } from "@/db/comments";
import { getHomeOrganization } from "@/db/organizations";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type CommentaryState = {
  status: "idle" | "saved" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
};

/** Save the quarter's commentary: every changed note with a revision; a blank note becomes 待填写. */
export const saveCommentary = guarded(
  "comments:write",
  (refusal: Refusal, [, formData]): CommentaryState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData) }),
  async (user: SessionUser, _previous: CommentaryState, formData: FormData): Promise<CommentaryState> => {
    const values = textFields(formData);
    const quarter = z.string().refine(isQuarter).safeParse(values.quarter);
    if (!quarter.success) return { status: "invalid", message: "季度无效。", fieldErrors: {}, values };
    const db = getDb();
    const parsed = parseComments(values, new Set(listIndicators(db, { includeRetired: true }).map((indicator) => indicator.key)));
    if (!parsed.ok) return { status: "invalid", message: "有说明超过长度限制，未保存。", fieldErrors: parsed.fieldErrors, values };
    const changed = saveComments(db, { organizationId: getHomeOrganization(db).id, period: quarter.data, entries: parsed.entries, userId: user.id });
    revalidatePath(`/review/${quarter.data}`);
    return {
      status: "saved",
      message: changed === 0 ? "没有改动。" : `已保存${formatQuarter(quarter.data)}的 ${changed} 条说明，均已记录修订。`,
      fieldErrors: {},
      values,
    };
  },
);
