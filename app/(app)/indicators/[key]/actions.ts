"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { formatPeriod } from "@/lib/periods";
import { closedMonthMessage, PeriodLockedError } from "@/db/period-locks";
import { RevisionNotFoundError, revertToRevision } from "@/db/revisions";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type RevertState = { status: "idle" | "done" | "refused"; message: string };

const revisionId = z.coerce.number().int().positive();

/** Put a figure back to the value an earlier revision gave it; the revert is itself recorded. */
export const revertFigure = guarded(
  "figures:write",
  (refusal: Refusal): RevertState => ({ status: "refused", message: refusal.message }),
  async (user: SessionUser, _previous: RevertState, formData: FormData): Promise<RevertState> => {
    const parsed = revisionId.safeParse(formData.get("revisionId"));
    if (!parsed.success) return { status: "refused", message: "修订记录无效。" };
    const db = getDb();
    try {
      const changed = revertToRevision(db, { organizationId: getHomeOrganization(db).id, revisionId: parsed.data, userId: user.id });
      revalidatePath("/", "layout");
      return { status: "done", message: changed.length === 0 ? "当前值已是该修订的值，无需恢复。" : "已恢复，并记录为一条新的修订。" };
    } catch (error) {
      if (error instanceof PeriodLockedError) return { status: "refused", message: closedMonthMessage(error, formatPeriod(error.month)) };
      if (error instanceof RevisionNotFoundError) return { status: "refused", message: error.message };
      throw error;
    }
  },
);
