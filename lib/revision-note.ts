/**
 * The 更正说明 a person may give with a change (why a figure was corrected or reverted), kept on each
 * revision it writes and shown in the history; correcting the document's baseline requires one.
 */
import { textProblem } from "./text";

export const MAX_NOTE_LENGTH = 200;

export type NoteResult = { ok: true; note: string | null } | { ok: false; error: string };

/** `required` is for the baseline's 更正理由; otherwise the note is the optional 更正说明. */
export function parseRevisionNote(raw: string | null | undefined, options: { required?: boolean } = {}): NoteResult {
  const text = (raw ?? "").trim();
  if (text === "") return options.required ? { ok: false, error: "请填写更正理由" } : { ok: true, note: null };
  // one line: it is shown in the history beside each figure
  const problem = textProblem(options.required ? "更正理由" : "更正说明", text, { multiLine: false });
  if (problem) return { ok: false, error: problem };
  if ([...text].length > MAX_NOTE_LENGTH) return { ok: false, error: `说明不超过 ${MAX_NOTE_LENGTH} 字` };
  return { ok: true, note: text };
}

/** The monthly form's field for it (`__` keeps it clear of every indicator key). */
export const REVISION_NOTE_FIELD = "revision__note";
