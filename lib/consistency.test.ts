import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { checkConsistency, impliedPopulation, type Figures } from "./consistency";

const figures = (entries: Record<string, number>): Figures =>
  new Map(Object.entries(entries).map(([key, value]) => [key, { value }]));

/** The document's 2023 figures: flows for the year, stocks, rates and ranks at 2023-12-31. */
const YEAR_2023 = figures({ users_new: 3918, users_new_individual: 3891, users_new_scitech: 114, users_new_org: 27, supply_new: 943, demand_new: 2009, deals_new: 32, studio_new: 331 });
const DECEMBER_2023 = figures({
  users_total: 14312, supply_total: 8810, supply_total_rank: 1, deal_amount_total: 13900, nanny_done_total: 3702,
  nanny_following: 5153, nanny_total: 8855, studio_total: 1525, studio_premium: 1, popsci_posts_total: 553,
  popsci_per_capita: 67.88, popsci_per_capita_rank: 3, popsci_coverage_rate: 4.87, popsci_coverage_rate_rank: 14,
  popsci_volume: 878.44, popsci_volume_rank: 12, popsci_coverage_people: 6299,
});

const keysOf = (warnings: ReturnType<typeof checkConsistency>) => warnings.map((warning) => warning.keys);

describe("the seed's own 2023 figures", () => {
  it("raise no warning, for the year's flows or for the year-end position", () => {
    expect(checkConsistency(CATALOG, YEAR_2023)).toEqual([]);
    expect(checkConsistency(CATALOG, DECEMBER_2023)).toEqual([]);
  });
});

describe("parts and whole", () => {
  it("warn when new users are not individuals plus organisations, naming all three", () => {
    const broken = figures({ users_new: 3919, users_new_individual: 3891, users_new_org: 27 });
    const warnings = checkConsistency(CATALOG, broken);
    expect(keysOf(warnings)).toEqual([["users_new", "users_new_individual", "users_new_org"]]);
    expect(warnings[0]?.message).toBe("新增注册用户（3919户）应等于 新增个人用户 + 新增企事业单位（合计 3918户）");
  });

  it("warn when the nanny total is not completed plus following", () => {
    const broken = figures({ nanny_total: 8855, nanny_done_total: 3702, nanny_following: 5150 });
    expect(keysOf(checkConsistency(CATALOG, broken))).toEqual([["nanny_total", "nanny_done_total", "nanny_following"]]);
  });

  it("say nothing while a part is not reported yet", () => {
    expect(checkConsistency(CATALOG, figures({ users_new: 5, users_new_individual: 3 }))).toEqual([]);
  });

  it("warn when sci-tech workers outnumber the new individuals they belong to", () => {
    const warnings = checkConsistency(CATALOG, figures({ users_new_individual: 100, users_new_scitech: 101 }));
    expect(keysOf(warnings)).toEqual([["users_new_scitech", "users_new_individual"]]);
    expect(checkConsistency(CATALOG, figures({ users_new_individual: 100, users_new_scitech: 100 }))).toEqual([]);
  });
});

describe("cumulative stocks", () => {
  const december = figures({ users_total: 14312, supply_total: 8810, studio_total: 1525 });

  it("grow by exactly the month's flow", () => {
    const january = figures({ users_total: 14637, users_new: 325, supply_total: 8876, supply_new: 66 });
    expect(checkConsistency(CATALOG, january, december)).toEqual([]);
  });

  it("warn when the growth differs from the flow, naming both", () => {
    const january = figures({ users_total: 14640, users_new: 325 });
    const warnings = checkConsistency(CATALOG, january, december);
    expect(keysOf(warnings)).toEqual([["users_total", "users_new"]]);
    expect(warnings[0]?.message).toBe("累计注册用户比上月增加 328人，与本月新增注册用户（325户）不符");
  });

  it("warn when a cumulative figure falls", () => {
    const warnings = checkConsistency(CATALOG, figures({ studio_total: 1500 }), december);
    expect(warnings.map((w) => w.code)).toEqual(["falling"]);
    expect(warnings[0]?.keys).toEqual(["studio_total"]);
  });

  it("cannot be checked without last month's figure", () => {
    expect(checkConsistency(CATALOG, figures({ users_total: 1, users_new: 999 }), new Map())).toEqual([]);
  });

  it("never fall below the level last known before an empty last month (January after the 2023 year-end)", () => {
    const earlier = new Map([["users_total", { value: 14312, label: "2023年末" }]]);
    const warnings = checkConsistency(CATALOG, figures({ users_total: 14300, users_new: 20 }), new Map(), earlier);
    expect(warnings.map((w) => w.message)).toEqual(["累计注册用户比2023年末减少了 12人（14312人 → 14300人），累计数不应下降"]);
    // the months between hide what was added: growth over the gap is not compared with this month's flow
    expect(checkConsistency(CATALOG, figures({ users_total: 16000, users_new: 20 }), new Map(), earlier)).toEqual([]);
    // last month's own figure, where there is one, is what counts
    expect(checkConsistency(CATALOG, figures({ users_total: 14300, users_new: 0 }), figures({ users_total: 14300 }), earlier)).toEqual([]);
  });
});

describe("the population behind the two rates", () => {
  it("is about 129,400 by both rates in 2023, within rounding", () => {
    const perCapita = impliedPopulation(878.44, 0.005, 67.88, 0.005, 10_000);
    const coverage = impliedPopulation(6299, 0.5, 4.87, 0.005, 100);
    expect(perCapita && coverage).toBeTruthy();
    expect(perCapita!.low).toBeLessThan(129_420);
    expect(coverage!.high).toBeGreaterThan(129_400);
  });

  it("warns when the two rates imply different populations, naming all four figures", () => {
    const broken = new Map(DECEMBER_2023);
    broken.set("popsci_coverage_rate", { value: 5.87 });
    const warnings = checkConsistency(CATALOG, broken);
    expect(warnings.map((w) => w.code)).toEqual(["population"]);
    expect(warnings[0]?.keys).toEqual(["popsci_per_capita", "popsci_volume", "popsci_coverage_rate", "popsci_coverage_people"]);
  });

  it("tolerates the last-digit rounding the source itself shows", () => {
    const nudged = new Map(DECEMBER_2023);
    nudged.set("popsci_per_capita", { value: 67.89 });
    expect(checkConsistency(CATALOG, nudged)).toEqual([]);
  });
});

describe("ranks", () => {
  it("warn outside 1..N", () => {
    const ranked: Figures = new Map([["popsci_volume_rank", { value: 190, rankedUnits: 183 }]]);
    expect(checkConsistency(CATALOG, ranked).map((w) => w.message)).toEqual(["科普服务量全省排名为第190名，应在 1 到 183 之间"]);
    expect(checkConsistency(CATALOG, new Map([["popsci_volume_rank", { value: 0 }]]))).toHaveLength(1);
    expect(checkConsistency(CATALOG, new Map([["popsci_volume_rank", { value: 183, rankedUnits: 183 }]]))).toEqual([]);
  });
});

describe("a rank's neighbours", () => {
  it("warn when the unit above has less than we do, or the unit below more", () => {
    const ranked: Figures = new Map([
      ["supply_total", { value: 8810 }],
      ["supply_total_rank", { value: 2, valueAbove: 8800, valueBelow: 8900 }],
    ]);
    expect(checkConsistency(CATALOG, ranked).map((w) => w.code)).toEqual(["rank-neighbours", "rank-neighbours"]);
    const fine: Figures = new Map([
      ["supply_total", { value: 8810 }],
      ["supply_total_rank", { value: 2, valueAbove: 8900, valueBelow: 8810 }],
    ]);
    expect(checkConsistency(CATALOG, fine)).toEqual([]);
  });
});
