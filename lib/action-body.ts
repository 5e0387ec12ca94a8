/**
 * A server-action request carries its arguments in React's reply format inside a multipart form.
 * React throws while decoding a malformed one, and Next then answers 500; server.ts checks the form
 * against what this app's forms send and answers 400 instead. What the forms send:
 *  - with JavaScript (a Next-Action header): the arguments as a JSON array in part "0", the last part
 *    of the body, whose last element is "$K<id>", the submitted form, whose fields come before it
 *    as "_<id>_<name>"; any other part is named by a decimal number and referred to from the JSON;
 *  - without JavaScript: "$ACTION_ID_<action>", or "$ACTION_REF_<n>" with "$ACTION_<n>:0" holding
 *    {"id": "<action>", "bound": "$@<k>" | null} and "$ACTION_<n>:<k>" the bound arguments (a JSON array).
 * Inside the JSON, a string starting with "$" is a reference; the forms use only "$$…" (an escaped
 * "$"), "$undefined", the special numbers, "$K<id>" (a form), "$<id>" or "$@<id>" (another part
 * of the same body, which must be there and readable; <id> is hexadecimal, the part's name decimal),
 * and "$<id>:<key>:…" (a value that occurs twice, such as a state whose `values` and `bases` are one
 * object, written once and then referred to by its path within a part; the path must lead to a value
 * there). Any other reference (maps, blobs, server references…), unreadable JSON or a missing part is
 * refused.
 *
 * The check costs time linear in the body: each part is parsed once and each value judged once
 * (a value referred to again is looked up, not walked again), and a body beyond what any form sends
 * is refused before it is walked (LIMITS). React reads a body with JavaScript as it streams in: a
 * part it reads as the arguments or as a referred part must be unique and come before the arguments
 * end the body, or React fails on it.
 */

/** A part of the posted form, in the order sent: its name and, for a text field, its text (anything else is a file). */
export type FormEntry = readonly [name: string, value: unknown];

/**
 * The most a body may hold. The app's largest forms (measured with the real forms in Chromium): the
 * month's entry form posts 83 parts (39 inputs with their `base__*` fields), names of at most 41
 * characters, 2 references and 5 levels; the import's preview and 确认导入 post 3–8 parts carrying the
 * previewed state, 1 reference and 8 levels.
 */
export const LIMITS = {
  /** ≈ 24× the entry form: room for a catalog many times today's. */
  parts: 2_000,
  nameLength: 200,
  /** References that make the check (and React) look at another value: a part, a path or a form. */
  references: 100,
  /** Levels of arrays, objects and references from the arguments down. */
  depth: 32,
  /** Next refuses a call of more (with a 500); React too for bound arguments. */
  arguments: 1_000,
  /** React's limit on the elements and characters of arrays in one call (each reference to an array counts it again). */
  arraySlots: 1_000_000,
} as const;

const HEX = /^[0-9a-f]+$/;
const ACTION_ID = /^[0-9a-f]{42}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const PLAIN_REFERENCES = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

class BodyProblem extends Error {}

function refuse(problem: string): never {
  throw new BodyProblem(problem);
}

type Container = unknown[] | Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isRecord(value);
}

/** What a value costs React: levels below it and array slots in it, references included. */
type Weight = { height: number; slots: number };
const LEAF: Weight = { height: 0, slots: 0 };

/** Deeper than `max` levels of brackets, outside strings: refused before JSON.parse, which takes seconds on millions of levels. */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * One walk over the arguments of one call: parts parsed once, each part's and each array's or
 * object's weight computed once ("checking" while its own walk is under way: met again then, it
 * refers to itself).
 */
class ReplyWalk {
  private readonly parsed = new Map<string, unknown>();
  private readonly partWeights = new Map<string, Weight | "checking">();
  private readonly valueWeights = new Map<object, Weight | "checking">();
  private references = 0;
  private slots = 0;

  /** `part(id)` is the text of the part React reads for reference id `id` (decimal), or undefined. */
  constructor(private readonly part: (id: string) => string | undefined) {}

  /** The arguments in part `id`: a list of at most LIMITS.arguments, every value of which decodes; with `endsInForm`, the last is a form. */
  arguments(id: string, endsInForm: boolean): void {
    const value = this.parse(id, "参数不是数组");
    if (!Array.isArray(value)) refuse("参数不是数组");
    if (value.length > LIMITS.arguments) refuse(`参数过多：超过 ${LIMITS.arguments} 个`);
    const last: unknown = value.at(-1);
    if (endsInForm && !(typeof last === "string" && /^\$K[0-9a-f]+$/.test(last))) refuse("最后一个参数不是表单");
    this.partWeight(id, 0);
  }

  private parse(id: string, problem = `缺少或无法读取第 ${id.slice(0, 20)} 部分`): unknown {
    if (this.parsed.has(id)) return this.parsed.get(id);
    const text = this.part(id);
    if (text === undefined) refuse(problem);
    if (nestedDeeperThan(text, LIMITS.depth)) refuse("嵌套过深");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      refuse(problem);
    }
    this.parsed.set(id, value);
    return value;
  }

  private partWeight(id: string, depth: number): Weight {
    const known = this.partWeights.get(id);
    if (known === "checking") refuse("引用成环");
    if (known) return this.counted(this.fits(known, depth));
    const value = this.parse(id);
    this.partWeights.set(id, "checking");
    const weight = this.weight(value, depth, false);
    this.partWeights.set(id, weight);
    return weight;
  }

  private fits(weight: Weight, depth: number): Weight {
    if (depth + weight.height > LIMITS.depth) refuse("嵌套过深");
    return weight;
  }

  /** `inArray`: React counts the characters of a string that is an array's element. */
  private weight(value: unknown, depth: number, inArray: boolean): Weight {
    if (depth > LIMITS.depth) refuse("嵌套过深");
    if (typeof value === "string") return value.startsWith("$") ? this.referenceWeight(value, depth, inArray) : this.counted({ height: 0, slots: inArray ? value.length : 0 });
    if (!isContainer(value)) return LEAF;
    const known = this.valueWeights.get(value);
    if (known === "checking") refuse("引用成环");
    if (known) return this.counted(this.fits(known, depth));
    this.valueWeights.set(value, "checking");
    const array = Array.isArray(value);
    let height = 0;
    let slots = array ? value.length + 1 : 0;
    this.counted({ height: 0, slots });
    for (const item of Object.values(value)) {
      const inner = this.weight(item, depth + 1, array);
      height = Math.max(height, inner.height + 1);
      slots += inner.slots;
    }
    const weight = { height, slots };
    this.valueWeights.set(value, weight);
    return weight;
  }

  /** Array slots are counted as met: a value met again through a reference counts again, as React counts it. */
  private counted(weight: Weight): Weight {
    this.slots += weight.slots;
    if (this.slots > LIMITS.arraySlots) refuse(`数组过大：超过 ${LIMITS.arraySlots} 个元素`);
    return weight;
  }

  private referenceWeight(text: string, depth: number, inArray: boolean): Weight {
    if (text.startsWith("$$")) return this.counted({ height: 0, slots: inArray ? text.length - 1 : 0 });
    if (PLAIN_REFERENCES.has(text)) return LEAF;
    this.references += 1;
    if (this.references > LIMITS.references) refuse(`引用过多：超过 ${LIMITS.references} 处`);
    const kind = text.slice(1, 2);
    const id = text.slice(2);
    if (kind === "K" && HEX.test(id)) return LEAF;
    const partOf = (hex: string) => String(parseInt(hex, 16));
    if (kind === "@" && HEX.test(id)) return this.hop(this.partWeight(partOf(id), depth + 1));
    if (HEX.test(text.slice(1))) return this.hop(this.partWeight(partOf(text.slice(1)), depth + 1));
    const [partId = "", ...path] = text.slice(1).split(":");
    if (HEX.test(partId) && path.length > 0) return this.hop(this.pathWeight(partOf(partId), path, depth + 1, inArray));
    refuse(`不支持的引用 ${text.slice(0, 20)}`);
  }

  private hop(weight: Weight): Weight {
    return { height: weight.height + 1, slots: weight.slots };
  }

  /** A value inside a part, by the own keys leading to it (as React decodes it); React decodes the whole part. */
  private pathWeight(id: string, path: readonly string[], depth: number, inArray: boolean): Weight {
    // judged once; a part under way refers into itself (a state's `bases` that are its `values`), and its walk judges the rest
    if (!this.partWeights.has(id)) this.partWeight(id, depth);
    let value = this.parse(id);
    for (const key of path) {
      const property = isContainer(value) ? Object.getOwnPropertyDescriptor(value, key) : undefined;
      if (!property) refuse(`引用的位置不存在 ${id}:${path.join(":").slice(0, 40)}`);
      value = property.value;
    }
    return this.weight(value, depth, inArray);
  }
}

function namesProblem(entries: readonly FormEntry[]): string | null {
  if (entries.length > LIMITS.parts) return `表单部分过多：超过 ${LIMITS.parts} 个`;
  for (const [name] of entries) {
    if (name.length > LIMITS.nameLength) return `表单字段名过长：超过 ${LIMITS.nameLength} 个字符`;
    if (CONTROL_CHARACTERS.test(name)) return "表单字段名含控制字符";
  }
  return null;
}

/**
 * With JavaScript React reads each part as it arrives: "_…" parts are form fields, a part whose
 * name is a number (to JavaScript: "", "00" and "0x0" are 0) the model with that id, and "S<number>"
 * a stream. The arguments must end the body, and a number must be written as React writes it, once.
 */
function callWithJavaScriptProblem(entries: readonly FormEntry[]): string | null {
  const texts = new Map<string, unknown>();
  for (const [name, value] of entries) {
    if (name.startsWith("_")) continue;
    if (!DECIMAL.test(name)) return `无法识别的表单部分 ${JSON.stringify(name.slice(0, 20))}`;
    if (texts.has(name)) return `第 ${name} 部分重复`;
    texts.set(name, value);
  }
  if (texts.has("0") && entries.at(-1)?.[0] !== "0") return "参数之后不应再有表单部分";
  new ReplyWalk((id) => {
    const text = texts.get(id);
    return typeof text === "string" ? text : undefined;
  }).arguments("0", true);
  return null;
}

/** Without JavaScript React reads the whole form: a part named twice would be read as its last, so "$ACTION_…" parts must be unique. */
function formWithoutJavaScriptProblem(entries: readonly FormEntry[]): string | null {
  const texts = new Map<string, string>();
  let references = 0;
  for (const [name, value] of entries) {
    if (!name.startsWith("$ACTION_")) continue;
    if (texts.has(name)) return "表单动作字段重复";
    texts.set(name, typeof value === "string" ? value : "");
    if (name.startsWith("$ACTION_ID_") && !ACTION_ID.test(name.slice("$ACTION_ID_".length))) return "表单动作编号无效";
    if (name.startsWith("$ACTION_REF_")) references += 1;
  }
  // Next takes at most two: the form's action and its submit button's
  if (references > 2) return "表单动作过多";
  if (texts.size > 0 && ![...texts.keys()].some((name) => name.startsWith("$ACTION_ID_") || name.startsWith("$ACTION_REF_"))) return "表单缺少动作";
  for (const name of texts.keys()) {
    const reference = /^\$ACTION_REF_(.*)$/.exec(name);
    if (!reference) continue;
    const prefix = `$ACTION_${reference[1] ?? ""}:`;
    const walk = new ReplyWalk((id) => texts.get(`${prefix}${id}`));
    let meta: unknown;
    try {
      meta = JSON.parse(texts.get(`${prefix}0`) ?? "");
    } catch {
      return "表单动作信息无法读取";
    }
    if (!isRecord(meta) || typeof meta.id !== "string" || !ACTION_ID.test(meta.id)) return "表单动作信息无法读取";
    const bound = meta.bound;
    if (bound === null || bound === undefined) continue;
    if (typeof bound !== "string" || !/^\$@[0-9a-f]+$/.test(bound)) return "表单动作的参数引用无效";
    walk.arguments(String(parseInt(bound.slice(2), 16)), false);
  }
  return null;
}

/** Why this action body would not decode, or null when it is shaped as the app's forms send it. */
export function actionBodyProblem(entries: readonly FormEntry[], withJavaScript: boolean): string | null {
  try {
    return namesProblem(entries) ?? (withJavaScript ? callWithJavaScriptProblem(entries) : formWithoutJavaScriptProblem(entries));
  } catch (error) {
    if (error instanceof BodyProblem) return error.message;
    throw error;
  }
}
