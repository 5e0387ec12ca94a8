"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { clearDemoData } from "@/db/seed";

export type ClearDemoState = { status: "idle" | "done"; message: string };

/** Remove every demo figure (示例数据); the 2023 baseline and real entries stay. */
export async function clearDemo(_previous: ClearDemoState, _formData: FormData): Promise<ClearDemoState> {
  const removed = clearDemoData(getDb());
  revalidatePath("/", "layout");
  return {
    status: "done",
    message:
      removed.figures + removed.targets === 0
        ? "没有需要清除的示例数据。"
        : `已清除示例数据 ${removed.figures} 条${removed.targets > 0 ? `、示例目标 ${removed.targets} 条` : ""}。`,
  };
}
