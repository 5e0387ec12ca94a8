/**
 * A yes/no field as the app's forms post it: a hidden input holding exactly "true" or "false" (no
 * form posts a checkbox as a yes/no; the checkboxes there are lists of keys). Anything else is a
 * request no page sends, refused before anything is read or written.
 */
import { z } from "zod";

export const INVALID_PARAMETER = "参数无效，未做任何修改。";

export const formBooleanSchema = z.enum(["true", "false"], { message: INVALID_PARAMETER }).transform((value) => value === "true");

/** The field's value as a boolean, or null when it is not exactly "true" or "false". */
export function parseFormBoolean(value: unknown): boolean | null {
  const parsed = formBooleanSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
