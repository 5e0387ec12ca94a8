/** Account input: usernames, display names and passwords, validated the same way everywhere. */
import { z } from "zod";
import { ROLES } from "./roles";
import { hasControlCharacters, singleLineText, textRule } from "./text";

/** Letters, digits and . _ - ; compared in lower case (sign-in is case-insensitive). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, "用户名为 2–32 位小写字母、数字或 . _ -，以字母或数字开头");

export const displayNameSchema = singleLineText("姓名", { max: 40 });

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(MAX_PASSWORD_LENGTH, `密码不超过 ${MAX_PASSWORD_LENGTH} 位`)
  .superRefine(textRule("密码"));

export const roleSchema = z.enum(ROLES, { message: "请选择角色" });

export const newAccountSchema = z
  .object({
    username: usernameSchema,
    name: displayNameSchema,
    role: roleSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((input) => input.password === input.confirm, { path: ["confirm"], message: "两次输入的密码不一致" });

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码"),
    newPassword: passwordSchema,
    confirm: z.string(),
  })
  .refine((input) => input.newPassword === input.confirm, { path: ["confirm"], message: "两次输入的密码不一致" })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ["newPassword"], message: "新密码不能与当前密码相同" });

/** What the sign-in form accepts; a name no account can have (control characters) is refused as wrong. */
export const signInSchema = z.object({
  // a post without the field (not the form's: it always sends both) is answered like an empty one
  username: z
    .string({ error: "请输入用户名" })
    .trim()
    .toLowerCase()
    .min(1, "请输入用户名")
    .max(64, "用户名或密码错误。")
    .refine((name) => !hasControlCharacters(name, { multiLine: false }), "用户名或密码错误。"),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(MAX_PASSWORD_LENGTH, "用户名或密码错误。"),
});

/** better-auth requires an e-mail address; staff have none, so each account gets one nobody sees. */
export function placeholderEmail(username: string): string {
  return `${username}@accounts.kepu.invalid`;
}

/** Stands in for this site's origin: only what resolves to a path on it may be returned to. */
const HOME = "http://home.invalid";
const MAX_RETURN_PATH = 2000;
/** Browsers drop tab, CR and LF from URLs and read "\" as "/": "/\t/evil" and "/\\evil" lead off-site. */
const UNSAFE_IN_PATH = /[\u0000-\u001F\u007F\\]/;

/**
 * The page to return to after signing in: a path on this site as the URL parser reads it, or "/".
 * Anything that could leave the site — another origin, a protocol-relative "//host", control
 * characters or backslashes (raw or percent-encoded), "%2F%2F" that decodes to "//" — goes to "/".
 */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.length > MAX_RETURN_PATH || UNSAFE_IN_PATH.test(raw)) return "/";
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(raw, HOME);
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  if (url.origin !== HOME || url.pathname.startsWith("//") || decodedPath.startsWith("//") || UNSAFE_IN_PATH.test(decodedPath)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
