/**
 * Text typed into any field (names, catalog text, commentary, target sources…). Control characters
 * are refused everywhere: they cannot be typed on purpose, break exports and logs, and the direction
 * overrides among them make text read differently from what is stored. A multi-line field keeps its
 * line breaks and tabs; a single-line field refuses those too.
 */
import { z } from "zod";

const CONTROLS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uFEFF";
const MULTI_LINE_FORBIDDEN = new RegExp(`[${CONTROLS}]`);
const SINGLE_LINE_FORBIDDEN = new RegExp(`[${CONTROLS}\\t\\n\\r]`);

export const CONTROL_CHARACTERS = "不能包含控制字符或不可见的格式字符";
export const LINE_BREAKS = "不能包含换行、制表符或其他控制字符";

export function hasControlCharacters(text: string, options: { multiLine: boolean }): boolean {
  return (options.multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(text);
}

/** A one-line text field: trimmed, `min`–`max` characters, no control characters. */
export function singleLineText(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`)
    .refine((text) => !hasControlCharacters(text, { multiLine: false }), `${label}${LINE_BREAKS}`);
}

/** A text area: Windows line ends become "\n"; at most `max` characters; no control characters but line breaks and tabs. */
export function multiLineText(label: string, { max }: { max: number }) {
  return z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .max(max, `${label}不超过 ${max} 字`)
        .refine((text) => !hasControlCharacters(text, { multiLine: true }), `${label}${CONTROL_CHARACTERS}`),
    );
}
