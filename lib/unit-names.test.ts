import { describe, expect, it } from "vitest";
import { aliasConflicts, matchUnitName, matchUnitNames, normalizeUnitName, unitNameForms, type KnownUnit } from "./unit-names";

const PANZHIHUA: KnownUnit<string>[] = [
  { unit: "xiqu", names: ["攀枝花市西区科学技术协会", "西区"] },
  { unit: "dongqu", names: ["攀枝花市东区科学技术协会", "东区"] },
  { unit: "renhe", names: ["攀枝花市仁和区"] },
  { unit: "miyi", names: ["米易县"] },
];

const matched = (name: string, units: KnownUnit<string>[] = PANZHIHUA) => {
  const match = matchUnitName(name, units);
  return match.status === "matched" ? match.unit : match.status;
};

describe("normalizing a unit name", () => {
  it("turns full-width characters half-width and drops every kind of whitespace", () => {
    expect(normalizeUnitName(" 攀枝花市　西区 ")).toBe("攀枝花市西区");
    expect(normalizeUnitName("西区（科协）\u200b")).toBe("西区(科协)");
    expect(normalizeUnitName("ＡＢＣ高新区")).toBe("ABC高新区");
  });

  it("strips the association's suffix, the province and prefecture in front, and the administrative suffix", () => {
    expect(unitNameForms("四川省攀枝花市仁和区科学技术协会")).toEqual({
      normalized: "四川省攀枝花市仁和区科学技术协会",
      withoutOrganization: "四川省攀枝花市仁和区",
      prefecture: "攀枝花",
      local: "仁和区",
      core: "仁和",
    });
    expect(unitNameForms("凉山彝族自治州木里藏族自治县").core).toBe("木里");
    expect(unitNameForms("凉山州西昌市")).toMatchObject({ prefecture: "凉山", local: "西昌市", core: "西昌" });
    expect(unitNameForms("清香坪街道办事处").core).toBe("清香坪");
    expect(unitNameForms("格里坪镇").core).toBe("格里坪");
  });

  it("never strips a name down to one character", () => {
    expect(unitNameForms("西区").core).toBe("西区");
    expect(unitNameForms("攀枝花市东区").core).toBe("东区");
    expect(unitNameForms("宜宾市珙县").core).toBe("珙县");
    expect(unitNameForms("科协").withoutOrganization).toBe("科协");
    // a county named like its prefecture keeps its name: 甘孜县 is not "甘孜" + "县"
    expect(unitNameForms("甘孜县")).toMatchObject({ prefecture: null, local: "甘孜县" });
    expect(unitNameForms("甘孜州甘孜县")).toMatchObject({ prefecture: "甘孜", local: "甘孜县" });
    expect(unitNameForms("广安市广安区")).toMatchObject({ prefecture: "广安", local: "广安区" });
  });
});

describe("matching a bulletin's name to a known unit", () => {
  it("takes the short name, the full name and the association's name as the same unit (西区 = 攀枝花市西区 = 攀枝花市西区科协)", () => {
    for (const name of ["西区", "攀枝花市西区", "攀枝花市西区科协", "攀枝花市西区科学技术协会", "攀枝花西区", "西区科协", "四川省攀枝花市西区", "攀枝花市 西区", "西区　"]) {
      expect(matched(name), name).toBe("xiqu");
    }
  });

  it("never merges 西区 and 东区", () => {
    expect(matched("东区")).toBe("dongqu");
    expect(matched("攀枝花市东区")).toBe("dongqu");
    expect(matched("西区", [{ unit: "dongqu", names: ["攀枝花市东区"] }])).toBe("unmatched");
    expect(matched("东区", [{ unit: "xiqu", names: ["攀枝花市西区", "西区"] }])).toBe("unmatched");
  });

  it("takes 仁和 and 仁和区 as the same unit", () => {
    expect(matched("仁和区")).toBe("renhe");
    expect(matched("仁和")).toBe("renhe");
    expect(matched("仁和区科协")).toBe("renhe");
    expect(matched("米易")).toBe("miyi");
  });

  it("says whether the name was one the unit is known by or a variant of it", () => {
    expect(matchUnitName("西区", PANZHIHUA)).toEqual({ name: "西区", status: "matched", unit: "xiqu", via: "name" });
    expect(matchUnitName("攀枝花市西区", PANZHIHUA)).toMatchObject({ status: "matched", via: "variant" });
  });

  it("does not match across prefectures when both names state one", () => {
    const units: KnownUnit<string>[] = [{ unit: "neijiang", names: ["内江市市中区"] }];
    expect(matched("乐山市市中区", units)).toBe("unmatched");
    expect(matched("内江市市中区", units)).toBe("neijiang");
    expect(matched("市中区", units)).toBe("neijiang");
  });

  it("reports a name shared by two units as ambiguous instead of guessing", () => {
    const units: KnownUnit<string>[] = [
      { unit: "leshan", names: ["乐山市市中区"] },
      { unit: "neijiang", names: ["内江市市中区"] },
    ];
    expect(matchUnitName("市中区", units)).toEqual({ name: "市中区", status: "ambiguous", candidates: ["leshan", "neijiang"] });
    expect(matched("乐山市市中区", units)).toBe("leshan");
    expect(matched("内江市中区", units)).toBe("unmatched");
  });

  it("prefers the most exact match: 广安区 is not 广安市", () => {
    const units: KnownUnit<string>[] = [
      { unit: "city", names: ["广安市"] },
      { unit: "district", names: ["广安市广安区"] },
    ];
    expect(matched("广安区", units)).toBe("district");
    expect(matched("广安市广安区", units)).toBe("district");
    expect(matched("广安市", units)).toBe("city");
    // only the bare stem is truly ambiguous
    expect(matched("广安", units)).toBe("ambiguous");
  });

  it("leaves a blank or unknown name unmatched", () => {
    expect(matched("")).toBe("unmatched");
    expect(matched("　")).toBe("unmatched");
    expect(matched("盐边县")).toBe("unmatched");
    expect(matched("合计")).toBe("unmatched");
  });

  it("matches towns with or without 镇 and 街道", () => {
    const towns: KnownUnit<string>[] = [
      { unit: "gelip", names: ["格里坪镇"] },
      { unit: "qingxiangping", names: ["清香坪街道"] },
    ];
    expect(matched("格里坪", towns)).toBe("gelip");
    expect(matched("清香坪街道办事处", towns)).toBe("qingxiangping");
    expect(matched("清香坪", towns)).toBe("qingxiangping");
  });
});

describe("matching a whole list", () => {
  it("reports unmatched, ambiguous and twice-matched names, in the order given", () => {
    const units: KnownUnit<string>[] = [
      ...PANZHIHUA,
      { unit: "leshan", names: ["乐山市市中区"] },
      { unit: "neijiang", names: ["内江市市中区"] },
    ];
    const result = matchUnitNames(["攀枝花市西区", "东区", "市中区", "盐边县", "西区科协"], units);
    expect(result.matches.map((match) => match.status)).toEqual(["matched", "matched", "ambiguous", "unmatched", "matched"]);
    expect(result.unmatched).toEqual(["盐边县"]);
    expect(result.ambiguous).toEqual([{ name: "市中区", candidates: ["leshan", "neijiang"] }]);
    expect(result.duplicates).toEqual([{ unit: "xiqu", names: ["攀枝花市西区", "西区科协"] }]);
  });
});

describe("alias conflicts", () => {
  it("find a name given to two units", () => {
    expect(aliasConflicts([
      { unit: 1, names: ["攀枝花市西区", "西区"] },
      { unit: 2, names: ["攀枝花市东区", "西区科协"] },
    ])).toEqual([{ name: "西区", units: [1, 2] }]);
    expect(aliasConflicts(PANZHIHUA)).toEqual([]);
  });
});
