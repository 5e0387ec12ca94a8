/**
 * The 更正说明 a person may give with a change (why a figure was corrected or reverted), kept on each
 * revision it writes and shown in the history; correcting the document's baseline requires one.
 */
import { hasControlCharacters } from "./text";

export const MAX_NOTE_LENGTH = 200;

export type NoteResult = { ok: true; note: string | null } | { ok: false; error: string };

export function parseRevisionNote(raw: string | null | undefined, options: { required?: boolean } = {}): NoteResult {
  const text = (raw ?? "").trim();
  if (text === "") return options.required ? { ok: false, error: "请填写更正理由" } : { ok: true, note: null };
  // line breaks, control characters and the invisible direction overrides (which make a note read otherwise than stored)
  if (hasControlCharacters(text, { multiLine: false })) return { ok: false, error: "说明中不能含换行或控制字符" };
  if ([...text].length > MAX_NOTE_LENGTH) return { ok: false, error: `说明不超过 ${MAX_NOTE_LENGTH} 字` };
  return { ok: true, note: text };
}

/** The monthly form's field for it (`__` keeps it clear of every indicator key). */
export const REVISION_NOTE_FIELD = "revision__note";
