/**
 * The one rule for text typed into any field (names, catalog text, commentary, reasons, notes,
 * target sources, passwords…), and for text from elsewhere that the app keeps or sends on (file
 * names, table headings). Refused everywhere:
 * - control characters (NUL, BEL, ESC, DEL, the C1 range): they cannot be typed on purpose and break
 *   exports, logs and messages;
 * - every invisible format character (Unicode category Cf): the direction marks and overrides
 *   (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) that make text read otherwise than it is
 *   stored, the zero-width space and joiners, the byte-order mark, the soft hyphen, tag characters;
 * - the line and paragraph separators, lone surrogates, noncharacters, and the Hangul fillers that
 *   show as nothing.
 * A multi-line field keeps its line breaks and tabs; a single-line field refuses those too. The
 * zero-width joiner is kept inside an emoji sequence (👨‍👩‍👧), where it is part of one picture.
 */
import { z } from "zod";

const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\uFFFE\uFFFF\u115F\u1160\u3164\uFFA0]/gu;
const LINE_WHITESPACE = new Set(["\n", "\r", "\t"]);
// read at the joiner's own position (sticky): an emoji, its optional presentation or skin-tone modifier, the joiner, an emoji
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/uy;

type Mode = { multiLine: boolean };
type Forbidden = { index: number; char: string };

function allowed(text: string, { index, char }: Forbidden, { multiLine }: Mode): boolean {
  if (LINE_WHITESPACE.has(char)) return multiLine;
  if (char !== "\u200D") return false;
  EMOJI_JOINER.lastIndex = index;
  return EMOJI_JOINER.test(text);
}

function* forbiddenCharacters(text: string, mode: Mode): Generator<Forbidden> {
  for (const match of text.matchAll(FORBIDDEN)) {
    const candidate = { index: match.index, char: match[0] };
    if (!allowed(text, candidate, mode)) yield candidate;
  }
}

function firstForbidden(text: string, mode: Mode): Forbidden | null {
  for (const found of forbiddenCharacters(text, mode)) return found;
  return null;
}

export function hasControlCharacters(text: string, mode: Mode): boolean {
  return firstForbidden(text, mode) !== null;
}

/**
 * Why `text` cannot be the value of the field `label`, in Chinese and naming the field (and where
 * the character sits, since most of them cannot be seen); null when the rule holds.
 */
export function textProblem(label: string, text: string, mode: Mode): string | null {
  const found = firstForbidden(text, mode);
  if (!found) return null;
  const position = [...text.slice(0, found.index)].length + 1;
  if (LINE_WHITESPACE.has(found.char)) return `${label}只能填写一行，不能含换行或制表符（第 ${position} 个字符）`;
  const code = (found.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `${label}含有不可见的控制字符或格式字符（第 ${position} 个字符，U+${code}），请删除后再提交`;
}

/** The rule as a zod refinement, for a schema of its own: `z.string().trim().superRefine(textRule("单位全称"))`. */
export function textRule(label: string, mode: Mode = { multiLine: false }) {
  return (text: string, context: z.RefinementCtx) => {
    const problem = textProblem(label, text, mode);
    if (problem) context.addIssue({ code: "custom", message: problem });
  };
}

/** Text that was not typed (a file's name, a sheet's heading) with every refused character taken out. */
export function withoutForbidden(text: string, mode: Mode): string {
  let kept = "";
  let from = 0;
  for (const { index, char } of forbiddenCharacters(text, mode)) {
    kept += text.slice(from, index);
    from = index + char.length;
  }
  return kept + text.slice(from);
}

/** A one-line text field: trimmed, `min`–`max` characters, nothing the rule refuses. */
export function singleLineText(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`)
    .superRefine(textRule(label));
}

/** A text area: Windows line ends become "\n"; at most `max` characters; line breaks and tabs, nothing else the rule refuses. */
export function multiLineText(label: string, { max }: { max: number }) {
  return z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .max(max, `${label}不超过 ${max} 字`)
        .superRefine(textRule(label, { multiLine: true })),
    );
}
