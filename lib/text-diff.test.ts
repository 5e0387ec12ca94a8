import { describe, expect, it } from "vitest";
import { clauses, textDiff } from "./text-diff";

describe("the difference between a saved brief and a new draft", () => {
  it("cuts a brief into clauses at Chinese punctuation", () => {
    expect(clauses("截至10月底，累计15113人；新增95户。\n下一段")).toEqual(["截至10月底，", "累计15113人；", "新增95户。", "\n", "下一段"]);
  });

  it("marks the clauses a new figure changed, keeping the rest as it was", () => {
    expect(textDiff("累计15113人，较年初增加801人。", "累计15200人，较年初增加801人。")).toEqual([
      { kind: "removed", text: "累计15113人，" },
      { kind: "added", text: "累计15200人，" },
      { kind: "same", text: "较年初增加801人。" },
    ]);
  });

  it("finds no change in the same text", () => {
    expect(textDiff("甲，乙。", "甲，乙。")).toEqual([{ kind: "same", text: "甲，乙。" }]);
  });
});
