/**
 * The text fields of a posted form, to validate and to hand back so the form keeps what was typed.
 * Files and React's own `$ACTION…` fields are left out; `names` narrows it to the fields a form owns.
 */
export function textFields(formData: FormData, names?: readonly string[]): Record<string, string> {
  const wanted = names ? new Set(names) : null;
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value !== "string" || name.startsWith("$") || (wanted && !wanted.has(name))) continue;
    fields[name] = value;
  }
  return fields;
}
