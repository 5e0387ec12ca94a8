import { describe, expect, it } from "vitest";
import { describeChange, formatChangeTime } from "./conflict-text";

// 2026-11-27 10:42 in Beijing
const NOW = new Date("2026-11-27T02:42:00Z");

describe("a change someone else made", () => {
  it("says the time alone when it was today (Beijing time)", () => {
    expect(formatChangeTime(new Date("2026-11-27T02:42:00Z"), NOW)).toBe("10:42");
    expect(formatChangeTime(new Date("2026-11-26T16:05:00Z"), NOW)).toBe("00:05");
  });

  it("adds the day when it was earlier this year, and the year before that", () => {
    expect(formatChangeTime(new Date("2026-11-26T15:59:00Z"), NOW)).toBe("11月26日 23:59");
    expect(formatChangeTime(new Date("2025-03-01T01:00:00Z"), NOW)).toBe("2025年3月1日 09:00");
  });

  it("reads 已被 刘洋 于 10:42 修改为 4, or 清空 when it was cleared", () => {
    expect(describeChange({ who: "刘洋", at: new Date("2026-11-27T02:42:00Z"), theirs: "4" }, NOW)).toBe("已被 刘洋 于 10:42 修改为 4");
    expect(describeChange({ who: "刘洋", at: new Date("2026-11-27T02:42:00Z"), theirs: "" }, NOW)).toBe("已被 刘洋 于 10:42 清空");
    expect(describeChange({ who: null, at: null, theirs: "4" }, NOW)).toBe("已被 他人 修改为 4");
  });
});
