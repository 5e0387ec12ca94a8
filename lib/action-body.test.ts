import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "./action-body";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const withJs = (fields: Record<string, string>) => actionBodyProblem(form(fields), true);
const withoutJs = (fields: Record<string, string>) => actionBodyProblem(form(fields), false);

describe("a server-action body sent with JavaScript", () => {
  it("is accepted as the forms send it: the previous state, then the form", () => {
    expect(withJs({ "1_username": "staff", "0": '[{"message":"","username":""},"$K1"]' })).toBeNull();
    expect(withJs({ "0": '["$K1"]' })).toBeNull();
    expect(withJs({ "0": '[{"status":"idle","values":{"x":"$$5 escaped"},"gone":"$undefined"},"$K1"]' })).toBeNull();
    expect(withJs({ "2": '{"status":"idle"}', "0": '["$2","$Ka"]' })).toBeNull();
    // a state whose values and bases are one object: React writes it once, then refers to it by path
    expect(withJs({ "0": '[{"status":"idle","values":{"x":"1"},"bases":"$0:0:values"},"$K1"]' })).toBeNull();
    expect(withJs({ "2": '{"a":[{"b":"c"}]}', "0": '[{"x":"$2:a:0"},"$K1"]' })).toBeNull();
  });

  it("is refused when the arguments are missing, unreadable or not a list", () => {
    expect(withJs({ "1_x": "y" })).toBe("参数不是数组");
    expect(withJs({ "0": "{{{" })).toBe("参数不是数组");
    expect(withJs({ "0": '{"a":1}' })).toBe("参数不是数组");
    expect(withJs({ "0": '"$K1"' })).toBe("参数不是数组");
  });

  it("is refused when the last argument is not the form", () => {
    expect(withJs({ "0": "[]" })).toBe("最后一个参数不是表单");
    expect(withJs({ "0": '["a","b"]' })).toBe("最后一个参数不是表单");
    expect(withJs({ "0": '[{}, {"get": 1}]' })).toBe("最后一个参数不是表单");
    expect(withJs({ "0": '[{}, "$K"]' })).toBe("最后一个参数不是表单");
  });

  it("is refused when it refers to parts that are not there or kinds the forms never send", () => {
    expect(withJs({ "0": '["$@9","$K1"]' })).toBe("缺少或无法读取第 9 部分");
    expect(withJs({ "0": '["$3","$K1"]' })).toBe("缺少或无法读取第 3 部分");
    for (const reference of ["$Q1", "$W1", "$B1", "$h1", "$T", "$n12", "$D2024", "$Sreact.element", "$"]) {
      expect(withJs({ "0": JSON.stringify([{ nested: [reference] }, "$K1"]) }), reference).toMatch(/^不支持的引用/);
    }
  });

  it("is refused when a path leads nowhere, or to a kind the forms never send", () => {
    expect(withJs({ "0": '[{"values":{},"bases":"$0:0:missing"},"$K1"]' })).toMatch(/^引用的位置不存在/);
    expect(withJs({ "0": '[{"bases":"$0:0:values:x"},"$K1"]' })).toMatch(/^引用的位置不存在/);
    expect(withJs({ "0": '[{"bases":"$7:0"},"$K1"]' })).toBe("缺少或无法读取第 7 部分");
    expect(withJs({ "2": '{"a":"$Q1"}', "0": '[{"x":"$2:a"},"$K1"]' })).toBe("不支持的引用 $Q1");
    expect(withJs({ "0": '[{"x":"$0:0"},"$K1"]' })).toBe("嵌套过深");
  });

  it("is refused when its parts refer to each other in a loop", () => {
    expect(withJs({ "1": '["$@1"]', "0": '["$@1","$K2"]' })).toBe("嵌套过深");
  });
});

describe("a server-action body sent without JavaScript", () => {
  const meta = (bound: string | null) => JSON.stringify({ id: "7f00aa", bound });

  it("is accepted as React renders the forms", () => {
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta("$@1"), "$ACTION_1:1": '[{"message":"","username":""}]', "$ACTION_KEY": "k1", username: "x" })).toBeNull();
    expect(withoutJs({ "$ACTION_ID_7f00aa": "" })).toBeNull();
    // the entry form posted before its script has loaded: its state's bases are its values
    expect(withoutJs({ "$ACTION_REF_4": "", "$ACTION_4:0": meta("$@1"), "$ACTION_4:1": '[{"values":{"nanny_new":"29"},"bases":"$1:0:values"}]' })).toBeNull();
    expect(withoutJs({ username: "x" })).toBeNull();
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta(null) })).toBeNull();
  });

  it("is refused when its action reference or bound arguments do not read", () => {
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": "{{{" })).toBe("表单动作信息无法读取");
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": "{}" })).toBe("表单动作信息无法读取");
    expect(withoutJs({ "$ACTION_REF_1": "" })).toBe("表单动作信息无法读取");
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta("$@1") })).toBe("参数不是数组");
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta("$@1"), "$ACTION_1:1": '"x"' })).toBe("参数不是数组");
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta("$@1"), "$ACTION_1:1": '["$Q5"]' })).toBe("不支持的引用 $Q5");
    expect(withoutJs({ "$ACTION_REF_1": "", "$ACTION_1:0": meta("x") })).toBe("表单动作的参数引用无效");
  });
});
