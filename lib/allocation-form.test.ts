import { describe, expect, it } from "vitest";
import { readAllocationForm } from "./allocation-form";

describe("the allocation form", () => {
  it("asks for nothing more for an equal split", () => {
    expect(readAllocationForm({ method: "equal" }, [4, 5], 0)).toEqual({ ok: true, request: { method: "equal", units: [{ unit: 4 }, { unit: 5 }] } });
  });

  it("reads weights as people type them (full-width digits, thousands separators); a blank weight is 0", () => {
    expect(readAllocationForm({ method: "weighted", weight__4: "３.５", weight__5: "12,000", weight__6: "" }, [4, 5, 6], 0)).toEqual({
      ok: true,
      request: { method: "weighted", units: [{ unit: 4, weight: 3.5 }, { unit: 5, weight: 12000 }, { unit: 6, weight: 0 }] },
    });
  });

  it("leaves a town without a typed share out, and refuses shares finer than the indicator's decimals, each by its field", () => {
    expect(readAllocationForm({ method: "typed", share__4: "17", share__5: "" }, [4, 5], 0)).toEqual({
      ok: true,
      request: { method: "typed", units: [{ unit: 4, share: 17 }, { unit: 5, share: null }] },
    });
    expect(readAllocationForm({ method: "typed", share__4: "17.5", share__5: "12,5" }, [4, 5], 0)).toEqual({
      ok: false,
      message: "有分配数填写有误，未做任何修改。",
      fieldErrors: { share__4: ["分配数应为整数"], share__5: ["分配数千分位逗号位置不对（应每三位一个，如 12,345）"] },
    });
    expect(readAllocationForm({ method: "typed", share__4: "", share__5: "" }, [4, 5], 0)).toMatchObject({ ok: false, message: "请至少为一个镇街填写分配数。" });
  });

  it("refuses an unknown method and negative weights", () => {
    expect(readAllocationForm({ method: "random" }, [4], 0)).toMatchObject({ ok: false, fieldErrors: { method: ["请选择分配方式"] } });
    expect(readAllocationForm({ method: "weighted", weight__4: "-1" }, [4], 0)).toMatchObject({ ok: false, fieldErrors: { weight__4: ["权重应为不小于 0 的数字"] } });
  });
});
