/**
 * What changed between a saved text and a newly drafted one, clause by clause (a clause ends at
 * ，；。 or a line break), for the "重新生成" view: a Chinese brief reads better compared by clause
 * than by character. The comparison itself is jsdiff's.
 */
import { diffArrays } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** "甲，乙。" → ["甲，", "乙。"]: clauses with their punctuation, line breaks as clauses of their own. */
export function clauses(text: string): string[] {
  return text.replace(/\r\n/g, "\n").split(/(?<=[，；。！？：\n])/).filter((clause) => clause !== "");
}

export function textDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(clauses(before), clauses(after))) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}
