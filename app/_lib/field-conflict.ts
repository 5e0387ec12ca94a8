/**
 * A field the user changed that someone else had changed since the form loaded: shown beside the
 * field with the choice to take their value or keep one's own.
 */
export type FieldConflict = {
  /** The form field (and the id of its control). */
  field: string;
  /** What the field is called, for the error summary. */
  label: string;
  /** What the user typed, and what is stored now (both as the field would hold them). */
  mine: string;
  theirs: string;
  /** e.g. 已被 刘洋 于 10:42 修改为 4 */
  message: string;
};

/** The text a field holds for a stored number; blank for none. */
export function fieldText(value: number | null): string {
  return value === null ? "" : String(value);
}
