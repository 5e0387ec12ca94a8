import { describe, expect, it } from "vitest";
import {
  acceptsEdits,
  allows,
  MONTH_ACTIONS,
  monthStanding,
  returnedText,
  MONTH_STATUSES,
  REASON_MAX_LENGTH,
  submissionRefusal,
  transition,
  unconfirmedMissing,
  type MonthAction,
  type MonthStatus,
} from "./month-status";

const ALLOWED: [MonthStatus, MonthAction, MonthStatus][] = [
  ["in_progress", "submit", "submitted"],
  ["submitted", "return", "in_progress"],
  ["submitted", "approve", "approved"],
  ["approved", "unlock", "in_progress"],
];

describe("the month status machine", () => {
  for (const [from, action, to] of ALLOWED) {
    it(`allows ${action} from ${from}, leading to ${to}`, () => {
      expect(transition(from, action, "原因")).toEqual({ ok: true, to, reason: "原因" });
      expect(allows(from, action)).toBe(true);
    });
  }

  const refused = MONTH_STATUSES.flatMap((from) =>
    MONTH_ACTIONS.filter((action) => !ALLOWED.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );
  it("refuses exactly the other eight combinations", () => {
    expect(refused).toHaveLength(MONTH_STATUSES.length * MONTH_ACTIONS.length - ALLOWED.length);
  });
  for (const [from, action] of refused) {
    it(`refuses ${action} from ${from} with a reason in Chinese`, () => {
      const result = transition(from, action, "原因");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
      expect(allows(from, action)).toBe(false);
    });
  }

  it("requires a reason to return or unlock, and a blank one is no reason", () => {
    for (const [from, action] of [["submitted", "return"], ["approved", "unlock"]] as const) {
      for (const reason of [undefined, null, "", "   \n "]) {
        const result = transition(from, action, reason);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toContain("原因");
      }
    }
  });

  it("needs no reason to submit or approve, and stores none when none is given", () => {
    expect(transition("in_progress", "submit")).toEqual({ ok: true, to: "submitted", reason: null });
    expect(transition("submitted", "approve", "  ")).toEqual({ ok: true, to: "approved", reason: null });
  });

  it("trims a reason and refuses one that is too long", () => {
    expect(transition("submitted", "return", "  上报数字有误 \n")).toEqual({ ok: true, to: "in_progress", reason: "上报数字有误" });
    expect(transition("submitted", "return", "字".repeat(REASON_MAX_LENGTH)).ok).toBe(true);
    expect(transition("submitted", "return", "字".repeat(REASON_MAX_LENGTH + 1)).ok).toBe(false);
  });

  it("accepts figure edits only while a month is being filled in", () => {
    expect(acceptsEdits("in_progress")).toBe(true);
    expect(acceptsEdits("submitted")).toBe(false);
    expect(acceptsEdits("approved")).toBe(false);
  });
});

describe("submitting a month", () => {
  // 2026-11-27 10:00 in Beijing
  const now = new Date("2026-11-27T02:00:00Z");

  it("is possible once the month is over", () => {
    expect(submissionRefusal("2026-10", now)).toBeNull();
    expect(submissionRefusal("2025-12", now)).toBeNull();
  });

  it("is refused for the current month and future months", () => {
    expect(submissionRefusal("2026-11", now)).toContain("本月尚未结束");
    expect(submissionRefusal("2026-12", now)).toContain("尚未到来");
  });

  it("reads the month in Beijing time: 30 November 16:30 UTC is already December", () => {
    expect(submissionRefusal("2026-11", new Date("2026-11-30T16:30:00Z"))).toBeNull();
    expect(submissionRefusal("2026-11", new Date("2026-11-30T15:59:00Z"))).not.toBeNull();
  });

  it("needs every blank indicator confirmed", () => {
    expect(unconfirmedMissing(["nanny_new", "studio_new"], ["studio_new", "nanny_new"])).toEqual([]);
    expect(unconfirmedMissing(["nanny_new", "studio_new"], ["nanny_new"])).toEqual(["studio_new"]);
    // a figure filled in meanwhile needs no confirmation any more
    expect(unconfirmedMissing(["nanny_new"], ["nanny_new", "studio_new"])).toEqual([]);
  });
});

describe("a reason given with a step", () => {
  const labels: Record<MonthAction, string> = { submit: "提交说明", return: "退回原因", approve: "审核意见", unlock: "解除锁定的原因" };

  it("refuses NUL, BEL and the direction marks, naming the field (issue 29)", () => {
    for (const [from, action] of ALLOWED) {
      for (const hostile of ["原因\u0000", "原因\u0007", "\u202E原因", "原因\u200E", "\u200F原因", "原\u2066因\u2069"]) {
        const result = transition(from, action, hostile);
        expect(result.ok, `${action} ${JSON.stringify(hostile)}`).toBe(false);
        if (!result.ok) expect(result.message).toContain(labels[action]);
      }
    }
  });

  it("keeps the line breaks and tabs of the text area", () => {
    expect(transition("submitted", "return", "第一处：\n\t3月数据有误")).toEqual({ ok: true, to: "in_progress", reason: "第一处：\n\t3月数据有误" });
  });
});

describe("a month's standing", () => {
  const base = { today: "2026-12" as const, baselineMonth: "2023-12" as const, lastStep: null };
  const at = new Date("2026-11-05T02:00:00Z");

  it("a month sent back is returned, with the reviewer's reason, until it is submitted again", () => {
    const lastStep = { action: "return" as const, reason: "7月新增注册用户与个人、单位之和不符", at, by: "审核员" };
    expect(monthStanding({ ...base, month: "2026-07", status: "in_progress", lastStep })).toEqual({
      kind: "returned",
      label: "已退回",
      reason: "7月新增注册用户与个人、单位之和不符",
      at,
      by: "审核员",
    });
    expect(monthStanding({ ...base, month: "2026-07", status: "submitted", lastStep: { ...lastStep, action: "submit" } }).kind).toBe("submitted");
  });

  it("an unlocked month is being filled in, not returned", () => {
    expect(monthStanding({ ...base, month: "2026-07", status: "in_progress", lastStep: { action: "unlock", reason: "更正", at, by: null } }).kind).toBe("in_progress");
  });

  it("the document's year-end month is the baseline, never 未审核", () => {
    expect(monthStanding({ ...base, month: "2023-12", status: "in_progress" })).toEqual({ kind: "baseline", label: "2023年基线（来自部门预算编制说明）" });
    expect(monthStanding({ ...base, baselineMonth: null, month: "2023-12", status: "in_progress" }).kind).toBe("in_progress");
  });

  it("the calendar month now running is 本月进行中; the month before it is simply being filled in", () => {
    expect(monthStanding({ ...base, month: "2026-12", status: "in_progress" })).toEqual({ kind: "running", label: "本月进行中" });
    expect(monthStanding({ ...base, month: "2026-11", status: "in_progress" }).label).toBe("填报中");
  });

  it("approved and submitted months keep their review status", () => {
    expect(monthStanding({ ...base, month: "2023-12", status: "approved" }).label).toBe("已审核");
    expect(monthStanding({ ...base, month: "2026-10", status: "submitted" }).label).toBe("已提交");
  });

  it("a returned month's to-do names the month and the reason", () => {
    expect(returnedText("2026-07", " 请补填排名 ")).toBe("2026年7月已退回，请修改后重新提交。退回原因：请补填排名");
  });
});
