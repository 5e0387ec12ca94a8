"use server";

import { revalidatePath } from "next/cache";
import { monthSchema } from "@/lib/entry-schema";
import { formatMonth, isFutureMonth } from "@/lib/periods";
import { getDb } from "@/db/client";
import { getHomeOrganization } from "@/db/organizations";
import { setPeriodLock } from "@/db/period-locks";
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

/** Lock a month after its review meeting, or unlock it for a correction; both are recorded. */
export const lockMonth = guarded(
  "periods:lock",
  refused,
  async (user: SessionUser, _previous: AdminActionState, formData: FormData): Promise<AdminActionState> => setLock(user, true, formData),
);

export const unlockMonth = guarded(
  "periods:lock",
  refused,
  async (user: SessionUser, _previous: AdminActionState, formData: FormData): Promise<AdminActionState> => setLock(user, false, formData),
);

function setLock(user: SessionUser, locked: boolean, formData: FormData): AdminActionState {
  const month = monthSchema.safeParse(String(formData.get("month") ?? ""));
  if (!month.success) return { status: "invalid", message: "请选择要锁定的月份（YYYY-MM）。" };
  if (locked && isFutureMonth(month.data, new Date())) return { status: "invalid", message: "不能锁定尚未到来的月份。" };
  const db = getDb();
  const changed = setPeriodLock(db, { organizationId: getHomeOrganization(db).id, month: month.data, locked, userId: user.id });
  revalidatePath("/", "layout");
  const label = formatMonth(month.data);
  if (!changed) return { status: "done", message: locked ? `${label}原已锁定。` : `${label}原本未锁定。` };
  return { status: "done", message: locked ? `已锁定${label}：该月数据不能再修改。` : `已解除${label}的锁定。` };
}
