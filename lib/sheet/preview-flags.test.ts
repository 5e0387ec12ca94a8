import { describe, expect, it } from "vitest";
import { CATALOG } from "../catalog";
import type { HistoryPoint } from "../plausibility";
import { bulletinConfirmation, bulletinFlags, importConfirmation, importFlags } from "./preview-flags";

const figure = (value: number) => ({ value, rankedUnits: null, valueAbove: null, valueBelow: null });
const none = () => new Map<string, HistoryPoint[]>();

describe("an import's flags", () => {
  it("judge a later month against the file's own earlier months as well as the stored ones", () => {
    const stored = (period: string) => new Map([["deals_new", period > "2026-08" ? [{ period: "2026-08", value: 2, rankedUnits: null }] : []]]);
    const items = [
      { period: "2026-09", key: "deals_new", status: "new", before: null, after: figure(3) },
      { period: "2026-10", key: "deals_new", status: "new", before: null, after: figure(2) },
      { period: "2026-11", key: "deals_new", status: "new", before: null, after: figure(12000) },
    ];
    const flags = importFlags(items, CATALOG, stored);
    expect([...flags.keys()]).toEqual(["2026-11|deals_new"]);
    expect(flags.get("2026-11|deals_new")?.text).toContain("近3个月中位数 2个");
    expect(importConfirmation(flags.values())).toBe("2026-11|deals_new|12000");
  });

  it("leave alone what the import does not write: unchanged values, and months it may not write", () => {
    const history = () => new Map([["deals_new", [{ period: "2026-10", value: 2, rankedUnits: null }]]]);
    const items = [
      { period: "2026-11", key: "deals_new", status: "unchanged", before: figure(12000), after: figure(12000) },
      { period: "2026-11", key: "deals_new", status: "locked", before: null, after: figure(12000) },
    ];
    expect(importFlags(items, CATALOG, history).size).toBe(0);
  });
});

describe("a bulletin's flags", () => {
  it("judge each unit's value against that unit's own history", () => {
    const history = (unit: number) => new Map(unit === 7 ? [["popsci_volume_rank", [{ period: "2026-10", value: 12, rankedUnits: 183 }]]] : []);
    const items = [
      { unit: 7, key: "popsci_volume_rank", status: "changed", before: figure(12), after: { ...figure(150), rankedUnits: 183 } },
      { unit: 8, key: "popsci_volume_rank", status: "new", before: null, after: { ...figure(150), rankedUnits: 183 } },
    ];
    const flags = bulletinFlags(items, CATALOG, "2026-11", history);
    expect([...flags.keys()]).toEqual(["7|popsci_volume_rank"]);
    expect(flags.get("7|popsci_volume_rank")?.text).toBe("上月第12名，本次第150名（下降 138 名）");
    expect(bulletinConfirmation(flags.values())).toBe("7|popsci_volume_rank|150");
    expect(bulletinFlags(items, CATALOG, "2026-11", none).size).toBe(0);
  });
});
