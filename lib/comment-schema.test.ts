import { describe, expect, it } from "vitest";
import { commentField } from "./comment-field";
import { parseComments } from "./comment-schema";

const keys = new Set(["nanny_new", "users_new"]);

describe("review commentary", () => {
  it("reads the overall analysis and each red indicator's cause and next step", () => {
    const result = parseComments(
      { overall: "一季度总体平稳", [commentField("cause", "nanny_new")]: "春节假期", [commentField("next_step", "nanny_new")]: "每周对接两次", month: "x" },
      keys,
    );
    expect(result).toEqual({
      ok: true,
      entries: [
        { indicatorKey: "", topic: "overall", body: "一季度总体平稳" },
        { indicatorKey: "nanny_new", topic: "cause", body: "春节假期" },
        { indicatorKey: "nanny_new", topic: "next_step", body: "每周对接两次" },
      ],
    });
  });

  it("ignores fields for indicators the catalog does not know", () => {
    expect(parseComments({ "cause__no_such": "x" }, keys)).toEqual({ ok: true, entries: [] });
  });

  it("refuses control characters but keeps line breaks", () => {
    expect(parseComments({ overall: "第一段\r\n第二段" }, keys)).toEqual({ ok: true, entries: [{ indicatorKey: "", topic: "overall", body: "第一段\n第二段" }] });
    expect(parseComments({ [commentField("cause", "nanny_new")]: "原因\u0000" }, keys)).toEqual({
      ok: false,
      fieldErrors: { [commentField("cause", "nanny_new")]: ["说明含有不可见的控制字符或格式字符（第 3 个字符，U+0000），请删除后再提交"] },
    });
  });

  it("refuses a note that is too long, naming the field", () => {
    expect(parseComments({ [commentField("cause", "nanny_new")]: "长".repeat(2001) }, keys)).toEqual({
      ok: false,
      fieldErrors: { [commentField("cause", "nanny_new")]: ["说明不超过 2000 字"] },
    });
  });

  it("takes a 总体分析 drafted from every indicator, up to 5000 characters", () => {
    expect(parseComments({ overall: "长".repeat(5000) }, keys)).toMatchObject({ ok: true });
    expect(parseComments({ overall: "长".repeat(5001) }, keys)).toEqual({ ok: false, fieldErrors: { overall: ["总体分析不超过 5000 字"] } });
  });
});
