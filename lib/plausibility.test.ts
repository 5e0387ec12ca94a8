import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import {
  confirmationToken,
  formConfirmations,
  historyBefore,
  overlayHistory,
  plausibilityFlag,
  plausibleField,
  readConfirmations,
  type HistoryPoint,
} from "./plausibility";

function indicator(key: string) {
  const found = CATALOG.find((candidate) => candidate.key === key);
  if (!found) throw new Error(key);
  return found;
}

/** Monthly values ending the month before `period`, oldest first (null: a month not reported). */
function months(last: string, values: (number | null)[], rankedUnits: number | null = null): HistoryPoint[] {
  const [year = 0, month = 0] = last.split("-").map(Number);
  return values.flatMap((value, index) => {
    if (value === null) return [];
    const back = values.length - 1 - index;
    const at = year * 12 + month - 1 - back;
    const period = `${Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, "0")}`;
    return [{ period, value, rankedUnits }];
  });
}

const flag = (key: string, period: string, value: number, history: HistoryPoint[], rankedUnits: number | null = null) =>
  plausibilityFlag(indicator(key), { period, value, rankedUnits }, history);

describe("a flow against the median of its recent months", () => {
  const deals = months("2026-09", [2, 3, 2, 3, 2, 3]);

  it("flags a value more than 5× the median of the last 6 months, saying the median and how many times", () => {
    expect(flag("deals_new", "2026-10", 12000, deals)?.text).toContain("近6个月中位数 2.5个，本次 12000个（约4800倍）");
  });

  it("flags a value less than a fifth of the median, saying what fraction it is", () => {
    const demand = months("2026-09", [160, 170, 150, 180, 165, 175]);
    expect(flag("demand_new", "2026-10", 12, demand)?.text).toBe("近6个月中位数 167.5条，本次 12条（约为其1/14）");
    expect(flag("demand_new", "2026-10", 0, demand)?.text).toBe("近6个月中位数 167.5条，本次 0条");
  });

  it("does not flag a small count that moves a lot in proportion but little in number (1 → 6, 3 → 16)", () => {
    expect(flag("deals_new", "2026-10", 6, months("2026-09", [1, 1, 1, 1, 1, 1]))).toBeNull();
    expect(flag("deals_new", "2026-10", 16, deals)).toBeNull();
    expect(flag("deals_new", "2026-10", 0, deals)).toBeNull();
  });

  it("flags a jump from a history of zeros only when the absolute floor of 20 is passed", () => {
    expect(flag("deals_new", "2026-10", 19, months("2026-09", [0, 0, 0, 0]))).toBeNull();
    expect(flag("deals_new", "2026-10", 40, months("2026-09", [0, 0, 0, 0]))?.text).toBe("近4个月中位数 0个，本次 40个");
  });

  it("leaves a value within 5× of the median alone", () => {
    expect(flag("users_new", "2026-10", 1200, months("2026-09", [300, 320, 280, 310, 290, 305]))).toBeNull();
  });

  it("needs three values before a median counts; fewer leave only the 万 check", () => {
    expect(flag("supply_new", "2026-10", 900, months("2026-09", [80, 90]))).toBeNull();
  });

  it("uses the last 6 reported values of the 12 months before, naming their span when months are missing", () => {
    const history = months("2026-09", [100, 100, 100, 100, 100, 100, 2, null, 3, 2, 2, 3]);
    expect(flag("deals_new", "2026-10", 300, history)?.text).toContain("2026年3月至2026年9月已填的6个月中位数 2.5个");
    // figures older than 12 months, or after the month, are not its history
    expect(historyBefore("2026-10", [...months("2025-09", [5]), ...months("2026-11", [7]), ...months("2026-09", [3])]).map((point) => point.period)).toEqual(["2026-09"]);
  });

  it("compares a whole-year figure with earlier years only, never with months", () => {
    const years: HistoryPoint[] = [
      { period: "2023", value: 32, rankedUnits: null },
      { period: "2024", value: 30, rankedUnits: null },
      { period: "2025", value: 34, rankedUnits: null },
    ];
    expect(flag("deals_new", "2026", 400, [...years, ...months("2025-12", [2, 3, 2])])?.text).toBe("近3年中位数 32个，本次 400个（约13倍）");
    expect(flag("deals_new", "2026", 40, years)).toBeNull();
  });
});

describe("the 万-sized jump", () => {
  it("flags a count whose value ÷ 10 000 is close to the previous one: the pasted “1.2万” where 2 was meant", () => {
    const text = flag("deals_new", "2026-10", 12000, months("2026-09", [2]))?.text;
    expect(text).toBe("本次 12000个 除以1万为 1.2，与上月的 2个 相近：是否多了一个“万”，或单位填错？");
  });

  it("flags an amount typed in 元 where 万元 are asked for", () => {
    expect(flag("deal_amount_total", "2026-10", 139_500_000, months("2026-09", [13950.5]))?.text).toContain("除以1万为 13950");
  });

  it("does not apply to ranks or percentages, nor when the previous value is far from value ÷ 1万", () => {
    expect(flag("users_total", "2026-10", 18559, months("2026-09", [18200]))).toBeNull();
    expect(flag("popsci_coverage_rate", "2026-10", 4.9, months("2026-09", [4.87]))).toBeNull();
  });
});

describe("a stock moves by about its flow", () => {
  it("flags a change far beyond its recent monthly changes", () => {
    const users = months("2026-09", [17000, 17300, 17620, 17900, 18210, 18500]);
    expect(flag("users_total", "2026-10", 18800, users)).toBeNull();
    expect(flag("users_total", "2026-10", 21800, users)?.text).toBe("近6个月每月变化中位数 300人，本次比上月增加 3300人");
  });

  it("flags any decrease of a cumulative count, with the previous figure", () => {
    expect(flag("users_total", "2026-10", 18490, months("2026-09", [18500]))?.text).toBe(
      "上月 18500人，本次 18490人（减少 10人）：累计数一般不会减少",
    );
  });

  it("lets a level that is not cumulative fall by about as much as it usually moves", () => {
    const following = months("2026-09", [5150, 5160, 5148, 5155]);
    expect(flag("nanny_following", "2026-10", 5140, following)).toBeNull();
    expect(flag("nanny_following", "2026-10", 4000, following)?.text).toContain("本次比上月减少 1155单");
  });

  it("measures a change across a gap per month", () => {
    const users = months("2026-08", [17000, 17300, 17600, 17900, 18200]);
    // two months at 300 a month since August
    expect(flag("users_total", "2026-10", 18800, users)).toBeNull();
  });

  it("flags a stock 5× its recent level even without enough changes to compare", () => {
    expect(flag("supply_total", "2026-10", 88100, months("2026-09", [8810, 8850, 8900]))?.text).toContain("中位数 8850条，本次 88100条（约10倍）");
  });
});

describe("a rate is bounded", () => {
  it("flags a percentage that jumps 5 percentage points or more, in 个百分点", () => {
    const coverage = months("2026-09", [4.7, 4.75, 4.8, 4.87]);
    expect(flag("popsci_coverage_rate", "2026-10", 4.95, coverage)).toBeNull();
    expect(flag("popsci_coverage_rate", "2026-10", 48.7, coverage)?.text).toBe("上月 4.87%，本次 48.7%（上升 43.83个百分点）");
  });

  it("lets a percentage move as far as it has lately", () => {
    expect(flag("popsci_coverage_rate", "2026-10", 36, months("2026-09", [10, 17, 24, 30]))).toBeNull();
  });

  it("judges a per-capita rate, which has no bound, by its median like a count", () => {
    expect(flag("popsci_per_capita", "2026-10", 6788, months("2026-09", [67.1, 67.5, 67.88]))?.text).toContain("（约100倍）");
  });
});

describe("a rank", () => {
  it("flags a jump of 30 places or more in one month (12 → 150)", () => {
    const volume = months("2026-09", [12, 11, 12, 13], 183);
    expect(flag("popsci_volume_rank", "2026-10", 150, volume, 183)?.text).toBe("上月第13名，本次第150名（下降 137 名）");
    expect(flag("popsci_volume_rank", "2026-10", 20, volume, 183)).toBeNull();
  });

  it("flags a place beyond the number of units ranked in the last bulletin, when none is given now", () => {
    expect(flag("popsci_volume_rank", "2026-10", 190, months("2026-09", [180], 183))?.text).toContain("2026年9月通报共 183 个单位参与排名，本次为第190名");
    expect(flag("popsci_volume_rank", "2026-10", 183, months("2026-09", [180], 183))).toBeNull();
  });
});

describe("confirmations", () => {
  it("a form's tick confirms the value it names, nothing else", () => {
    const confirmed = formConfirmations({ [plausibleField("deals_new")]: "12000", [plausibleField("users_new")]: "是" }, ["deals_new", "users_new"]);
    expect([...confirmed]).toEqual([["deals_new", 12000]]);
  });

  it("an import's tick lists each confirmed figure by period (or unit), key and value; anything malformed confirms nothing", () => {
    const text = [confirmationToken("2026-10", "deals_new", 12000), confirmationToken(7, "popsci_volume_rank", 150), "2026-10|bad key|1", "x"].join(" ");
    const confirmed = readConfirmations(text, 100);
    expect(confirmed.get("2026-10")).toEqual(new Map([["deals_new", 12000]]));
    expect(confirmed.get("7")).toEqual(new Map([["popsci_volume_rank", 150]]));
    expect(confirmed.size).toBe(2);
  });

  it("an import's own earlier months lie over the stored history", () => {
    const stored = months("2026-09", [2, 3]);
    const overlaid = overlayHistory(stored, [{ period: "2026-09", value: 12000, rankedUnits: null }]);
    expect(overlaid.map((point) => point.value)).toEqual([2, 12000]);
  });
});
