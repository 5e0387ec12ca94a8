import { describeChange } from "@/lib/conflict-text";
import { postedBases } from "@/lib/form-base";
import type { FieldConflict } from "./field-conflict";
import { textFields } from "./form-data";

/**
 * What a form that saves only what the user changed gets back from its action: the outcome, what
 * the form should now hold (what was typed, or once saved what is stored), what each field showed
 * when the form loaded or last saved (sent back to tell what the user changed), field errors, and the
 * fields someone else changed first (status "conflict").
 */
export type ConflictFormState = {
  status: "idle" | "saved" | "invalid" | "refused" | "conflict";
  message: string;
  values: Record<string, string>;
  bases: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  conflicts: FieldConflict[];
};

/** The answers to a posted form: each keeps what was typed and what the form showed, unless told otherwise. */
export function answerWith(values: Record<string, string>, bases: Record<string, string>) {
  return (status: ConflictFormState["status"], message: string, more: Partial<ConflictFormState> = {}): ConflictFormState => ({
    status,
    message,
    values,
    bases,
    fieldErrors: {},
    conflicts: [],
    ...more,
  });
}

/** A form refused before anything was read (signed out, no permission, a fault): everything typed comes back. */
export function refusedForm(message: string, formData: FormData): ConflictFormState {
  const values = textFields(formData);
  return answerWith(values, postedBases(values))("refused", message);
}

/** A text (a note, a brief) that someone else changed first, shown beside its field. */
export function textConflict(
  field: string,
  label: string,
  typed: string | undefined,
  conflict: { mine: string; theirs: string; changedByName: string | null; changedAt: Date | null },
  now: Date,
): FieldConflict {
  const theirs = conflict.theirs === "" ? "" : `“${conflict.theirs}”`;
  return { field, label, mine: typed ?? conflict.mine, theirs: conflict.theirs, message: describeChange({ who: conflict.changedByName, at: conflict.changedAt, theirs }, now) };
}
