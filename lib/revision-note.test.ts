import { describe, expect, it } from "vitest";
import { parseRevisionNote } from "./revision-note";

describe("a 更正说明", () => {
  it("is optional, trimmed, and blank means none", () => {
    expect(parseRevisionNote(undefined)).toEqual({ ok: true, note: null });
    expect(parseRevisionNote("   ")).toEqual({ ok: true, note: null });
    expect(parseRevisionNote(" 按省平台通报更正 ")).toEqual({ ok: true, note: "按省平台通报更正" });
  });

  it("is required when the baseline is corrected", () => {
    expect(parseRevisionNote(" ", { required: true })).toEqual({ ok: false, error: "请填写更正理由" });
  });

  it("refuses control characters and more than 200 characters", () => {
    expect(parseRevisionNote("a\u0000b").ok).toBe(false);
    expect(parseRevisionNote("第一行\n第二行").ok).toBe(false);
    // an invisible direction override makes the history read otherwise than stored
    expect(parseRevisionNote("\u202E反向").ok).toBe(false);
    expect(parseRevisionNote("理由\u2066x\u2069").ok).toBe(false);
    expect(parseRevisionNote("长".repeat(200)).ok).toBe(true);
    expect(parseRevisionNote("长".repeat(201))).toEqual({ ok: false, error: "说明不超过 200 字" });
  });

  it("refuses the direction marks U+200E/U+200F, naming the note and where the mark sits (issue 29)", () => {
    expect(parseRevisionNote("按\u200E通报更正")).toEqual({ ok: false, error: "更正说明含有不可见的控制字符或格式字符（第 2 个字符，U+200E），请删除后再提交" });
    expect(parseRevisionNote("\u200F核对原件", { required: true })).toEqual({ ok: false, error: "更正理由含有不可见的控制字符或格式字符（第 1 个字符，U+200F），请删除后再提交" });
  });
});
