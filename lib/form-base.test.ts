import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { baseField, expectedFigures, loadedValues, monthFormValues, postedBases, seenFigure } from "./form-base";

describe("what a form showed when it loaded", () => {
  it("travels in a base field of its own, clear of every indicator key", () => {
    expect(baseField("nanny_new")).toBe("base__nanny_new");
    expect(CATALOG.some((indicator) => indicator.key.startsWith("base__"))).toBe(false);
  });

  it("is required for every field a post carries, and a post without it is reported, not trusted", () => {
    expect(loadedValues({ nanny_new: "30", base__nanny_new: "" }, ["nanny_new", "deals_new"])).toEqual({ ok: true, bases: { nanny_new: "" } });
    expect(loadedValues({ nanny_new: "30" }, ["nanny_new"])).toEqual({ ok: false, missing: ["nanny_new"] });
  });

  it("reads back as the figures seen, part by part, blank as null", () => {
    const result = expectedFigures(CATALOG, { nanny_new: "29", supply_total_rank: "2", supply_total_rank__of: "183", supply_total_rank__above: "", deals_new: "" });
    expect(result).toEqual({
      ok: true,
      expected: new Map([
        ["supply_total_rank", { value: 2, rankedUnits: 183, valueAbove: null }],
        ["deals_new", { value: null }],
        ["nanny_new", { value: 29 }],
      ]),
    });
  });

  it("refuses a base the form could not have written", () => {
    expect(expectedFigures(CATALOG, { nanny_new: "abc" })).toEqual({ ok: false, fields: ["nanny_new"] });
  });

  it("round-trips every stored number exactly, decimals included", () => {
    const shown = monthFormValues(CATALOG, new Map([["popsci_volume", { value: 878.44, rankedUnits: null, valueAbove: null, valueBelow: null }]]));
    expect(shown.popsci_volume).toBe("878.44");
    expect(shown.nanny_new).toBe("");
    expect(shown.supply_total_rank__of).toBe("");
    const read = expectedFigures(CATALOG, shown);
    expect(read.ok && read.expected.get("popsci_volume")).toEqual({ value: 878.44 });
  });

  it("is handed back as posted after a refusal", () => {
    expect(postedBases({ month: "2026-02", nanny_new: "5", base__nanny_new: "2", base__deals_new__of: "" })).toEqual({ nanny_new: "2", deals_new__of: "" });
  });

  it("for a single figure (revert, 更正基线) needs every part", () => {
    expect(seenFigure({ seen__value: "29", seen__rankedUnits: "", seen__valueAbove: "", seen__valueBelow: "" })).toEqual({
      value: 29,
      rankedUnits: null,
      valueAbove: null,
      valueBelow: null,
    });
    expect(seenFigure({ seen__value: "29" })).toBeNull();
    expect(seenFigure({ seen__value: "29" }, ["value"])).toEqual({ value: 29 });
  });
});
