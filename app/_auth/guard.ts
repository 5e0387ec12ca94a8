import "server-only";
import { notFound, unstable_rethrow } from "next/navigation";
import { can, ROLE_LABELS, type Permission } from "@/lib/roles";
import { describeFault } from "@/db/faults";
import { getCurrentUser, type SessionUser } from "./session";

/**
 * The one gate every server action passes. An exported action is built with `guarded` (a role
 * permission), `signedIn` (any signed-in user, e.g. changing one's own password) or `publicAction`
 * (sign-in and first-run setup); a test fails for any export built otherwise.
 *
 * The gate also answers for what goes wrong inside: an unexpected error (a busy, full, read-only or
 * vanished database, a bug) is logged on the server and handed to the action's `refuse` as a
 * "failed" refusal, so the user sees why in Chinese and keeps what they typed. Writes run in
 * transactions, so a failed action has changed nothing.
 */

export type Refusal =
  | { reason: "signed-out" | "forbidden"; message: string }
  /** `fault` says what went wrong in a few Chinese words; `message` is the whole sentence for a form. */
  | { reason: "failed"; message: string; fault: string };

export const SIGNED_OUT_MESSAGE = "登录已过期或尚未登录：请在新标签页重新登录后再提交，本页已填内容不会丢失。";

/** The refusal for an action that threw: the real error goes to the server log, a Chinese reason to the user. */
function failed(error: unknown, who: string): Refusal {
  // redirect() and notFound() are thrown on purpose; they must reach Next.js
  unstable_rethrow(error);
  console.error(`[action] 服务端动作失败（${who}）：`, error);
  const fault = describeFault(error);
  return { reason: "failed", fault, message: `保存失败，未做任何修改：${fault}。本页已填写的内容仍保留。` };
}

type Access = { kind: "permission"; permission: Permission } | { kind: "signed-in" } | { kind: "public" };
const registry = new WeakMap<object, Access>();

/** How an exported action is protected, or null if it was not built by this module. */
export function accessOf(action: unknown): Access | null {
  return typeof action === "function" ? (registry.get(action) ?? null) : null;
}

/**
 * Every action of this app is a form's: called with (previous state, FormData) by useActionState or
 * with (FormData) by a plain form — exactly as many arguments as its handler declares, the last a
 * FormData. A request that decodes to anything else was not made by the app; it is answered "not
 * found" (a 404, as Next answers an unknown action) before any other work, instead of failing inside
 * the handler with a 500. (Bodies that are not forms at all get a 400 from server.ts already.)
 */
function refuseMalformedCall(args: readonly unknown[], expected: number): void {
  if (args.length !== expected || !(args.at(-1) instanceof FormData)) notFound();
}

type Refuse<Args extends unknown[], Result> = (refusal: Refusal, args: NoInfer<Args>) => NoInfer<Result>;
type Handler<Args extends unknown[], Result> = (user: SessionUser, ...args: Args) => Promise<Result>;

function gate<Args extends unknown[], Result>(
  access: Access,
  refuse: Refuse<Args, Result>,
  handler: Handler<Args, Result>,
): (...args: Args) => Promise<Result> {
  const action = async (...args: Args): Promise<Result> => {
    // the handler's first parameter is the signed-in user, not an argument of the call
    refuseMalformedCall(args, handler.length - 1);
    let user: SessionUser | null = null;
    try {
      user = await getCurrentUser();
      if (!user) return refuse({ reason: "signed-out", message: SIGNED_OUT_MESSAGE }, args);
      if (access.kind === "permission" && !can(user, access.permission)) {
        return refuse({ reason: "forbidden", message: `您的角色（${ROLE_LABELS[user.role]}）无权执行此操作，未做任何修改。` }, args);
      }
      return await handler(user, ...args);
    } catch (error) {
      return refuse(failed(error, user ? `用户 ${user.username}` : "未识别用户"), args);
    }
  };
  registry.set(action, access);
  return action;
}

/** An action for the roles that hold `permission`; everyone else gets `refuse`'s answer and nothing changes. */
export function guarded<Args extends unknown[], Result>(
  permission: Permission,
  refuse: Refuse<Args, Result>,
  handler: Handler<Args, Result>,
): (...args: Args) => Promise<Result> {
  return gate({ kind: "permission", permission }, refuse, handler);
}

/** An action for any signed-in user, whatever their role (e.g. changing one's own password). */
export function signedIn<Args extends unknown[], Result>(
  refuse: Refuse<Args, Result>,
  handler: Handler<Args, Result>,
): (...args: Args) => Promise<Result> {
  return gate({ kind: "signed-in" }, refuse, handler);
}

/** For the few actions anyone may call: signing in, and setup while no account exists; `refuse` answers a failure. */
export function publicAction<Args extends unknown[], Result>(
  handler: (...args: Args) => Promise<Result>,
  refuse: Refuse<Args, Result>,
): (...args: Args) => Promise<Result> {
  const action = async (...args: Args): Promise<Result> => {
    refuseMalformedCall(args, handler.length);
    try {
      return await handler(...args);
    } catch (error) {
      return refuse(failed(error, "未登录访问"), args);
    }
  };
  registry.set(action, { kind: "public" });
  return action;
}
