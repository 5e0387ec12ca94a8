import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { indicatorEditSchema, parseNewIndicator } from "./catalog-schema";

const TODAY = "2026-11";
const base = { name: "科普基地数量", unit: "个", category: "科普", description: "", sortOrder: "500", kind: "stock", decimals: "0", parentKey: "", parentRelation: "", accumulatesKey: "", ranksKey: "" };

describe("a new indicator", () => {
  it("is accepted with a fresh key", () => {
    expect(parseNewIndicator({ ...base, key: "popsci_bases_total" }, CATALOG, TODAY)).toMatchObject({
      ok: true,
      indicator: { key: "popsci_bases_total", kind: "stock", decimals: 0, parentKey: null, sortOrder: 500, inForceFrom: TODAY },
    });
  });

  it("is reported from the month given, or from this month", () => {
    expect(parseNewIndicator({ ...base, key: "x_total", inForceFrom: "2026-01" }, CATALOG, TODAY)).toMatchObject({ ok: true, indicator: { inForceFrom: "2026-01" } });
    expect(parseNewIndicator({ ...base, key: "x_total", inForceFrom: "2026-1" }, CATALOG, TODAY)).toEqual({
      ok: false,
      fieldErrors: { inForceFrom: ["起始月份应写作 YYYY-MM，例如 2026-01"] },
    });
  });

  it("may not reuse a key, even of a retired indicator", () => {
    expect(parseNewIndicator({ ...base, key: "nanny_new" }, CATALOG, TODAY)).toEqual({ ok: false, fieldErrors: { key: ["该键名已存在（已停用的指标也保留键名）"] } });
    expect(parseNewIndicator({ ...base, key: "Bad Key" }, CATALOG, TODAY).ok).toBe(false);
  });

  it("may not take a name the forms use for themselves, nor contain __", () => {
    const keyError = (key: string) => {
      const result = parseNewIndicator({ ...base, key }, CATALOG, TODAY);
      return result.ok ? null : result.fieldErrors.key;
    };
    expect(keyError("supply_total_rank__of")).toEqual(["键名不能含连续两个下划线（“__”留给排名的补充字段）"]);
    expect(keyError("x__above")).toEqual(["键名不能含连续两个下划线（“__”留给排名的补充字段）"]);
    expect(keyError("month")).toEqual(["“month”是表单自用的字段名，请换一个键名"]);
    expect(keyError("next")).toEqual(["“next”是表单自用的字段名，请换一个键名"]);
    expect(keyError("popsci_")).toEqual(["键名不能以下划线结尾"]);
    expect(keyError("popsci_bases_2")).toBeNull();
  });

  it("refuses control characters in its text, keeping line breaks only in the description", () => {
    const result = parseNewIndicator({ ...base, key: "popsci_bases_total", name: "科普\u0000基地", unit: "个\t个", description: "第一行\n第二行" }, CATALOG, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["name", "unit"]);
    expect(parseNewIndicator({ ...base, key: "popsci_bases_total", description: "第一行\n第二行" }, CATALOG, TODAY)).toMatchObject({ ok: true, indicator: { description: "第一行\n第二行" } });
    expect(parseNewIndicator({ ...base, key: "popsci_bases_total", description: "\u202E反向" }, CATALOG, TODAY).ok).toBe(false);
  });

  it("links only to the right kinds", () => {
    expect(parseNewIndicator({ ...base, key: "x_total", accumulatesKey: "users_total" }, CATALOG, TODAY)).toEqual({
      ok: false,
      fieldErrors: { accumulatesKey: ["对应的应为新增类指标"] },
    });
    expect(parseNewIndicator({ ...base, key: "x_rank", kind: "rank", unit: "名", ranksKey: "popsci_volume" }, CATALOG, TODAY).ok).toBe(true);
    expect(parseNewIndicator({ ...base, key: "x_rank2", kind: "rank", unit: "名", decimals: "1", ranksKey: "popsci_volume" }, CATALOG, TODAY).ok).toBe(false);
    expect(parseNewIndicator({ ...base, key: "x_part", kind: "flow", parentKey: "users_new" }, CATALOG, TODAY)).toEqual({
      ok: false,
      fieldErrors: { parentRelation: ["请选择与所属指标的关系"] },
    });
  });
});

describe("an edit", () => {
  it("needs a name and unit, and a whole sort order", () => {
    const result = indicatorEditSchema.safeParse({ name: " ", unit: "", category: "科普", sortOrder: "1.5" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path[0]).sort()).toEqual(["name", "sortOrder", "unit"]);
  });
});
