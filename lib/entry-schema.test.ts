import { describe, expect, it } from "vitest";
import { MISPLACED_COMMA } from "./number-text";
import { CATALOG } from "./catalog";
import { entryFieldNames, figureFields, monthSchema, parseMonthlyEntry, rankDetailField, rankedUnitsField, readableFigures } from "./entry-schema";

function parse(input: Record<string, string>) {
  return parseMonthlyEntry(CATALOG, input);
}

function errorsOf(input: Record<string, string>): Record<string, string[]> {
  const result = parse(input);
  if (result.ok) throw new Error("expected the entry to be refused");
  return result.fieldErrors;
}

function figuresOf(input: Record<string, string>) {
  const result = parse(input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.figures;
}

describe("the monthly entry schema", () => {
  it("accepts the document's own figures", () => {
    const figures = figuresOf({
      users_total: "14312",
      popsci_volume: "878.44",
      popsci_coverage_rate: "4.87",
      supply_total_rank: "1",
      deal_amount_total: "13900",
    });
    expect(figures.get("users_total")).toEqual({ value: 14312, rankedUnits: null, valueAbove: null, valueBelow: null });
    expect(figures.get("popsci_volume")?.value).toBe(878.44);
    expect(figures.get("popsci_coverage_rate")?.value).toBe(4.87);
    expect(figures.get("supply_total_rank")?.value).toBe(1);
  });

  it("keeps a blank as not reported (null), never 0", () => {
    expect(figuresOf({ nanny_new: "" }).get("nanny_new")).toEqual({ value: null, rankedUnits: null, valueAbove: null, valueBelow: null });
    expect(figuresOf({ nanny_new: "   " }).get("nanny_new")?.value).toBeNull();
  });

  it("leaves out fields the input did not carry", () => {
    expect(figuresOf({ nanny_new: "34" }).has("users_total")).toBe(false);
  });

  it("accepts full-width digits and thousands separators as typed with a Chinese input method", () => {
    expect(figuresOf({ users_total: "１４，３１２" }).get("users_total")?.value).toBe(14312);
    expect(figuresOf({ users_total: "14,312" }).get("users_total")?.value).toBe(14312);
    expect(figuresOf({ popsci_volume: "８７８．４４" }).get("popsci_volume")?.value).toBe(878.44);
    expect(figuresOf({ popsci_coverage_rate: "4.87%" }).get("popsci_coverage_rate")?.value).toBe(4.87);
  });

  it("refuses a comma that is not a thousands separator instead of dropping it", () => {
    expect(errorsOf({ popsci_volume: "1287,27" }).popsci_volume).toEqual([MISPLACED_COMMA]);
    expect(errorsOf({ popsci_coverage_rate: "4,5" }).popsci_coverage_rate).toEqual([MISPLACED_COMMA]);
    expect(errorsOf({ users_total: "12,5" }).users_total).toEqual([MISPLACED_COMMA]);
    expect(errorsOf({ popsci_volume_rank: "3", [rankedUnitsField("popsci_volume_rank")]: "1,83" })[rankedUnitsField("popsci_volume_rank")]).toEqual([MISPLACED_COMMA]);
    expect(errorsOf({ popsci_volume_rank: "3", [rankDetailField("popsci_volume_rank", "above")]: "9,0.5" })[rankDetailField("popsci_volume_rank", "above")]).toEqual([MISPLACED_COMMA]);
    expect(figuresOf({ deal_amount_total: "1,287.27" }).get("deal_amount_total")?.value).toBe(1287.27);
  });

  it("does not read a misplaced comma as a figure for the live checks either", () => {
    expect(readableFigures(CATALOG, { users_total: "12,5", nanny_new: "3,400" }).has("users_total")).toBe(false);
    expect(readableFigures(CATALOG, { users_total: "12,5", nanny_new: "3,400" }).get("nanny_new")?.value).toBe(3400);
  });

  it("refuses text that is not a number", () => {
    expect(errorsOf({ nanny_new: "三十四" }).nanny_new).toEqual(["请输入数字，例如 12"]);
    expect(errorsOf({ popsci_volume: "1.2.3" }).popsci_volume).toEqual(["请输入数字，例如 12 或 4.87"]);
    expect(errorsOf({ nanny_new: "1e3" }).nanny_new).toHaveLength(1);
    expect(errorsOf({ nanny_new: "34单" }).nanny_new).toHaveLength(1);
  });

  it("refuses negative figures", () => {
    expect(errorsOf({ users_new: "-5" }).users_new).toEqual(["不能为负数"]);
  });

  it("refuses fractions of a count", () => {
    expect(errorsOf({ nanny_new: "34.5" }).nanny_new).toEqual(["应为整数（单位：单）"]);
  });

  it("refuses more decimals than the indicator declares", () => {
    expect(errorsOf({ popsci_volume: "878.443" }).popsci_volume).toEqual(["最多保留 2 位小数"]);
  });

  it("refuses a percentage above 100", () => {
    expect(errorsOf({ popsci_coverage_rate: "100.01" }).popsci_coverage_rate).toEqual(["百分比应在 0 到 100 之间"]);
    expect(figuresOf({ popsci_coverage_rate: "100" }).get("popsci_coverage_rate")?.value).toBe(100);
  });

  it("refuses a rank below 1 or with a fraction", () => {
    expect(errorsOf({ supply_total_rank: "0" }).supply_total_rank).toEqual(["排名应为不小于 1 的整数"]);
    expect(errorsOf({ supply_total_rank: "2.5" }).supply_total_rank).toEqual(["排名应为不小于 1 的整数"]);
  });

  it("refuses a rank beyond the number of units ranked, when that number is given", () => {
    const rankOf = rankedUnitsField("popsci_volume_rank");
    expect(errorsOf({ popsci_volume_rank: "184", [rankOf]: "183" }).popsci_volume_rank).toEqual([
      "排名不能大于参与排名的单位数（183）",
    ]);
    expect(figuresOf({ popsci_volume_rank: "183", [rankOf]: "183" }).get("popsci_volume_rank")).toEqual({
      value: 183,
      rankedUnits: 183,
    });
    expect(figuresOf({ popsci_volume_rank: "12" }).get("popsci_volume_rank")).toEqual({ value: 12 });
    expect(figuresOf({ popsci_volume_rank: "500" }).get("popsci_volume_rank")?.value).toBe(500);
  });

  it("refuses a number of units ranked that is not a positive whole number, or given without a rank", () => {
    const rankOf = rankedUnitsField("popsci_volume_rank");
    expect(errorsOf({ popsci_volume_rank: "3", [rankOf]: "0" })[rankOf]).toEqual(["参与排名的单位数应为正整数"]);
    expect(errorsOf({ popsci_volume_rank: "", [rankOf]: "183" }).popsci_volume_rank).toEqual([
      "填写了排名的补充信息，请同时填写排名",
    ]);
  });

  it("reports every invalid field, not only the first", () => {
    const errors = errorsOf({ users_new: "-1", nanny_new: "abc", popsci_coverage_rate: "120", users_total: "14312" });
    expect(Object.keys(errors).sort()).toEqual(["nanny_new", "popsci_coverage_rate", "users_new"]);
  });

  it("refuses absurdly large figures", () => {
    expect(errorsOf({ users_total: "10000000000000" }).users_total).toEqual(["数值过大，请核对"]);
  });
});

describe("the month parameter", () => {
  it("takes YYYY-MM only", () => {
    expect(monthSchema.safeParse("2024-03").success).toBe(true);
    expect(monthSchema.safeParse("2024-13").success).toBe(false);
    expect(monthSchema.safeParse("../etc").success).toBe(false);
  });
});

describe("figures read while typing", () => {
  it("take what is already a valid figure and leave out blanks and mistakes", () => {
    const figures = readableFigures(CATALOG, { users_new: "3918", users_new_org: "abc", users_new_individual: "", popsci_volume_rank: "12", [rankedUnitsField("popsci_volume_rank")]: "183" });
    expect([...figures]).toEqual([
      ["users_new", { value: 3918, rankedUnits: null, valueAbove: null, valueBelow: null }],
      ["popsci_volume_rank", { value: 12, rankedUnits: 183, valueAbove: null, valueBelow: null }],
    ]);
  });
});

describe("the neighbours of a rank", () => {
  const above = rankDetailField("supply_total_rank", "above");
  const below = rankDetailField("supply_total_rank", "below");

  it("are read in the ranked indicator's own unit and decimals", () => {
    const figure = figuresOf({ popsci_per_capita_rank: "3", [rankDetailField("popsci_per_capita_rank", "above")]: "70.12", [rankDetailField("popsci_per_capita_rank", "below")]: "60.5" }).get("popsci_per_capita_rank");
    expect(figure).toEqual({ value: 3, valueAbove: 70.12, valueBelow: 60.5 });
    expect(errorsOf({ supply_total_rank: "2", [above]: "9000.5" })[above]).toEqual(["应为整数（单位：条）"]);
  });

  it("have no unit above first place and none below the last", () => {
    expect(errorsOf({ supply_total_rank: "1", [above]: "9000" })[above]).toEqual(["已是第1名，没有上一名"]);
    expect(errorsOf({ supply_total_rank: "183", supply_total_rank__of: "183", [below]: "10" })[below]).toEqual(["已是最后一名，没有下一名"]);
  });

  it("need the rank itself", () => {
    expect(errorsOf({ supply_total_rank: "", [below]: "10" }).supply_total_rank).toEqual(["填写了排名的补充信息，请同时填写排名"]);
  });

  it("are left out when the input does not carry them, so the stored ones stay", () => {
    expect(figuresOf({ supply_total_rank: "2" }).get("supply_total_rank")).toEqual({ value: 2 });
    expect(figuresOf({ supply_total_rank: "2", [below]: "" }).get("supply_total_rank")).toEqual({ value: 2, valueBelow: null });
  });
});

describe("a figure in the form", () => {
  it("is written back as text, blank for not reported, with only the details it carries", () => {
    expect(figureFields({ key: "popsci_volume_rank", kind: "rank" }, { value: 12, rankedUnits: 183, valueAbove: null })).toEqual({
      popsci_volume_rank: "12",
      popsci_volume_rank__of: "183",
      popsci_volume_rank__above: "",
    });
    expect(figureFields({ key: "nanny_new", kind: "flow" }, { value: null, rankedUnits: null })).toEqual({ nanny_new: "" });
  });

  it("has a field for every indicator and every rank detail", () => {
    const names = entryFieldNames(CATALOG);
    expect(names).toContain("nanny_new");
    expect(names).toContain("supply_total_rank__below");
    expect(names).toHaveLength(26 + 4 * 3);
  });
});
