import { describe, expect, it } from "vitest";
import { approvalSummary, figureApproval, monthApprovalText } from "./approval";
import { monthStanding, type MonthStatus } from "./month-status";
import type { Month } from "./periods";

const statuses = new Map<Month, MonthStatus>([
  ["2026-07", "approved"],
  ["2026-08", "submitted"],
]);
const statusOf = (month: Month) => statuses.get(month) ?? "in_progress";
const summaryStandingOf = (month: Month) => monthStanding({ month, status: statusOf(month), lastStep: null, today: "2026-11", baselineMonth: null });

describe("the approval of a pack's months", () => {
  it("counts the approved months among those that are over, and names the others", () => {
    const summary = approvalSummary(["2026-07", "2026-08", "2026-09"], summaryStandingOf, "2026-11");
    expect(summary.approved).toEqual(["2026-07"]);
    expect(summary.text).toBe("已审核 1 / 3 个月；未审核：2026年8月（已提交）、2026年9月（填报中），其数字仍可能更改。");
  });

  it("leaves the running month out of the count", () => {
    const summary = approvalSummary(["2026-10", "2026-11", "2026-12"], summaryStandingOf, "2026-11");
    expect(summary.closed).toEqual(["2026-10"]);
    expect(summary.text).toBe("已审核 0 / 1 个月；未审核：2026年10月（填报中），其数字仍可能更改；2026年11月、2026年12月尚未结束。");
  });

  it("says so when every month that is over is approved", () => {
    expect(approvalSummary(["2026-07"], summaryStandingOf, "2026-11").text).toBe("已审核 1 / 1 个月。");
  });

  it("calls a month sent back and not yet resubmitted 已退回, not 填报中", () => {
    const returned = { action: "return" as const, reason: "参与人次有误", at: new Date("2026-10-12T02:00:00Z"), by: "审核人" };
    const standingOf = (month: Month) =>
      monthStanding({ month, status: statusOf(month), lastStep: month === "2026-09" ? returned : null, today: "2026-11", baselineMonth: null });
    const summary = approvalSummary(["2026-07", "2026-08", "2026-09"], standingOf, "2026-11");
    expect(summary.unapproved).toEqual([
      { month: "2026-08", label: "已提交" },
      { month: "2026-09", label: "已退回" },
    ]);
    expect(summary.text).toBe("已审核 1 / 3 个月；未审核：2026年8月（已提交）、2026年9月（已退回），其数字仍可能更改。");
  });

  it("counts a running or baseline month that is over as 填报中 when it is not approved", () => {
    const standingOf = (month: Month) => monthStanding({ month, status: "in_progress", lastStep: null, today: "2026-11", baselineMonth: "2023-12" });
    expect(approvalSummary(["2023-12"], standingOf, "2026-11").text).toBe("已审核 0 / 1 个月；未审核：2023年12月（填报中），其数字仍可能更改。");
  });
});

describe("the mark on one figure", () => {
  const standingOf = (month: Month) => monthStanding({ month, status: statusOf(month), lastStep: null, today: "2026-12", baselineMonth: "2023-12" });

  it("says 未审核 with its month's status until that month is approved", () => {
    expect(figureApproval("2026-08", standingOf)).toEqual({ text: "未审核", title: "2026年8月的数据尚未审核（已提交）：数字仍可能更改" });
    expect(figureApproval("2026-09", standingOf)?.title).toContain("（填报中）");
    expect(figureApproval("2026-07", standingOf)).toBeNull();
  });

  it("calls the document's baseline 基线, never 未审核（填报中）", () => {
    expect(figureApproval("2023-12", standingOf)).toEqual({ text: "基线", title: "2023年基线（来自部门预算编制说明），年末数" });
    expect(monthApprovalText(standingOf("2023-12"))).toBe("2023年基线（来自部门预算编制说明）");
  });

  it("says a month's standing beside its figures", () => {
    expect(monthApprovalText(standingOf("2026-12"))).toBe("未审核（本月进行中）");
    expect(monthApprovalText(standingOf("2026-08"))).toBe("未审核（已提交，待审核）");
    expect(monthApprovalText(standingOf("2026-07"))).toBeNull();
    const returned = monthStanding({ month: "2026-09", status: "in_progress", lastStep: { action: "return", reason: "请核对", at: new Date(0), by: null }, today: "2026-12", baselineMonth: null });
    expect(monthApprovalText(returned)).toBe("未审核（已退回）");
  });
});
