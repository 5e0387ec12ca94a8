import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { changesSinceApproved, movedTargets, reviewBase } from "./review-queue";
import type { TargetSpec } from "./targets";

const fig = (value: number | null, rankedUnits: number | null = null) => ({ value, rankedUnits });

describe("what changed since the approved version", () => {
  it("lists each changed figure old → new, in catalog order, and nothing unchanged", () => {
    const approved = new Map([
      ["users_new", fig(120)],
      ["nanny_new", fig(36)],
      ["supply_total_rank", fig(3, 183)],
    ]);
    const current = new Map([
      ["users_new", fig(120)],
      ["nanny_new", fig(31)],
      ["supply_total_rank", fig(2, 183)],
      ["studio_new", fig(4)],
    ]);
    expect(changesSinceApproved(CATALOG, approved, current).map((row) => [row.key, row.oldText, row.newText])).toEqual([
      ["supply_total_rank", "第3名（共183）", "第2名（共183）"],
      ["nanny_new", "36单", "31单"],
      ["studio_new", "（空）", "4个"],
    ]);
  });

  it("shows a figure cleared since approval as （空）", () => {
    const rows = changesSinceApproved(CATALOG, new Map([["nanny_new", fig(36)]]), new Map());
    expect(rows.map((row) => [row.oldText, row.newText])).toEqual([["36单", "（空）"]]);
  });

  it("shows every figure as new for a month never approved", () => {
    const rows = changesSinceApproved(CATALOG, null, new Map([["nanny_new", fig(36)]]));
    expect(rows).toEqual([expect.objectContaining({ key: "nanny_new", oldText: null, newText: "36单" })]);
  });
});

describe("the targets a submission moves", () => {
  const target: TargetSpec = { rule: "monthly_avg", comparator: "at_least", value: 34, fromYear: 2024, untilYear: null, source: "省科协要求" };
  const targetsByKey = new Map([["nanny_new", [target]]]);

  it("judges the target with the approved figure and with the new one, and reports a change of status", () => {
    // January to September at 34 each: only October's figure decides
    const series = new Map<string, number>([...Array.from({ length: 9 }, (_, index): [string, number] => [`2026-0${index + 1}`, 34]), ["2026-10", 20]]);
    const moved = movedTargets({ catalog: CATALOG, targetsByKey, seriesByKey: new Map([["nanny_new", series]]), month: "2026-10", approved: new Map([["nanny_new", fig(40)]]), today: "2026-11" });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ key: "nanny_new", before: { status: "green" }, after: { status: "amber" } });
    expect(moved[0]!.after.summary).toContain("本年月均 32.6单");
  });

  it("says the attainment from the unrounded average: 33.7单 reads 99.0 %, 33.6单 98.7 % (issue 22)", () => {
    // January to August at 34 (272), September 31 as approved (303 in 9) and 30 as submitted (302 in 9)
    const series = new Map<string, number>([...Array.from({ length: 8 }, (_, index): [string, number] => [`2026-0${index + 1}`, 34]), ["2026-09", 30]]);
    const [moved] = movedTargets({ catalog: CATALOG, targetsByKey, seriesByKey: new Map([["nanny_new", series]]), month: "2026-09", approved: new Map([["nanny_new", fig(31)]]), today: "2026-11" });
    expect(moved?.before.summary).toBe("本年月均 33.7单，达成 99.0%");
    expect(moved?.after.summary).toBe("本年月均 33.6单，达成 98.7%");
  });

  it("leaves out a target the submission does not move", () => {
    const series = new Map([["2026-09", 34], ["2026-10", 40]]);
    expect(movedTargets({ catalog: CATALOG, targetsByKey, seriesByKey: new Map([["nanny_new", series]]), month: "2026-10", approved: new Map([["nanny_new", fig(40)]]), today: "2026-11" })).toEqual([]);
  });

  it("compares a first submission with the month left out", () => {
    const series = new Map([["2026-09", 40], ["2026-10", 20]]);
    const [moved] = movedTargets({ catalog: CATALOG, targetsByKey, seriesByKey: new Map([["nanny_new", series]]), month: "2026-10", approved: null, today: "2026-11" });
    expect(moved?.before.summary).toContain("40.0单");
    expect(moved?.after.summary).toContain("30.0单");
  });
});

describe("what a submitted month is compared with", () => {
  const approval = { at: new Date("2026-09-03T02:00:00Z"), by: "审核员", revisionMark: 40 };
  const sentBack = { at: new Date("2026-11-05T02:00:00Z"), by: "审核员", revisionMark: 90, reason: "请核对排名" };

  it("a resubmission is compared with the figures as returned, never called 首次审核", () => {
    const base = reviewBase(null, sentBack, 2);
    expect(base).toMatchObject({ kind: "returned", revisionMark: 90, reason: "请核对排名", heading: "自退回以来的改动（2）", oldHeading: "退回时" });
    expect(base.note).not.toContain("首次审核");
    expect(base.note).toContain("上次退回：2026-11-05 10:00（审核员）");
  });

  it("a return after the last approval wins; an approval after the return is the base", () => {
    expect(reviewBase(approval, sentBack, 1).kind).toBe("returned");
    expect(reviewBase({ ...approval, revisionMark: 120 }, sentBack, 1)).toMatchObject({ kind: "approved", revisionMark: 120, oldHeading: "上次审核" });
  });

  it("a first submission lists every value", () => {
    expect(reviewBase(null, null, 26)).toMatchObject({ kind: "first", heading: "本月数值（26 项，首次审核）" });
  });
});
