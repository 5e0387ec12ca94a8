"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { z } from "zod";
import { passwordChangeSchema } from "@/lib/accounts";
import { getAuth } from "@/db/auth";
import { signedIn, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type PasswordState = { status: "idle" | "done" | "invalid" | "refused"; message: string; fieldErrors: Record<string, string[] | undefined> };

/** Any signed-in user changes their own password; their other sessions end. */
export const changeOwnPassword = signedIn(
  (refusal: Refusal): PasswordState => ({ status: "refused", message: refusal.message, fieldErrors: {} }),
  async (_user: SessionUser, _previous: PasswordState, formData: FormData): Promise<PasswordState> => {
    const parsed = passwordChangeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { status: "invalid", message: "请按提示修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    }
    try {
      await getAuth().api.changePassword({
        body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, revokeOtherSessions: true },
        headers: await headers(),
      });
    } catch (error) {
      if (error instanceof APIError && error.body?.code === "INVALID_PASSWORD") {
        return { status: "invalid", message: "当前密码不正确。", fieldErrors: { currentPassword: ["当前密码不正确"] } };
      }
      throw error;
    }
    return { status: "done", message: "密码已修改，其他设备上的登录已退出。", fieldErrors: {} };
  },
);
