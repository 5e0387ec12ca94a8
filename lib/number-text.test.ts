import { describe, expect, it } from "vitest";
import { INNER_SPACE, MISPLACED_COMMA, readNumberText } from "./number-text";

const text = (raw: string) => readNumberText(raw);

describe("reading a typed number", () => {
  it("takes plain digits, a decimal point and a sign as they are", () => {
    expect(text("14312")).toEqual({ ok: true, text: "14312" });
    expect(text("878.44")).toEqual({ ok: true, text: "878.44" });
    expect(text("-3")).toEqual({ ok: true, text: "-3" });
    expect(text("0.5")).toEqual({ ok: true, text: "0.5" });
  });

  it("reads a blank (or only spaces) as blank", () => {
    expect(text("")).toEqual({ ok: true, text: "" });
    expect(text("  \u3000 ")).toEqual({ ok: true, text: "" });
  });

  it("turns full-width digits, point, comma, minus and percent into ASCII", () => {
    expect(text("１４，３１２")).toEqual({ ok: true, text: "14312" });
    expect(text("８７８．４４")).toEqual({ ok: true, text: "878.44" });
    expect(text("８７８。４４")).toEqual({ ok: true, text: "878.44" });
    expect(text("－５")).toEqual({ ok: true, text: "-5" });
    expect(text("４．８７％")).toEqual({ ok: true, text: "4.87%" });
  });

  it("trims spaces around the number, including the ideographic space", () => {
    expect(text(" 34 ")).toEqual({ ok: true, text: "34" });
    expect(text("\u300034\u3000")).toEqual({ ok: true, text: "34" });
    expect(text("\t34\n")).toEqual({ ok: true, text: "34" });
  });

  it("refuses spaces inside the number instead of joining its parts", () => {
    expect(text("14 312")).toEqual({ ok: false, error: INNER_SPACE });
    expect(text("14\u3000312")).toEqual({ ok: false, error: INNER_SPACE });
    expect(text("1\t2")).toEqual({ ok: false, error: INNER_SPACE });
  });

  it("accepts commas only between groups of three digits", () => {
    expect(text("12,345")).toEqual({ ok: true, text: "12345" });
    expect(text("1,234,567")).toEqual({ ok: true, text: "1234567" });
    expect(text("1,287.27")).toEqual({ ok: true, text: "1287.27" });
    expect(text("-12,345")).toEqual({ ok: true, text: "-12345" });
    expect(text("1,234%")).toEqual({ ok: true, text: "1234%" });
    expect(text("１２，３４５．６")).toEqual({ ok: true, text: "12345.6" });
  });

  it("refuses every other comma with a message that says where the fault is", () => {
    for (const raw of [
      "12,5",
      "1287,27",
      "4,5",
      "1,2345",
      "12,34,567",
      "1234,567",
      ",123",
      "123,",
      "1,,234",
      "0,123",
      "1,234.5,6",
      "1.234,56",
      ",",
      "1,23",
      "12，5",
      "-,123",
    ]) {
      expect(text(raw), raw).toEqual({ ok: false, error: MISPLACED_COMMA });
    }
  });

  it("passes other text through unchanged for the caller to refuse as not a number", () => {
    expect(text("三十四")).toEqual({ ok: true, text: "三十四" });
    expect(text("1e3")).toEqual({ ok: true, text: "1e3" });
    expect(text("0x10")).toEqual({ ok: true, text: "0x10" });
  });
});
