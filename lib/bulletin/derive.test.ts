import { describe, expect, it } from "vitest";
import { CATALOG } from "../catalog";
import { deriveFromBulletin, type BulletinScope, type BulletinUnitRow, type Derivation, type DeriveIndicator } from "./derive";

const HOME = "xiqu";
const VOLUME = ["popsci_volume"];
const VOLUME_AND_RANK = ["popsci_volume", "popsci_volume_rank"];

/** Rows from [name, unit, figures]; the sheet rows start at 5 as under a two-row header. */
function rows(entries: [string, string | null, Record<string, number>][]): BulletinUnitRow<string>[] {
  return entries.map(([name, unit, figures], i) => ({ row: i + 5, name, unit, figures: new Map(Object.entries(figures)) }));
}

function derive(
  table: BulletinUnitRow<string>[],
  columns: string[],
  options: { scope?: BulletinScope; indicators?: readonly DeriveIndicator[] } = {},
): Derivation<string> {
  const outcome = deriveFromBulletin({
    rows: table,
    columns,
    indicators: options.indicators ?? CATALOG,
    home: HOME,
    homeName: "攀枝花市西区",
    scope: options.scope ?? "province",
  });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.derivation;
}

const only = <T,>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  const [first] = list;
  if (first === undefined) throw new Error("empty");
  return first;
};

describe("ranks computed from the bulletin's figures", () => {
  const table = rows([
    ["成都市锦江区", "jinjiang", { popsci_volume: 1200.5 }],
    ["成都市青羊区", null, { popsci_volume: 950 }],
    ["攀枝花市西区", HOME, { popsci_volume: 878.44 }],
    ["攀枝花市东区", "dongqu", { popsci_volume: 878.44 }],
    ["米易县", "miyi", { popsci_volume: 700 }],
    ["盐边县", "yanbian", {}],
  ]);

  it("give the home unit its competition rank, N and the figures just above and below", () => {
    const rank = only(derive(table, VOLUME).home);
    expect(rank).toMatchObject({
      rankKey: "popsci_volume_rank",
      rankedKey: "popsci_volume",
      stated: null,
      computed: 3,
      rank: 3,
      source: "computed",
      rankedUnits: 5,
      value: 878.44,
      valueAbove: 950,
      valueBelow: 700,
    });
    // the unit tied with the home unit (东区, also 3rd) is neither above nor below; the place after the tie is 5
    expect(rank.above.map((unit) => [unit.name, unit.rank])).toEqual([["成都市青羊区", 2]]);
    expect(rank.below.map((unit) => [unit.name, unit.rank])).toEqual([["米易县", 5]]);
  });

  it("count a unit without a figure in no one's rank, and an unmatched unit like any other", () => {
    const rank = only(derive(table, VOLUME).home);
    expect(rank.rankedUnits).toBe(5);
    expect(rank.above[0]?.unit).toBeNull();
  });

  it("store for every matched unit its figure and its rank with N and neighbours, and nothing for a blank", () => {
    const { figures } = derive(table, VOLUME);
    expect(figures.get(HOME)).toEqual(new Map([
      ["popsci_volume", { value: 878.44, rankedUnits: null, valueAbove: null, valueBelow: null }],
      ["popsci_volume_rank", { value: 3, rankedUnits: 5, valueAbove: 950, valueBelow: 700 }],
    ]));
    expect(figures.get("dongqu")?.get("popsci_volume_rank")).toEqual({ value: 3, rankedUnits: 5, valueAbove: 950, valueBelow: 700 });
    expect(figures.get("jinjiang")?.get("popsci_volume_rank")).toEqual({ value: 1, rankedUnits: 5, valueAbove: null, valueBelow: 950 });
    expect(figures.get("miyi")?.get("popsci_volume_rank")).toEqual({ value: 5, rankedUnits: 5, valueAbove: 878.44, valueBelow: null });
    expect(figures.get("yanbian")).toEqual(new Map());
    expect([...figures.keys()]).toEqual(["jinjiang", HOME, "dongqu", "miyi", "yanbian"]);
  });

  it("have no unit above the first, nor below the last", () => {
    const first = only(derive(rows([["攀枝花市西区", HOME, { supply_total: 8810 }], ["b", "b", { supply_total: 8000 }]]), ["supply_total"]).home);
    expect(first).toMatchObject({ rank: 1, rankedUnits: 2, above: [], valueAbove: null, valueBelow: 8000 });
    const last = only(derive(rows([["a", "a", { supply_total: 9000 }], ["攀枝花市西区", HOME, { supply_total: 8810 }]]), ["supply_total"]).home);
    expect(last).toMatchObject({ rank: 2, rankedUnits: 2, below: [], valueAbove: 9000, valueBelow: null });
  });

  it("skip the tie: two units tied above both count as above, and the home unit is 4th (1, 2, 2, 4)", () => {
    const rank = only(derive(rows([
      ["a", "a", { supply_total: 100 }],
      ["b", "b", { supply_total: 90 }],
      ["c", "c", { supply_total: 90 }],
      ["攀枝花市西区", HOME, { supply_total: 80 }],
    ]), ["supply_total"]).home);
    expect(rank.rank).toBe(4);
    expect(rank.above.map((unit) => unit.name)).toEqual(["b", "c"]);
    expect(rank.valueAbove).toBe(90);
  });

  it("compare figures as shown, at the ranked indicator's decimals", () => {
    const rank = only(derive(rows([["a", "a", { popsci_volume: 0.1 + 0.2 }], ["攀枝花市西区", HOME, { popsci_volume: 0.3 }]]), VOLUME).home);
    expect(rank).toMatchObject({ rank: 1, above: [], valueBelow: null });
  });

  it("leave a home unit without a figure unranked, and warn", () => {
    const derivation = derive(rows([["a", "a", { supply_total: 5 }], ["攀枝花市西区", HOME, {}]]), ["supply_total"]);
    expect(only(derivation.home)).toMatchObject({ rank: null, computed: null, rankedUnits: 1, above: [], below: [] });
    expect(derivation.figures.get(HOME)?.has("supply_total_rank")).toBe(false);
    expect(derivation.warnings).toMatchObject([{ kind: "home_unranked", isHome: true, message: "攀枝花市西区 累计发布科技所能全省排名：通报中本单位无数值、无名次" }]);
  });

  it("takes the nearest neighbour figure in the ranked indicator's direction", () => {
    // a made-up indicator where a smaller figure is better, with a stated rank that puts two different figures at one place
    const indicators: DeriveIndicator[] = [
      { key: "cost", name: "成本", kind: "stock", direction: "down", decimals: 0, ranksKey: null },
      { key: "cost_rank", name: "成本排名", kind: "rank", direction: "down", decimals: 0, ranksKey: "cost" },
    ];
    const rank = only(derive(rows([
      ["a", "a", { cost: 1, cost_rank: 1 }],
      ["b", "b", { cost: 3, cost_rank: 2 }],
      ["c", "c", { cost: 4, cost_rank: 2 }],
      ["攀枝花市西区", HOME, { cost: 5, cost_rank: 4 }],
      ["d", "d", { cost: 9, cost_rank: 5 }],
    ]), ["cost", "cost_rank"], { indicators }).home);
    expect(rank).toMatchObject({ rank: 4, computed: 4, valueAbove: 4, valueBelow: 9 });
  });
});

describe("ranks the bulletin states", () => {
  it("are the ranks of record, with the units at the nearest places as neighbours", () => {
    const derivation = derive(rows([
      ["a", "a", { popsci_volume: 1000, popsci_volume_rank: 1 }],
      ["攀枝花市西区", HOME, { popsci_volume: 878.44, popsci_volume_rank: 2 }],
      ["b", "b", { popsci_volume: 800, popsci_volume_rank: 3 }],
    ]), VOLUME_AND_RANK);
    expect(only(derivation.home)).toMatchObject({ stated: 2, computed: 2, rank: 2, source: "stated", rankedUnits: 3, valueAbove: 1000, valueBelow: 800 });
    expect(derivation.warnings).toEqual([]);
  });

  it("stand when the figures say otherwise: a warning, never an overwrite", () => {
    const derivation = derive(rows([
      ["a", "a", { popsci_volume: 1000, popsci_volume_rank: 1 }],
      ["攀枝花市西区", HOME, { popsci_volume: 700, popsci_volume_rank: 2 }],
      ["b", "b", { popsci_volume: 800, popsci_volume_rank: 3 }],
    ]), VOLUME_AND_RANK);
    const rank = only(derivation.home);
    expect(rank).toMatchObject({ stated: 2, computed: 3, rank: 2, valueAbove: 1000, valueBelow: 800 });
    expect(derivation.figures.get(HOME)?.get("popsci_volume_rank")).toEqual({ value: 2, rankedUnits: 3, valueAbove: 1000, valueBelow: 800 });
    expect(derivation.warnings).toEqual([
      { kind: "rank_mismatch", rankKey: "popsci_volume_rank", row: 6, name: "攀枝花市西区", isHome: true, message: "攀枝花市西区 科普服务量全省排名：通报为第2名，按数值计算为第3名（以通报为准）" },
      { kind: "rank_mismatch", rankKey: "popsci_volume_rank", row: 7, name: "b", isHome: false, message: "b 科普服务量全省排名：通报为第3名，按数值计算为第2名（以通报为准）" },
    ]);
  });

  it("leave the home unit unranked when the bulletin lists its figure but no rank, and say what the figures would give", () => {
    const derivation = derive(rows([
      ["a", "a", { popsci_volume: 1000, popsci_volume_rank: 1 }],
      ["攀枝花市西区", HOME, { popsci_volume: 900 }],
    ]), VOLUME_AND_RANK);
    expect(only(derivation.home)).toMatchObject({ stated: null, computed: 2, rank: null, rankedUnits: 1 });
    expect(derivation.figures.get(HOME)?.has("popsci_volume_rank")).toBe(false);
    expect(derivation.warnings.map((warning) => warning.message)).toEqual(["攀枝花市西区 科普服务量全省排名：通报未列名次（按数值计算为第2名，未采用）"]);
  });

  it("work without any figure column: neighbours known by place, their figures unknown", () => {
    const rank = only(derive(rows([
      ["a", "a", { popsci_volume_rank: 1 }],
      ["攀枝花市西区", HOME, { popsci_volume_rank: 2 }],
      ["b", "b", { popsci_volume_rank: 3 }],
    ]), ["popsci_volume_rank"]).home);
    expect(rank).toMatchObject({ rank: 2, computed: null, rankedUnits: 3, valueAbove: null, valueBelow: null });
    expect(rank.above.map((unit) => unit.name)).toEqual(["a"]);
  });

  it("warn of a stated rank beyond the number of units ranked", () => {
    const derivation = derive(rows([["a", "a", { popsci_volume_rank: 1 }], ["攀枝花市西区", HOME, { popsci_volume_rank: 183 }]]), ["popsci_volume_rank"]);
    expect(derivation.warnings.map((warning) => warning.kind)).toEqual(["rank_beyond_count"]);
    expect(derivation.warnings[0]?.message).toBe("攀枝花市西区 科普服务量全省排名：通报名次第183名大于参与排名的单位数 2");
  });
});

describe("a partial table (a city's counties)", () => {
  const table = rows([
    ["攀枝花市东区", "dongqu", { popsci_volume: 950, popsci_volume_rank: 9 }],
    ["攀枝花市西区", HOME, { popsci_volume: 878.44, popsci_volume_rank: 12 }],
    ["米易县", "miyi", { popsci_volume: 700 }],
  ]);

  it("stores the stated provincial rank alone, leaving N and the neighbours as they are", () => {
    const derivation = derive(table, VOLUME_AND_RANK, { scope: "partial" });
    expect(only(derivation.home)).toMatchObject({ rank: 12, computed: 2, rankedUnits: null, above: [], below: [], valueAbove: null });
    expect(derivation.figures.get(HOME)?.get("popsci_volume_rank")).toEqual({ value: 12 });
    // a place within the table is no provincial rank: nothing stored, no mismatch warned
    expect(derivation.figures.get("miyi")?.has("popsci_volume_rank")).toBe(false);
    expect(derivation.warnings.filter((warning) => warning.kind === "rank_mismatch")).toEqual([]);
  });

  it("stores no rank at all from figures alone", () => {
    const derivation = derive(table, VOLUME, { scope: "partial" });
    expect(only(derivation.home)).toMatchObject({ rank: null, computed: 2 });
    expect(derivation.figures.get(HOME)?.has("popsci_volume_rank")).toBe(false);
    expect(derivation.figures.get(HOME)?.get("popsci_volume")).toMatchObject({ value: 878.44 });
  });
});

describe("a bulletin that cannot be used", () => {
  it("is refused when the home unit is absent, naming it", () => {
    const outcome = deriveFromBulletin({
      rows: rows([["a", "a", { supply_total: 1 }]]),
      columns: ["supply_total"],
      indicators: CATALOG,
      home: HOME,
      homeName: "攀枝花市西区",
      scope: "province",
    });
    expect(outcome).toEqual({ ok: false, error: "通报中没有找到本单位「攀枝花市西区」，请检查单位名称或别名" });
  });

  it("is refused when one unit appears twice", () => {
    const outcome = deriveFromBulletin({
      rows: rows([["西区", HOME, { supply_total: 1 }], ["a", "a", { supply_total: 2 }], ["攀枝花市西区", HOME, { supply_total: 3 }]]),
      columns: ["supply_total"],
      indicators: CATALOG,
      home: HOME,
      homeName: "攀枝花市西区",
      scope: "province",
    });
    expect(outcome).toEqual({ ok: false, error: "同一单位在通报中出现两次：第5行「西区」与第7行「攀枝花市西区」" });
  });
});

describe("several ranked indicators", () => {
  it("derive each one the bulletin has a column for, in catalog order, and store other figures as they are", () => {
    const derivation = derive(rows([
      ["a", "a", { supply_total: 9000, popsci_per_capita: 70.1, users_total: 500 }],
      ["攀枝花市西区", HOME, { supply_total: 8810, popsci_per_capita: 67.88, users_total: 14312 }],
    ]), ["supply_total", "popsci_per_capita", "users_total"]);
    expect(derivation.home.map((rank) => [rank.rankKey, rank.rank])).toEqual([["supply_total_rank", 2], ["popsci_per_capita_rank", 2]]);
    expect(derivation.figures.get(HOME)?.get("users_total")).toEqual({ value: 14312, rankedUnits: null, valueAbove: null, valueBelow: null });
    expect(derivation.figures.get(HOME)?.has("popsci_volume_rank")).toBe(false);
  });
});
