"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { newAccountSchema, passwordSchema, roleSchema } from "@/lib/accounts";
import { INVALID_PARAMETER, parseFormBoolean } from "@/lib/form-boolean";
import { ROLE_LABELS } from "@/lib/roles";
import { recordAudit } from "@/db/audit";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { liftAccountLimits, liftAddressLimit } from "@/db/sign-in-attempts";
import { AccountError, changeAccount, createAccount, getAccount, resetPassword } from "@/db/users";
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

const LAST_ADMIN = "这是唯一可用的管理员账号，不能改为其他角色或停用；请先让另一位管理员可用。";

export const changeRole = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const role = roleSchema.safeParse(formData.get("role"));
    if (!role.success) return invalid("请选择角色。");
    const changed = changeAccount(getDb(), userId, { role: role.data }, admin.id);
    if (changed === "missing") return invalid("账号不存在。");
    if (changed === "last-admin") return invalid(LAST_ADMIN);
    revalidatePath("/admin/users");
    return done(`“${changed.name}”的角色已改为${ROLE_LABELS[role.data]}。`);
  },
);

/** A new password also lifts the account's sign-in limits: whoever was locked out gets a fresh start. */
export const resetUserPassword = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const password = passwordSchema.safeParse(formData.get("password"));
    if (!password.success) return { ...invalid(password.error.issues[0]?.message ?? "密码无效"), fieldErrors: { password: password.error.issues.map((i) => i.message) } };
    const db = getDb();
    const account = getAccount(db, userId);
    if (!account) return invalid("账号不存在。");
    await resetPassword(getAuth(), userId, password.data);
    liftAccountLimits(db, account.username);
    recordAudit(db, { action: "account.password", subject: accountName(account), detail: "由管理员重置并解除登录限制，已登录的设备需重新登录", userId: admin.id });
    revalidatePath("/admin/users");
    return done(`已重置“${account.name}”的密码并解除其登录限制，其已登录的设备需重新登录。`);
  },
);

export const setUserDisabled = guarded(
  "users:manage",
  refused,
  async (admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const userId = String(formData.get("userId") ?? "");
    const disabled = parseFormBoolean(formData.get("disabled"));
    if (disabled === null) return invalid(INVALID_PARAMETER);
    if (disabled && userId === admin.id) return invalid("不能停用自己的账号。");
    const changed = changeAccount(getDb(), userId, { disabled }, admin.id);
    if (changed === "missing") return invalid("账号不存在。");
    if (changed === "last-admin") return invalid(LAST_ADMIN);
    revalidatePath("/admin/users");
    return done(disabled ? `已停用“${changed.name}”，其登录已全部失效。` : `已恢复“${changed.name}”的账号。`);
  },
);

/** Lift an account's sign-in waits (its own count and its trusted browsers'). */
export const liftSignInLimits = guarded(
  "users:manage",
  refused,
  async (_admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const db = getDb();
    const account = getAccount(db, String(formData.get("userId") ?? ""));
    if (!account) return invalid("账号不存在。");
    const lifted = liftAccountLimits(db, account.username);
    revalidatePath("/admin/users");
    return done(lifted === 0 ? `“${account.name}”没有登录限制。` : `已解除“${account.name}”的登录限制。`);
  },
);

/** Lift the sign-in waits of one network (an IPv4 address or an IPv6 /64). */
export const liftNetworkLimit = guarded(
  "users:manage",
  refused,
  async (_admin: SessionUser, _previous: UserFormState, formData: FormData): Promise<UserFormState> => {
    const network = String(formData.get("network") ?? "");
    const lifted = network ? liftAddressLimit(getDb(), network) : 0;
    revalidatePath("/admin/users");
    return lifted === 0 ? invalid("该地址没有登录限制。") : done(`已解除 ${network} 的登录限制。`);
  },
);
