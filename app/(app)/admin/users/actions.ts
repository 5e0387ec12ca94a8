"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { newAccountSchema, passwordSchema, roleSchema } from "@/lib/accounts";
import { ROLE_LABELS } from "@/lib/roles";
import { recordAudit } from "@/db/audit";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { AccountError, countActiveAdmins, createAccount, getAccount, resetPassword, setDisabled, setRole } from "@/db/users";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type UserFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

// what was typed (never a password) goes back with a refusal or a failure, so the form keeps it
const refused = (refusal: Refusal, [, formData]: [UserFormState, FormData]): UserFormState => ({
  status: "refused",
  message: refusal.message,
  fieldErrors: {},
  values: textFields(formData, ["username", "name", "role"]),
});
const invalid = (message: string, values: Record<string, string> = {}): UserFormState => ({ status: "invalid", message, fieldErrors: {}, values });
const done = (message: string): UserFormState => ({ status: "done", message, fieldErrors: {}, values: {} });

/** Who an account is, for the audit: "张三（zhangsan）". */
const accountName = (account: { name: string; username: string }) => `${account.name}（${account.username}）`;

export const addUser = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const values = { username: String(formData.get("username") ?? ""), name: String(formData.get("name") ?? ""), role: String(formData.get("role") ?? "") };
    const parsed = newAccountSchema.safeParse({ ...values, password: formData.get("password"), confirm: formData.get("confirm") });
    if (!parsed.success) {
      return { status: "invalid", message: "请按提示修改后再提交。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
    }
    try {
      await createAccount(getDb(), getAuth(), parsed.data);
    } catch (error) {
      if (error instanceof AccountError) return { status: "invalid", message: error.message, fieldErrors: { username: [error.message] }, values };
      throw error;
    }
    recordAudit(getDb(), { action: "account.add", subject: accountName(parsed.data), detail: `角色：${ROLE_LABELS[parsed.data.role]}`, userId: admin.id });
    revalidatePath("/admin/users");
    return done(`已添加${ROLE_LABELS[parsed.data.role]}账号“${parsed.data.name}”（${parsed.data.username}）。`);
  },
);

/** The last administrator who can sign in may not be demoted or disabled, not even by themself. */
function wouldLeaveNoAdmin(userId: string): boolean {
  const db = getDb();
  const account = getAccount(db, userId);
  return account?.role === "admin" && !account.disabled && countActiveAdmins(db) <= 1;
}

export const changeRole = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const role = roleSchema.safeParse(formData.get("role"));
    if (!role.success) return invalid("请选择角色。");
    const account = getAccount(getDb(), userId);
    if (!account) return invalid("账号不存在。");
    if (role.data !== "admin" && wouldLeaveNoAdmin(userId)) return invalid("这是唯一可用的管理员账号，不能改为其他角色。");
    await setRole(getAuth(), userId, role.data);
    if (account.role !== role.data) {
      recordAudit(getDb(), { action: "account.role", subject: accountName(account), detail: `角色：${ROLE_LABELS[account.role]} → ${ROLE_LABELS[role.data]}`, userId: admin.id });
    }
    revalidatePath("/admin/users");
    return done(`“${account.name}”的角色已改为${ROLE_LABELS[role.data]}。`);
  },
);

export const resetUserPassword = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const password = passwordSchema.safeParse(formData.get("password"));
    if (!password.success) return { ...invalid(password.error.issues[0]?.message ?? "密码无效"), fieldErrors: { password: password.error.issues.map((i) => i.message) } };
    const account = getAccount(getDb(), userId);
    if (!account) return invalid("账号不存在。");
    await resetPassword(getAuth(), userId, password.data);
    recordAudit(getDb(), { action: "account.password", subject: accountName(account), detail: "由管理员重置，已登录的设备需重新登录", userId: admin.id });
    return done(`已重置“${account.name}”的密码，其已登录的设备需重新登录。`);
  },
);

export const setUserDisabled = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const disabled = formData.get("disabled") === "true";
    const account = getAccount(getDb(), userId);
    if (!account) return invalid("账号不存在。");
    if (disabled && userId === admin.id) return invalid("不能停用自己的账号。");
    if (disabled && wouldLeaveNoAdmin(userId)) return invalid("这是唯一可用的管理员账号，不能停用。");
    await setDisabled(getAuth(), userId, disabled);
    if (account.disabled !== disabled) {
      recordAudit(getDb(), { action: disabled ? "account.disable" : "account.enable", subject: accountName(account), userId: admin.id });
    }
    revalidatePath("/admin/users");
    return done(disabled ? `已停用“${account.name}”，其登录已全部失效。` : `已恢复“${account.name}”的账号。`);
  },
);
