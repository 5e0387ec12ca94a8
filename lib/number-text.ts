/**
 * The one reader of numbers as people type them (figures, ranks, neighbours' figures, targets).
 * Full-width digits and punctuation from a Chinese input method become ASCII; a comma is accepted
 * only as a thousands separator between groups of three digits, so `12,5` is refused rather than
 * read as 125. What comes out is plain decimal text ("" for a blank), for the caller's own checks.
 */

export type NumberText = { ok: true; text: string } | { ok: false; error: string };

export const MISPLACED_COMMA = "千分位逗号位置不对（应每三位一个，如 12,345）";
export const INNER_SPACE = "数字中间不能有空格";

const FULL_WIDTH_DIGIT = /[０-９]/g;
const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/g;
/** Digits grouped by threes after a first group of one to three digits that does not start with 0. */
const GROUPED_INTEGER = /^[1-9]\d{0,2}(,\d{3})+$/;

function toAscii(raw: string): string {
  return raw
    .replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/，/g, ",")
    .replace(/[－—−]/g, "-")
    .replace(/％/g, "%")
    .replace(EDGE_SPACE, "");
}

export function readNumberText(raw: string): NumberText {
  const text = toAscii(raw);
  if (/[\s\u3000]/.test(text)) return { ok: false, error: INNER_SPACE };
  if (!text.includes(",")) return { ok: true, text };
  const sign = text.startsWith("-") ? "-" : "";
  const percent = text.endsWith("%") ? "%" : "";
  const body = text.slice(sign.length, text.length - percent.length);
  const point = body.indexOf(".");
  const integer = point === -1 ? body : body.slice(0, point);
  const fraction = point === -1 ? "" : body.slice(point);
  if (fraction.includes(",") || !GROUPED_INTEGER.test(integer)) return { ok: false, error: MISPLACED_COMMA };
  return { ok: true, text: `${sign}${integer.replace(/,/g, "")}${fraction}${percent}` };
}
