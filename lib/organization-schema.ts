/** The organization's names as an administrator may set them: the full name for headings, the short one for file names. */
import { z } from "zod";
import { textRule } from "./text";

export const organizationSchema = z.object({
  name: z
    .string({ message: "请填写单位全称" })
    .trim()
    .min(2, "单位全称至少 2 个字")
    .max(60, "单位全称不超过 60 个字")
    .superRefine(textRule("单位全称")),
  shortName: z
    .string({ message: "请填写简称" })
    .trim()
    .min(1, "请填写简称")
    .max(20, "简称不超过 20 个字")
    .superRefine(textRule("简称"))
    .regex(/^[^/\\:*?"<>|]*$/, "简称会用作下载文件名，不能含 / \\ : * ? \" < > |"),
});

export type OrganizationNames = z.infer<typeof organizationSchema>;
