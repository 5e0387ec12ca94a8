import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { axisLabeller, axisLabels, changeUnit, formatAxis, formatChange, formatCompact, formatDateTime, formatExact, formatNumber, formatPercent, roundTo, sheetChange } from "./format";

const byKey = (key: string) => {
  const indicator = CATALOG.find((entry) => entry.key === key);
  if (!indicator) throw new Error(key);
  return indicator;
};

describe("rounding", () => {
  it("rounds half up on the decimal that was typed, not on its binary neighbour", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(878.445, 2)).toBe(878.45);
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.5, 0)).toBe(3);
  });

  it("keeps the declared number of decimals", () => {
    expect(formatNumber(4.8, 2)).toBe("4.80");
    expect(formatNumber(14312, 0)).toBe("14312");
  });
});

describe("figures as the source document writes them", () => {
  it("writes counts as plain digits with their unit", () => {
    expect(formatExact(14312, byKey("users_total"))).toBe("14312人");
    expect(formatExact(8855, byKey("nanny_total"))).toBe("8855单");
  });

  it("writes rates and volumes with their decimals", () => {
    expect(formatExact(878.44, byKey("popsci_volume"))).toBe("878.44万人次");
    expect(formatExact(4.87, byKey("popsci_coverage_rate"))).toBe("4.87%");
    expect(formatExact(67.88, byKey("popsci_per_capita"))).toBe("67.88条");
  });

  it("writes a rank as 第N名, with N units when known", () => {
    expect(formatExact(1, byKey("supply_total_rank"))).toBe("第1名");
    expect(formatCompact(14, byKey("popsci_coverage_rate_rank"))).toBe("第14名");
  });

  it("writes a sum of 1亿 or more in 亿元: 13900万元 is 1.39亿元", () => {
    expect(formatCompact(13900, byKey("deal_amount_total"))).toBe("1.39亿元");
    expect(formatCompact(9999.5, byKey("deal_amount_total"))).toBe("9999.50万元");
  });

  it("writes head counts of 10万 or more in 万 and smaller ones in full", () => {
    expect(formatCompact(123456, byKey("users_total"))).toBe("12.35万人");
    expect(formatCompact(99999, byKey("users_total"))).toBe("99999人");
    // already in 万: never 万万
    expect(formatCompact(878.44, byKey("popsci_volume"))).toBe("878.44万人次");
  });

  it("rounds first and then chooses 万 or 亿, so rounding never crosses a unit boundary", () => {
    const amount = byKey("deal_amount_total");
    expect(formatCompact(9999.99, amount)).toBe("9999.99万元");
    expect(formatCompact(9999.994, amount)).toBe("9999.99万元");
    expect(formatCompact(9999.995, amount)).toBe("1.00亿元");
    expect(formatCompact(9999.996, amount)).toBe("1.00亿元");
    expect(formatCompact(10000, amount)).toBe("1.00亿元");
    expect(formatCompact(123456.78, amount)).toBe("12.35亿元");

    const users = byKey("users_total");
    expect(formatCompact(99999, users)).toBe("99999人");
    expect(formatCompact(99999.4, users)).toBe("99999人");
    expect(formatCompact(99999.6, users)).toBe("10.00万人");
    expect(formatCompact(100000, users)).toBe("10.00万人");
    expect(formatCompact(99_999_949, users)).toBe("9999.99万人");
    expect(formatCompact(99_999_950, users)).toBe("1.00亿人");
    expect(formatCompact(100_000_000, users)).toBe("1.00亿人");

    const volume = byKey("popsci_volume");
    expect(formatCompact(9999.99, volume)).toBe("9999.99万人次");
    expect(formatCompact(9999.996, volume)).toBe("1.00亿人次");
  });

  it("never writes the same label twice on an axis, and keeps one scale along it", () => {
    expect(axisLabels([21500, 21520, 21540, 21560])).toEqual(["21500", "21520", "21540", "21560"]);
    expect(axisLabels([15000, 15500, 16000])).toEqual(["1.50万", "1.55万", "1.60万"]);
    expect(axisLabels([0, 10, 20, 30, 40])).toEqual(["0", "10", "20", "30", "40"]);
    expect(axisLabels([0, 0.5, 1, 1.5])).toEqual(["0.0", "0.5", "1.0", "1.5"]);
    expect(axisLabels([0, 50_000_000, 100_000_000, 150_000_000])).toEqual(["0.0亿", "0.5亿", "1.0亿", "1.5亿"]);
    for (const ticks of [[21500, 21520, 21540], [0.01, 0.02, 0.03], [99990, 99995, 100000]]) {
      const labels = axisLabels(ticks);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("finds an axis tick's label by its value, and writes a value off the axis as itself", () => {
    const label = axisLabeller([15000, 15500, 16000]);
    expect([15000, 15500, 16000].map(label)).toEqual(["1.50万", "1.55万", "1.60万"]);
    expect(label(15250)).toBe("15250");
  });

  it("labels chart axes with 万 and 亿", () => {
    expect(formatAxis(15000)).toBe("1.5万");
    expect(formatAxis(250000000)).toBe("2.5亿");
    expect(formatAxis(34)).toBe("34");
  });
});

describe("changes", () => {
  it("count a percentage's change in 个百分点 in every file: a sheet holds the points, not a fraction under %", () => {
    const rate = byKey("popsci_coverage_rate");
    expect(changeUnit(rate)).toBe("个百分点");
    expect(sheetChange(0.18, rate)).toEqual({ value: 0.18, numFmt: '+0.00"个百分点";-0.00"个百分点";"持平"' });
    expect(sheetChange(12, byKey("users_new"))).toEqual({ value: 12, numFmt: '+0"户";-0"户";"持平"' });
  });

  it("signs a change and keeps the unit", () => {
    expect(formatChange(312, byKey("users_total"))).toBe("+312人");
    expect(formatChange(-3, byKey("nanny_new"))).toBe("-3单");
    expect(formatChange(0, byKey("nanny_new"))).toBe("持平");
  });

  it("reads a change of a percentage in percentage points", () => {
    expect(formatChange(0.25, byKey("popsci_coverage_rate"))).toBe("+0.25个百分点");
  });

  it("reads a falling rank number as moving up", () => {
    expect(formatChange(-2, byKey("popsci_volume_rank"))).toBe("上升2名");
    expect(formatChange(1, byKey("popsci_volume_rank"))).toBe("下降1名");
  });

  it("formats ratios and times for Chinese readers", () => {
    expect(formatPercent(0.9412)).toBe("94.1%");
    expect(formatDateTime(new Date("2024-03-31T17:05:00Z"))).toBe("2024-04-01 01:05");
  });
});
