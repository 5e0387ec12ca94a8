import { describe, expect, it } from "vitest";
import { columnEm, layoutTable, textWidth, unbreakable, wrapFigure } from "./table-layout";

describe("the pieces of a table cell that must stay on one line", () => {
  it("keep a figure with its unit, and break a figure column only at a space, after 、，；： or before a bracket", () => {
    expect(unbreakable("14680.40万元", "figure")).toEqual(["14680.40万元"]);
    expect(unbreakable("第12名（共183）", "figure")).toEqual(["第12名", "（共183）"]);
    expect(unbreakable("（缺7月、8月）", "figure")).toEqual(["（缺7月、", "8月）"]);
    expect(unbreakable("本季度月均 34.5单", "figure")).toEqual(["本季度月均 ", "34.5单"]);
  });

  it("let a long unit go under its number when laid out loosely, never splitting the number", () => {
    expect(unbreakable("+208.09万人次", "figure", true)).toEqual(["+208.09", "万人次"]);
    expect(unbreakable("+1.08个百分点", "figure", true)).toEqual(["+1.08", "个百分点"]);
    expect(unbreakable("3043户", "figure", true)).toEqual(["3043户"]);
    expect(unbreakable("（去年同季）", "figure", true)).toEqual(["（去年", "同季）"]);
  });

  it("break running text between Chinese characters, keeping numbers whole", () => {
    expect(unbreakable("月均不少于 34单", "text")).toEqual(["月", "均", "不", "少", "于", "34单"]);
  });

  it("measure Chinese a full em, digits half, with a gap where Latin meets Chinese", () => {
    expect(textWidth("一二")).toBe(2);
    expect(textWidth("10")).toBe(1);
    expect(textWidth("10户")).toBeCloseTo(2.25);
  });
});

describe("a Word table's column widths", () => {
  const columns = [
    { header: "序号", cells: ["1", "10"], wrap: "figure" as const },
    { header: "指标", cells: ["累计成交金额"], wrap: "text" as const, share: 1, minChars: 5 },
    { header: "本季度", cells: ["14680.40万元", "未填报"], wrap: "figure" as const },
  ];

  it("give each column its widest unbreakable piece and the rest to the running text, at the largest size that fits", () => {
    const layout = layoutTable(columns, 8845, [10.5, 9]);
    expect(layout).toMatchObject({ sizePoints: 10.5, loose: false, fits: true });
    const [serial = 0, name = 0, quarter = 0] = layout.widths;
    expect(columnEm(serial, 10.5)).toBeGreaterThanOrEqual(textWidth("序号"));
    expect(columnEm(quarter, 10.5)).toBeGreaterThanOrEqual(textWidth("14680.40万元"));
    expect(serial + name + quarter).toBeLessThanOrEqual(8845);
    expect(name).toBeGreaterThan(quarter);
  });

  it("go down to the smaller size, then lay the figures out loosely, before giving up", () => {
    expect(layoutTable(columns, 3000, [10.5, 9])).toMatchObject({ sizePoints: 9, loose: false, fits: true });
    expect(layoutTable(columns, 2700, [10.5, 9])).toMatchObject({ sizePoints: 9, loose: true, fits: true });
    expect(layoutTable(columns, 2000, [10.5, 9])).toMatchObject({ fits: false });
  });

  it("write a figure column's lines where they may break, so that no renderer breaks a figure", () => {
    expect(wrapFigure("15018人\n（缺7月、8月）", 5)).toBe("15018人\n（缺7月、\n8月）");
    expect(wrapFigure("第1名（共183）", 5)).toBe("第1名\n（共183）");
    expect(wrapFigure("第1名（共183）", 9)).toBe("第1名（共183）");
    expect(wrapFigure("+208.09万人次", 4, true)).toBe("+208.09\n万人次");
  });
});
