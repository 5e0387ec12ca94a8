"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeReturnPath, signInSchema } from "@/lib/accounts";
import { formatWait, freeFailuresLeft, type AttemptRecord } from "@/lib/throttle";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { accountKey, addressKey, clearAttempts, deviceKey, releaseAttempt, reserveAttempt, type ThrottleKey } from "@/db/sign-in-attempts";
import { publicAction, type Refusal } from "@/app/_auth/guard";
import { clientAddress } from "@/app/_auth/client-address";
import { trustedDeviceFor, trustThisDevice } from "@/app/_auth/trusted-device";

export type SignInState = { message: string; username: string };

const WRONG_CREDENTIALS = "用户名或密码错误。";

function failedSignIn(refusal: Refusal, [, formData]: [SignInState, FormData]): SignInState {
  return { message: refusal.reason === "failed" ? `登录未完成：${refusal.fault}。` : refusal.message, username: String(formData.get("username") ?? "") };
}

function waitMessage(key: ThrottleKey, record: AttemptRecord, now: number): string {
  const wait = formatWait(record.lockedUntil ?? now, now);
  if (key.key.startsWith("address:")) return `从您所在的网络登录失败的次数过多，请 ${wait}后再试。`;
  if (key.key.startsWith("device:")) return `在本浏览器上连续登录失败，请 ${wait}后再试；忘记密码请联系管理员重置。`;
  return `该账号近期登录失败的次数过多，请 ${wait}后再试。在您以前登录过的浏览器上不受此限制；管理员也可解除。`;
}

function failureMessage(keys: readonly ThrottleKey[], records: readonly AttemptRecord[], now: number): string {
  const lockedUntil = Math.max(...records.map((record) => record.lockedUntil ?? 0));
  if (lockedUntil > now) return `${WRONG_CREDENTIALS}失败次数已达上限，请 ${formatWait(lockedUntil, now)}后再试。`;
  const left = Math.min(...keys.map((key, index) => freeFailuresLeft(records[index], key.rule, now)));
  return `${WRONG_CREDENTIALS}再错 ${left} 次后，每次重试前需等待一段时间。`;
}

/**
 * The same message for an unknown user and a wrong password. Failures are counted per account and
 * per network address — or, on a browser that has signed in to the account before, for that
 * browser alone — and past a few free ones each makes the next attempt wait (lib/throttle.ts).
 * Every attempt is counted before its password is checked, and given back when it was right.
 */
export const signIn = publicAction(async (_previous: SignInState, formData: FormData): Promise<SignInState> => {
  const typed = String(formData.get("username") ?? "");
  const parsed = signInSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS, username: typed };
  const { username, password } = parsed.data;

  const db = getDb();
  const requestHeaders = await headers();
  const device = await trustedDeviceFor(username);
  const address = clientAddress(requestHeaders);
  const keys: ThrottleKey[] = device
    ? [deviceKey(username, device)]
    : [accountKey(username), ...(address ? [addressKey(address)] : [])];
  const now = Date.now();
  // counted as a failure before the password is checked: concurrent guesses cannot all slip past the limit
  const attempt = reserveAttempt(db, keys, now);
  if ("lock" in attempt) return { message: waitMessage(attempt.lock.key, attempt.lock.record, now), username: typed };
  const { reservation } = attempt;

  try {
    await getAuth().api.signInUsername({ body: { username, password }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if (error.body?.code === "BANNED_USER") {
      releaseAttempt(db, reservation);
      return { message: "该账号已停用，请联系管理员。", username: typed };
    }
    return { message: failureMessage(keys, reservation.map(({ after }) => after), now), username: typed };
  }
  releaseAttempt(db, reservation);
  clearAttempts(db, [accountKey(username), ...(device ? [deviceKey(username, device)] : [])]);
  await trustThisDevice(username, device);
  redirect(safeReturnPath(formData.get("next")));
}, failedSignIn);

export const signOut = publicAction(async (_formData?: FormData): Promise<void> => {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/login");
}, (): void => redirect("/login")); // should ending the session fail (it is logged), the browser still goes to sign-in
