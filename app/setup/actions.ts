"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { newAccountSchema } from "@/lib/accounts";
import { getAuth } from "@/db/auth";
import { getDb } from "@/db/client";
import { createFirstAdmin } from "@/db/setup";
import { AccountError } from "@/db/users";
import { publicAction } from "@/app/_auth/guard";

export type SetupState = { message: string; fieldErrors: Record<string, string[] | undefined>; values: Record<string, string> };

const typedValues = (formData: FormData) => ({ username: String(formData.get("username") ?? ""), name: String(formData.get("name") ?? "") });

/** First run only: create the first administrator and sign them in. */
export const setUp = publicAction(async (_previous: SetupState, formData: FormData): Promise<SetupState> => {
  const values = typedValues(formData);
  const parsed = newAccountSchema.safeParse({ ...values, role: "admin", password: formData.get("password"), confirm: formData.get("confirm") });
  if (!parsed.success) {
    return { message: "请按提示修改后再提交。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  const db = getDb();
  const auth = getAuth();
  try {
    await createFirstAdmin(db, auth, parsed.data);
  } catch (error) {
    if (error instanceof AccountError) return { message: error.message, fieldErrors: {}, values };
    throw error;
  }
  await auth.api.signInUsername({ body: { username: parsed.data.username, password: parsed.data.password }, headers: await headers() });
  redirect("/admin/users?welcome=1");
}, (refusal, [, formData]): SetupState => ({ message: refusal.message, fieldErrors: {}, values: typedValues(formData) }));
