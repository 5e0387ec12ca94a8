import { describe, expect, it } from "vitest";
import { hasControlCharacters, multiLineText, singleLineText, textProblem, withoutForbidden } from "./text";

describe("control characters in typed text", () => {
  it("are found in a single-line field, tab and line breaks included", () => {
    for (const text of ["\u0000", "a\tb", "a\nb", "a\rb", "\u001B[31m", "\u007F", "\u0085", "a\u2028b", "\u202Eevil", "\u2066x\u2069", "\uFEFFx"]) {
      expect(hasControlCharacters(text, { multiLine: false }), JSON.stringify(text)).toBe(true);
    }
  });

  it("leave line breaks and tabs to a multi-line field, and nothing else", () => {
    expect(hasControlCharacters("第一行\n第二行\r\n\t缩进", { multiLine: true })).toBe(false);
    expect(hasControlCharacters("说明\u0000", { multiLine: true })).toBe(true);
    expect(hasControlCharacters("说明\u202E", { multiLine: true })).toBe(true);
  });

  it("are not found in ordinary Chinese and ASCII text, emoji and full-width punctuation", () => {
    expect(hasControlCharacters("省科协要求（2024年）：≥34单 👍　全角空格", { multiLine: false })).toBe(false);
  });
});

describe("text fields", () => {
  it("trim a single line and name the field in every message", () => {
    const name = singleLineText("名称", { max: 5 });
    expect(name.safeParse(" 科普 ").data).toBe("科普");
    expect(name.safeParse(" ").error?.issues[0]?.message).toBe("请填写名称");
    expect(name.safeParse("一二三四五六").error?.issues[0]?.message).toBe("名称不超过 5 字");
    expect(name.safeParse("科\u0000普").error?.issues[0]?.message).toBe("名称含有不可见的控制字符或格式字符（第 2 个字符，U+0000），请删除后再提交");
  });

  it("keep a text area's lines, with Windows line ends made plain", () => {
    const note = multiLineText("说明", { max: 10 });
    expect(note.safeParse("一\r\n二\r三").data).toBe("一\n二\n三");
    expect(note.safeParse("一\u0007").error?.issues[0]?.message).toBe("说明含有不可见的控制字符或格式字符（第 2 个字符，U+0007），请删除后再提交");
  });
});

describe("the one rule for every text field (issue 29)", () => {
  // the audit's values: U+200E/U+200F passed seven fields; NUL, BEL and U+202E passed the review reasons
  const DIRECTION_AND_FORMAT = ["\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C"];
  const INVISIBLE = ["\u200B", "\u200C", "\u2060", "\u00AD", "\uFEFF", "\u180E", "\uFFF9", "\u{E0041}", "\uD800", "\uFFFE", "\u3164"];
  const CONTROLS = ["\u0000", "\u0007", "\u0008", "\u001B", "\u007F", "\u0085", "\u009B"];

  it("refuses every direction mark and override, in one line and in a text area", () => {
    for (const mark of DIRECTION_AND_FORMAT) {
      for (const text of [`西区${mark}科协`, `${mark}西区`, `西区${mark}`]) {
        expect(hasControlCharacters(text, { multiLine: false }), JSON.stringify(text)).toBe(true);
        expect(hasControlCharacters(text, { multiLine: true }), JSON.stringify(text)).toBe(true);
      }
    }
  });

  it("refuses other invisible format characters, lone surrogates and C0/C1 controls", () => {
    for (const char of [...INVISIBLE, ...CONTROLS]) {
      expect(hasControlCharacters(`说明${char}文字`, { multiLine: true }), JSON.stringify(char)).toBe(true);
    }
  });

  it("keeps the joiner inside an emoji sequence, and refuses it between words", () => {
    expect(hasControlCharacters("家庭 👨‍👩‍👧 活动", { multiLine: false })).toBe(false);
    expect(hasControlCharacters("西\u200D区", { multiLine: false })).toBe(true);
  });

  it("names the field and says where the character sits, in Chinese", () => {
    expect(textProblem("名称", "西区\u200E科协", { multiLine: false })).toBe("名称含有不可见的控制字符或格式字符（第 3 个字符，U+200E），请删除后再提交");
    expect(textProblem("名称", "西区\n科协", { multiLine: false })).toBe("名称只能填写一行，不能含换行或制表符（第 3 个字符）");
    expect(textProblem("说明", "第一行\n\t第二行", { multiLine: true })).toBeNull();
    expect(textProblem("说明", "😀\u202E", { multiLine: true })).toBe("说明含有不可见的控制字符或格式字符（第 2 个字符，U+202E），请删除后再提交");
  });

  it("is the rule of singleLineText and multiLineText", () => {
    expect(singleLineText("用途", { max: 60 }).safeParse("数据\u200F平台").error?.issues[0]?.message).toBe("用途含有不可见的控制字符或格式字符（第 3 个字符，U+200F），请删除后再提交");
    expect(multiLineText("简报", { max: 60 }).safeParse("截至\u200E3月").error?.issues[0]?.message).toBe("简报含有不可见的控制字符或格式字符（第 3 个字符，U+200E），请删除后再提交");
  });

  it("takes them out of text that is not typed (a file name) and keeps the rest", () => {
    expect(withoutForbidden("报表\u202Exslx.exe", { multiLine: false })).toBe("报表xslx.exe");
    expect(withoutForbidden("a\u0000b\tc\nd", { multiLine: false })).toBe("abcd");
    expect(withoutForbidden("a\u0000b\tc\nd", { multiLine: true })).toBe("ab\tc\nd");
    expect(withoutForbidden("家庭 👨‍👩‍👧", { multiLine: false })).toBe("家庭 👨‍👩‍👧");
  });
});
