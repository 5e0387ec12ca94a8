import { describe, expect, it } from "vitest";
import { messageLine, messageText } from "./message-text";

describe("text put into an outgoing message", () => {
  it("cannot make WeCom markdown: bold, code, links, headings, quotes, colour tags and mentions read as text", () => {
    expect(messageText("西区**科协**")).toBe("西区＊＊科协＊＊");
    expect(messageText("[点我](https://evil.example)")).toBe("［点我］(https://evil.example)");
    expect(messageText("<font color=\"warning\">红</font><@all>")).toBe("＜font color=\"warning\"＞红＜/font＞＜@all＞");
    expect(messageText("# 标题 > 引用 `代码` _斜_ ~删~ |表| \\转义 &lt;")).toBe("＃ 标题 ＞ 引用 ｀代码｀ ＿斜＿ ～删～ ｜表｜ ＼转义 ＆lt;");
  });

  it("keeps ordinary Chinese names as they are", () => {
    expect(messageText("攀枝花市西区科学技术协会（科协）")).toBe("攀枝花市西区科学技术协会（科协）");
    expect(messageText("张三")).toBe("张三");
  });

  it("is one line: line breaks become spaces, and control and direction characters go", () => {
    expect(messageText("西区\r\n### 假标题")).toBe("西区 ＃＃＃ 假标题");
    expect(messageText("西\u202E区\u0000\u200E")).toBe("西区");
    expect(messageLine("提醒\r\nBcc: evil@example.com")).toBe("提醒 Bcc: evil@example.com");
    expect(messageLine("提醒\u2028\u0085Bcc")).toBe("提醒 Bcc");
  });
});
