import { describe, expect, it } from "vitest";
import { referenceAmplification } from "@/tests/support/malformed-inputs";
import { actionBodyProblem, LIMITS, type FormEntry } from "./action-body";

type Parts = [name: string, value: string][];

const withJs = (parts: Parts) => actionBodyProblem(parts, true);
const withoutJs = (parts: Parts) => actionBodyProblem(parts, false);
/** A call as React writes it: the referred parts, then the arguments last. */
const call = (args: string, before: Parts = []) => withJs([...before, ["0", args]]);

describe("a server-action body sent with JavaScript", () => {
  it("is accepted as the forms send it: the form's fields and the parts referred to, then the arguments", () => {
    expect(withJs([["_1_username", "staff"], ["0", '[{"message":"","username":""},"$K1"]']])).toBeNull();
    expect(call('["$K1"]')).toBeNull();
    expect(call('[{"status":"idle","values":{"x":"$$5 escaped"},"gone":"$undefined"},"$K1"]')).toBeNull();
    expect(call('["$2","$Ka"]', [["2", '{"status":"idle"}']])).toBeNull();
    // a state whose values and bases are one object: React writes it once, then refers to it by path
    expect(call('[{"status":"idle","values":{"x":"1"},"bases":"$0:0:values"},"$K1"]')).toBeNull();
    expect(call('[{"x":"$2:a:0"},"$K1"]', [["2", '{"a":[{"b":"c"}]}']])).toBeNull();
    // a file among the form's fields
    expect(actionBodyProblem([["_1_file", new Blob(["x"])], ["0", '[{},"$K1"]']], true)).toBeNull();
  });

  it("reads a reference's hexadecimal id as the decimal name React gives the part", () => {
    expect(call('["$a","$K1"]', [["10", "{}"]])).toBeNull();
    expect(call('["$a","$K1"]', [["a", "{}"], ["10", '"$Q1"']])).toBe("无法识别的表单部分 \"a\"");
    expect(call('["$a","$K1"]', [["10", '"$Q1"']])).toBe("不支持的引用 $Q1");
  });

  it("is refused when the arguments are missing, unreadable or not a list", () => {
    expect(withJs([["_1_x", "y"]])).toBe("参数不是数组");
    expect(call("{{{")).toBe("参数不是数组");
    expect(call('{"a":1}')).toBe("参数不是数组");
    expect(call('"$K1"')).toBe("参数不是数组");
  });

  it("is refused when the last argument is not the form", () => {
    expect(call("[]")).toBe("最后一个参数不是表单");
    expect(call('["a","b"]')).toBe("最后一个参数不是表单");
    expect(call('[{}, {"get": 1}]')).toBe("最后一个参数不是表单");
    expect(call('[{}, "$K"]')).toBe("最后一个参数不是表单");
  });

  it("is refused with more arguments than Next takes", () => {
    expect(call(JSON.stringify([...Array<object>(LIMITS.arguments - 1).fill({}), "$K1"]))).toBeNull();
    expect(call(JSON.stringify([...Array<object>(LIMITS.arguments).fill({}), "$K1"]))).toBe("参数过多：超过 1000 个");
  });

  it("is refused when it refers to parts that are not there or kinds the forms never send", () => {
    expect(call('["$@9","$K1"]')).toBe("缺少或无法读取第 9 部分");
    expect(call('["$3","$K1"]')).toBe("缺少或无法读取第 3 部分");
    for (const reference of ["$Q1", "$W1", "$B1", "$h1", "$T", "$n12", "$D2024", "$Sreact.element", "$"]) {
      expect(call(JSON.stringify([{ nested: [reference] }, "$K1"])), reference).toMatch(/^不支持的引用/);
    }
  });

  it("is refused when a path leads nowhere, or to a kind the forms never send, or anywhere in a part that holds one", () => {
    expect(call('[{"values":{},"bases":"$0:0:missing"},"$K1"]')).toMatch(/^引用的位置不存在/);
    expect(call('[{"bases":"$0:0:values:x"},"$K1"]')).toMatch(/^引用的位置不存在/);
    expect(call('[{"bases":"$7:0"},"$K1"]')).toBe("缺少或无法读取第 7 部分");
    expect(call('[{"x":"$2:a"},"$K1"]', [["2", '{"a":"$Q1"}']])).toBe("不支持的引用 $Q1");
    // React decodes the whole part a path leads into
    expect(call('[{"x":"$2:a"},"$K1"]', [["2", '{"a":"ok","b":"$Q1"}']])).toBe("不支持的引用 $Q1");
  });

  it("is refused when its parts refer to themselves or each other in a loop", () => {
    expect(call('[{"x":"$0:0"},"$K1"]')).toBe("引用成环");
    expect(call('["$0","$K1"]')).toBe("引用成环");
    expect(call('["$@1","$K2"]', [["1", '["$@1"]']])).toBe("引用成环");
    expect(call('["$1","$K2"]', [["2", '["$1"]'], ["1", '["$2"]']])).toBe("引用成环");
  });

  it("is refused when nested deeper than any form, through references too, before the JSON is parsed", () => {
    const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    expect(call(`[${nested(LIMITS.depth - 2)},"$K1"]`)).toBeNull();
    expect(call(`[${nested(LIMITS.depth)},"$K1"]`)).toBe("嵌套过深");
    expect(call(`[${nested(2_000_000)},"$K1"]`)).toBe("嵌套过深");
    const chain: Parts = Array.from({ length: 40 }, (_, i): [string, string] => [String(40 - i), i === 0 ? "{}" : `"$${(41 - i).toString(16)}"`]);
    expect(call('["$1","$K1"]', chain)).toBe("嵌套过深");
  });

  it("is refused when the parts sit where React, reading them as they arrive, would fail on them", () => {
    // a part after the arguments: React has already looked for it (a forward reference) or is done with its id
    expect(withJs([["0", '["$1","$K1"]'], ["1", "{}"]])).toBe("参数之后不应再有表单部分");
    expect(withJs([["_1_month", "x"], ["0", '[{},"$K1"]'], ["_1_late", "y"]])).toBe("参数之后不应再有表单部分");
    expect(withJs([["0", '[{},"$K1"]'], ["0", '[{},"$K1"]']])).toBe("第 0 部分重复");
    expect(withJs([["1", "{}"], ["1", '"$Q1"'], ["0", '["$1","$K1"]']])).toBe("第 1 部分重复");
    // JavaScript's Number("") and Number("00") are 0: React would take these for the arguments
    for (const name of ["", "00", " 0", "0x0", "1e0", "S1", "username", "1_username", "$ACTION_ID_x"]) {
      expect(withJs([[name, "{}"], ["0", '[{},"$K1"]']]), name).toMatch(/^无法识别的表单部分/);
    }
  });

  it("is refused with more parts, longer names or more references than any form, or with control characters in a name", () => {
    const fields = (count: number): Parts => Array.from({ length: count }, (_, i): [string, string] => [`_1_f${i}`, ""]);
    expect(call('[{},"$K1"]', fields(LIMITS.parts - 1))).toBeNull();
    expect(call('[{},"$K1"]', fields(LIMITS.parts))).toBe("表单部分过多：超过 2000 个");
    expect(call('[{},"$K1"]', [[`_1_${"n".repeat(LIMITS.nameLength)}`, ""]])).toBe("表单字段名过长：超过 200 个字符");
    for (const name of ["_1_a\u0000b", "_1_a\u0001", "_1_\u007f", "_1_\u009b", "0\u0007"]) expect(call('[{},"$K1"]', [[name, "x"]]), name).toBe("表单字段名含控制字符");
    const references = (count: number) => JSON.stringify([...Array<string>(count).fill("$1"), "$K1"]);
    expect(call(references(LIMITS.references - 1), [["1", "{}"]])).toBeNull();
    expect(call(references(LIMITS.references), [["1", "{}"]])).toBe("引用过多：超过 100 处");
  });

  it("refuses the audit's amplification, 400 references three levels deep, in well under a second", () => {
    const started = performance.now();
    expect(withJs(referenceAmplification(400, 3))).toBe("引用过多：超过 100 处");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("judges a part referred to again without walking it again", () => {
    // 99 references to one part of 1 000 objects of 50 values: walked once it is 50 000 values; again at each reference, 5 million
    const part = JSON.stringify(Array.from({ length: 1_000 }, () => Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]))));
    const started = performance.now();
    expect(call(JSON.stringify([...Array<string>(98).fill("$1"), "$K1"]), [["1", part]])).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("is refused when its arrays hold more than React decodes, counting an array again at each reference to it", () => {
    const zeros = (count: number) => JSON.stringify(Array<number>(count).fill(0));
    expect(call(`[${zeros(900_000)},"$K1"]`)).toBeNull();
    expect(call(`[${zeros(1_100_000)},"$K1"]`)).toBe("数组过大：超过 1000000 个元素");
    expect(call('["$1","$1","$K1"]', [["1", zeros(400_000)]])).toBeNull();
    expect(call('["$1","$1","$1","$K1"]', [["1", zeros(400_000)]])).toBe("数组过大：超过 1000000 个元素");
  });
});

describe("a server-action body sent without JavaScript", () => {
  const ACTION = `7f${"0".repeat(40)}`;
  const meta = (bound: string | null, id = ACTION) => JSON.stringify({ id, bound });

  it("is accepted as React renders the forms", () => {
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("$@1")], ["$ACTION_1:1", '[{"message":"","username":""}]'], ["$ACTION_KEY", "k1"], ["username", "x"]])).toBeNull();
    expect(withoutJs([[`$ACTION_ID_${ACTION}`, ""]])).toBeNull();
    // the entry form posted before its script has loaded: its state's bases are its values
    expect(withoutJs([["$ACTION_REF_4", ""], ["$ACTION_4:0", meta("$@1")], ["$ACTION_4:1", '[{"values":{"nanny_new":"29"},"bases":"$1:0:values"}]']])).toBeNull();
    expect(withoutJs([["username", "x"]])).toBeNull();
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta(null)]])).toBeNull();
    // a field named twice is a list (a form's checkboxes)
    expect(withoutJs([[`$ACTION_ID_${ACTION}`, ""], ["indicator", "a"], ["indicator", "b"]])).toBeNull();
  });

  it("is refused when its action reference or bound arguments do not read", () => {
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", "{{{"]])).toBe("表单动作信息无法读取");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", "{}"]])).toBe("表单动作信息无法读取");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta(null, "zz")]])).toBe("表单动作信息无法读取");
    expect(withoutJs([["$ACTION_REF_1", ""]])).toBe("表单动作信息无法读取");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("$@1")]])).toBe("参数不是数组");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("$@1")], ["$ACTION_1:1", '"x"']])).toBe("参数不是数组");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("$@1")], ["$ACTION_1:1", '["$Q5"]']])).toBe("不支持的引用 $Q5");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("x")]])).toBe("表单动作的参数引用无效");
  });

  it("is refused when React would read it otherwise than the door, or fail on it", () => {
    // React reads the last of two parts of a name, FormData's get() the first
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta(null)], ["$ACTION_1:0", "{{{"]])).toBe("表单动作字段重复");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta("$@1")], ["$ACTION_1:1", JSON.stringify(Array<object>(1_001).fill({}))]])).toBe("参数过多：超过 1000 个");
    expect(withoutJs([["$ACTION_ID_zz", ""]])).toBe("表单动作编号无效");
    expect(withoutJs([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta(null)], ["$ACTION_REF_2", ""], ["$ACTION_2:0", meta(null)], ["$ACTION_REF_3", ""], ["$ACTION_3:0", meta(null)]])).toBe("表单动作过多");
    expect(withoutJs([[`$ACTION_ID_${ACTION}`, ""], ["mon\u0000th", "x"]])).toBe("表单字段名含控制字符");
    // React's hidden fields without the action they belong to
    expect(withoutJs([["$ACTION_KEY", "k1"], ["username", "x"]])).toBe("表单缺少动作");
    expect(withoutJs([["$ACTION_1:0", meta(null)]])).toBe("表单缺少动作");
  });
});

describe("the parts a body names", () => {
  it("are judged as given, files included", () => {
    const entries: FormEntry[] = [["_1_a", "x"], ["_1_b", new Blob([])], ["0", '[{},"$K1"]']];
    expect(actionBodyProblem(entries, true)).toBeNull();
  });
});
