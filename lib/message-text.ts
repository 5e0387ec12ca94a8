/**
 * Text of the app's users (the organization's name, a person's name) put into an outgoing message:
 * a WeCom group robot's markdown, or an e-mail's subject and body. Each such value crosses
 * `messageText` once, where the message is composed (lib/reminders.ts).
 *
 * The robot's markdown has no documented escape, so the characters it reads as markup (bold and
 * italics, code, links, headings and quotes, `<font>` tags and `<@userid>` mentions, tables) are
 * written as their full-width forms, which read the same in a Chinese sentence and mean nothing to
 * the renderer. A value is one line: a line break could start a heading or, in a subject, a header.
 */
import { withoutForbidden } from "./text";

const MARKUP: Readonly<Record<string, string>> = {
  "\\": "＼",
  "`": "｀",
  "*": "＊",
  _: "＿",
  "[": "［",
  "]": "］",
  "<": "＜",
  ">": "＞",
  "#": "＃",
  "~": "～",
  "|": "｜",
  "&": "＆",
};
const MARKUP_CHARACTERS = /[\\`*_[\]<>#~|&]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085\t\v\f]+/g;

/** One line of plain text: line breaks become one space; control and direction characters are taken out. */
export function messageLine(text: string): string {
  return withoutForbidden(text.replace(LINE_BREAKS, " "), { multiLine: false });
}

/** A user's text as it may stand in a WeCom markdown message or an e-mail: one line, no markup. */
export function messageText(text: string): string {
  return messageLine(text).replace(MARKUP_CHARACTERS, (char) => MARKUP[char] ?? char);
}
