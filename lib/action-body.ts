/**
 * A server-action request carries its arguments in React's reply format inside a multipart form.
 * React throws while decoding a malformed one, and Next then answers 500; server.ts checks the form
 * against what this app's forms send and answers 400 instead. What the forms send:
 *  - with JavaScript (a Next-Action header): field "0" holds the arguments as a JSON array whose last
 *    element is "$K<id>", the submitted form, whose fields follow as "<id>_<name>";
 *  - without JavaScript: "$ACTION_ID_<action>", or "$ACTION_REF_<n>" with "$ACTION_<n>:0" holding
 *    {"id": "<action>", "bound": "$@<k>" | null} and "$ACTION_<n>:<k>" the bound arguments (a JSON array).
 * Inside the JSON, a string starting with "$" is a reference; the forms use only "$$…" (an escaped
 * "$"), "$undefined", the special numbers, "$K<id>" (a form), "$<id>" or "$@<id>" (another part
 * of the same body, which must be there and readable), and "$<id>:<key>:…" (a value that occurs
 * twice, such as a state whose `values` and `bases` are one object, written once and then referred
 * to by its path within a part; the path must lead to a value there). Any other reference (maps,
 * blobs, server references…), unreadable JSON or a missing part is refused.
 */

export type FormFields = { get(name: string): unknown; keys(): Iterable<string> };

const HEX = /^[0-9a-f]+$/;
const MAX_DEPTH = 64;

type Part = (id: string) => unknown;

const PLAIN_REFERENCES = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

function referenceProblem(text: string, part: Part, depth: number): string | null {
  if (text.startsWith("$$") || PLAIN_REFERENCES.has(text)) return null;
  const kind = text.slice(1, 2);
  const id = text.slice(2);
  if (kind === "K" && HEX.test(id)) return null;
  if (kind === "@" && HEX.test(id)) return partProblem(part, id, depth + 1);
  if (HEX.test(text.slice(1))) return partProblem(part, text.slice(1), depth + 1);
  const [partId = "", ...path] = text.slice(1).split(":");
  if (HEX.test(partId) && path.length > 0) return pathProblem(part, partId, path, depth + 1);
  return `不支持的引用 ${text.slice(0, 20)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function valueProblem(value: unknown, part: Part, depth: number): string | null {
  if (depth > MAX_DEPTH) return "嵌套过深";
  if (typeof value === "string") return value.startsWith("$") ? referenceProblem(value, part, depth) : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = valueProblem(item, part, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (isRecord(value)) {
    for (const item of Object.values(value)) {
      const problem = valueProblem(item, part, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function parsePart(part: Part, id: string): { ok: true; value: unknown } | { ok: false } {
  const text = part(id);
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A reference to a value inside a part, by the own keys leading to it (as React decodes it). */
function pathProblem(part: Part, id: string, path: readonly string[], depth: number): string | null {
  const parsed = parsePart(part, id);
  if (!parsed.ok) return `缺少或无法读取第 ${id} 部分`;
  let value: unknown = parsed.value;
  for (const key of path) {
    if (!(Array.isArray(value) || isRecord(value)) || !Object.hasOwn(value, key)) return `引用的位置不存在 ${id}:${path.join(":").slice(0, 40)}`;
    value = Array.isArray(value) ? value[Number(key)] : value[key];
  }
  return valueProblem(value, part, depth);
}

function partProblem(part: Part, id: string, depth: number): string | null {
  const parsed = parsePart(part, id);
  if (!parsed.ok) return `缺少或无法读取第 ${id} 部分`;
  return valueProblem(parsed.value, part, depth);
}

/** The arguments of a call: a JSON array whose parts all resolve; with `endsInForm`, the last is a form. */
function argumentsProblem(part: Part, id: string, endsInForm: boolean): string | null {
  const parsed = parsePart(part, id);
  if (!parsed.ok || !Array.isArray(parsed.value)) return "参数不是数组";
  const last: unknown = parsed.value.at(-1);
  if (endsInForm && !(typeof last === "string" && /^\$K[0-9a-f]+$/.test(last))) return "最后一个参数不是表单";
  return valueProblem(parsed.value, part, 0);
}

/** Why this action body would not decode, or null when it is shaped as the app's forms send it. */
export function actionBodyProblem(form: FormFields, withJavaScript: boolean): string | null {
  const field = (prefix: string): Part => (id) => form.get(`${prefix}${id}`);
  if (withJavaScript) return argumentsProblem(field(""), "0", true);
  for (const name of form.keys()) {
    const reference = /^\$ACTION_REF_(.*)$/.exec(name);
    if (!reference) continue;
    const prefix = `$ACTION_${reference[1] ?? ""}:`;
    const meta = parsePart(field(prefix), "0");
    if (!meta.ok || !isRecord(meta.value) || typeof meta.value.id !== "string") return "表单动作信息无法读取";
    const bound = meta.value.bound;
    if (bound === null || bound === undefined) continue;
    if (typeof bound !== "string" || !/^\$@[0-9a-f]+$/.test(bound)) return "表单动作的参数引用无效";
    const problem = argumentsProblem(field(prefix), bound.slice(2), false);
    if (problem) return problem;
  }
  return null;
}
