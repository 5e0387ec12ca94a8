import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import type { Figures } from "./consistency";
import { checkRollUp } from "./roll-up";

const figures = (entries: Record<string, number>): Figures => new Map(Object.entries(entries).map(([key, value]) => [key, { value }]));
const towns = CATALOG.filter((indicator) => ["nanny_new", "users_total", "popsci_per_capita"].includes(indicator.key));

describe("the roll-up check", () => {
  it("is silent when the towns' flows add up to the district's figure", () => {
    expect(checkRollUp(towns, figures({ nanny_new: 34 }), [{ name: "甲镇", figures: figures({ nanny_new: 20 }) }, { name: "乙街道", figures: figures({ nanny_new: 14 }) }])).toEqual([]);
  });

  it("warns when every town has reported and the sum differs, keeping the district's figure of record", () => {
    const warnings = checkRollUp(towns, figures({ nanny_new: 34 }), [{ name: "甲镇", figures: figures({ nanny_new: 20 }) }, { name: "乙街道", figures: figures({ nanny_new: 16 }) }]);
    expect(warnings).toEqual([
      { code: "roll-up", message: "促成“保姆式”服务单数：各镇街合计 36单，超出全区数值 2单（全区 34单，以全区数值为准）", keys: ["nanny_new"] },
    ]);
    const under = checkRollUp(towns, figures({ nanny_new: 34 }), [{ name: "甲镇", figures: figures({ nanny_new: 20 }) }, { name: "乙街道", figures: figures({ nanny_new: 10 }) }]);
    expect(under[0]?.message).toBe("促成“保姆式”服务单数：各镇街合计 30单，比全区数值少 4单（全区 34单，以全区数值为准）");
  });

  it("waits for the missing towns unless those reported already exceed the district", () => {
    const partial = [{ name: "甲镇", figures: figures({ nanny_new: 20 }) }, { name: "乙街道", figures: figures({}) }];
    expect(checkRollUp(towns, figures({ nanny_new: 34 }), partial)).toEqual([]);
    expect(checkRollUp(towns, figures({ nanny_new: 18 }), partial)[0]?.message).toBe("促成“保姆式”服务单数：已填报的 1/2 个镇街合计 20单，超出全区数值 2单（全区 18单，以全区数值为准）");
  });

  it("never sums a stock or a rate, and says nothing without the district's figure", () => {
    const all = [{ name: "甲镇", figures: figures({ users_total: 900, popsci_per_capita: 50, nanny_new: 3 }) }];
    expect(checkRollUp(towns, figures({ users_total: 100, popsci_per_capita: 10 }), all)).toEqual([]);
  });
});
