import { describe, expect, it } from "vitest";
import { hasControlCharacters, multiLineText, singleLineText } from "./text";

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
    expect(name.safeParse("科\u0000普").error?.issues[0]?.message).toBe("名称不能包含换行、制表符或其他控制字符");
  });

  it("keep a text area's lines, with Windows line ends made plain", () => {
    const note = multiLineText("说明", { max: 10 });
    expect(note.safeParse("一\r\n二\r三").data).toBe("一\n二\n三");
    expect(note.safeParse("一\u0007").error?.issues[0]?.message).toBe("说明不能包含控制字符或不可见的格式字符");
  });
});
