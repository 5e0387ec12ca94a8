"use server";

import { revalidatePath } from "next/cache";
import { apiTokenNameSchema } from "@/lib/api-token";
import { issueApiToken, revokeApiToken } from "@/db/api-tokens";
import { getDb } from "@/db/client";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

/** `name` is the purpose as typed, handed back so a refused form keeps it. */
export type TokenState = { status: "idle" | "done" | "refused" | "invalid"; message: string; token: string | null; name?: string };

const typedName = (formData: FormData | undefined): string => String(formData?.get("name") ?? "");
const refused = (refusal: Refusal, args: [TokenState, FormData]): TokenState => ({ status: "refused", message: refusal.message, token: null, name: typedName(args[1]) });

/** Issue a read-only API token; it is shown once, in this answer, and only its hash is kept. */
export const issueToken = guarded("tokens:manage", refused, async (user: SessionUser, _previous: TokenState, formData: FormData): Promise<TokenState> => {
  const name = apiTokenNameSchema.safeParse(String(formData.get("name") ?? ""));
  if (!name.success) return { status: "invalid", message: name.error.issues[0]?.message ?? "用途无效", token: null, name: typedName(formData) };
  const { token } = issueApiToken(getDb(), { name: name.data, createdBy: user.id });
  revalidatePath("/admin/tokens");
  return { status: "done", message: `已签发令牌“${name.data}”。请立即复制保存：离开本页后将无法再次查看。`, token };
});

export const revokeToken = guarded("tokens:manage", refused, async (_user: SessionUser, _previous: TokenState, formData: FormData): Promise<TokenState> => {
  const id = Number(formData.get("tokenId"));
  if (!Number.isInteger(id) || id <= 0) return { status: "invalid", message: "令牌编号无效。", token: null };
  const revoked = revokeApiToken(getDb(), id);
  revalidatePath("/admin/tokens");
  return revoked ? { status: "done", message: "令牌已撤销，立即失效。", token: null } : { status: "invalid", message: "该令牌不存在或已撤销。", token: null };
});
