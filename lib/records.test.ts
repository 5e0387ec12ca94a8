import { describe, expect, it } from "vitest";
import { revisionSourceLabel } from "./records";

describe("a revision's source in words", () => {
  it("says a whole-year total was entered as such, and a month's as the monthly form", () => {
    expect(revisionSourceLabel("form", "2025-03")).toBe("月度填报");
    expect(revisionSourceLabel("form", "2025")).toBe("全年合计填报");
    expect(revisionSourceLabel("import", "2025")).toBe("导入");
    expect(revisionSourceLabel("seed", "2023")).toBe("基线数据");
  });
});
