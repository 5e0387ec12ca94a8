"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { clearDemoData } from "@/db/seed";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type AdminActionState = { status: "idle" | "done" | "refused" | "invalid"; message: string };

const refused = (refusal: Refusal): AdminActionState => ({ status: "refused", message: refusal.message });

/** Remove every demo figure (示例数据); the 2023 baseline and real entries stay. */
export const clearDemo = guarded("demo:clear", refused, async (_user: SessionUser, _previous: AdminActionState, _formData: FormData): Promise<AdminActionState> => {
  const removed = clearDemoData(getDb());
  revalidatePath("/", "layout");
  return {
    status: "done",
    message:
      removed.figures + removed.targets === 0
        ? "没有需要清除的示例数据。"
        : `已清除示例数据 ${removed.figures} 条${removed.targets > 0 ? `、示例目标 ${removed.targets} 条` : ""}。`,
  };
});
