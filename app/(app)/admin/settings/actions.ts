"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { organizationSchema } from "@/lib/organization-schema";
import { getDb } from "@/db/client";
import { getHomeOrganization, renameOrganization } from "@/db/organizations";
import { textFields } from "@/app/_lib/form-data";
import { guarded, type Refusal } from "@/app/_auth/guard";
import type { SessionUser } from "@/app/_auth/session";

export type SettingsFormState = {
  status: "idle" | "done" | "invalid" | "refused";
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
};

const refused = (refusal: Refusal, [, formData]: [SettingsFormState, FormData]): SettingsFormState => ({ status: "refused", message: refusal.message, fieldErrors: {}, values: textFields(formData, ["name", "shortName"]) });

/** Change the organization's full and short names (headings, the review pack, download file names). */
export const saveOrganization = guarded("settings:manage", refused, async (_user: SessionUser, _previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> => {
  const values = textFields(formData, ["name", "shortName"]);
  const parsed = organizationSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", message: "请按提示修改后再保存，未做任何修改。", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const db = getDb();
  renameOrganization(db, getHomeOrganization(db).id, parsed.data);
  revalidatePath("/", "layout");
  return { status: "done", message: `已保存：单位全称“${parsed.data.name}”，简称“${parsed.data.shortName}”。`, fieldErrors: {}, values: parsed.data };
});
