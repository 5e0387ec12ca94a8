"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnPath, signInSchema } from "@/lib/accounts";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, minutesLeft } from "@/lib/throttle";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { clearFailures, lockedKey, recordFailure, type ThrottleKey } from "@/db/sign-in-attempts";
import { publicAction, type Refusal } from "@/app/_auth/guard";
import { clientAddress } from "@/app/_auth/client-address";

export type SignInState = { message: string; username: string };

const WRONG_CREDENTIALS = "用户名或密码错误。";

function failedSignIn(refusal: Refusal, [, formData]: [SignInState, FormData]): SignInState {
  return { message: refusal.reason === "failed" ? `登录未完成：${refusal.fault}。` : refusal.message, username: String(formData.get("username") ?? "") };
}

/** The same message for an unknown user and a wrong password; attempts are throttled per account and address. */
export const signIn = publicAction(async (_previous: SignInState, formData: FormData): Promise<SignInState> => {
  const typed = String(formData.get("username") ?? "");
  const parsed = signInSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS, username: typed };
  const { username, password } = parsed.data;

  const db = getDb();
  const requestHeaders = await headers();
  const address = clientAddress(requestHeaders);
  const keys: ThrottleKey[] = [
    { key: `user:${username}`, limit: ACCOUNT_LIMIT },
    ...(address ? [{ key: `addr:${address}`, limit: ADDRESS_LIMIT }] : []),
  ];
  const now = Date.now();
  const locked = lockedKey(db, keys, now);
  if (locked) return { message: `登录失败次数过多，请 ${minutesLeft(locked.record, now)} 分钟后再试。`, username: typed };

  try {
    await getAuth().api.signInUsername({ body: { username, password }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.body?.code === "BANNED_USER") return { message: "该账号已停用，请联系管理员。", username: typed };
    recordFailure(db, keys, now);
    return { message: WRONG_CREDENTIALS, username: typed };
  }
  clearFailures(db, [`user:${username}`]);
  redirect(safeReturnPath(formData.get("next")));
}, failedSignIn);

export const signOut = publicAction(async (_formData?: FormData): Promise<void> => {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/login");
}, (): void => redirect("/login")); // should ending the session fail (it is logged), the browser still goes to sign-in
