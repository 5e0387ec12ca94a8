"use server";

import { revalidatePath } from "next/cache";
import { INVALID_PARAMETER, parseFormBoolean } from "@/lib/form-boolean";
import { USER_GRANT_LABELS } from "@/lib/roles";
import { recordAudit } from "@/db/audit";
import { getDb } from "@/db/client";
import { setUserGrant } from "@/db/user-grants";
import { getAccount } from "@/db/users";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";
import type { UserFormState } from "./actions";

const refused = (refusal: Refusal): UserFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: {} });

/** Give a non-admin account (e.g. a leader's) the reviewer grant, or take it away; admins review anyway. */
export const setReviewerGrant = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const held = parseFormBoolean(formData.get("reviewer"));
    if (held === null) return { status: "invalid", message: INVALID_PARAMETER, fieldErrors: {}, values: {} };
    const db = getDb();
    const account = getAccount(db, String(formData.get("userId") ?? ""));
    if (!account) return { status: "invalid", message: "账号不存在。", fieldErrors: {}, values: {} };
    if (account.role === "admin") return { status: "invalid", message: "管理员本身就能审核，无需另行授予。", fieldErrors: {}, values: {} };
    const changed = db.transaction((tx) => {
      if (!setUserGrant(tx, { userId: account.id, grant: "reviewer", held, grantedBy: admin.id })) return false;
      recordAudit(tx, { action: held ? "account.grant" : "account.revoke", subject: `${account.name}（${account.username}）`, detail: USER_GRANT_LABELS.reviewer, userId: admin.id });
      return true;
    });
    revalidatePath("/", "layout");
    const label = `“${account.name}”`;
    if (!changed) return { status: "done", message: held ? `${label}原已有审核权限。` : `${label}原本没有审核权限。`, fieldErrors: {}, values: {} };
    return {
      status: "done",
      message: held ? `已授予${label}审核权限：可在“待审核”页审核通过或退回月度数据、解除锁定。` : `已取消${label}的审核权限。`,
      fieldErrors: {},
      values: {},
    };
  },
);
