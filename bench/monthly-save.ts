/**
 * The monthly save, posted as a browser posts it:
 *  - with JavaScript (every browser the app supports): the server action's fetch — the form's fields,
 *    the form's previous state and the action's id, answered with the form's new state alone;
 *  - without JavaScript (the fallback): the plain form post, answered with the whole page rendered again.
 * Every save changes 保姆式服务新增 from the value stored to another, with the stored value as what the
 * form showed, so each one writes a figure and its revision; an answer that is not "saved" stops the bench.
 */
export type SaveWay = "script" | "no-script";

type Request = [string, RequestInit];

const FIELD = "nanny_new";
const BASE_FIELD = `base__${FIELD}`;

/**
 * The action's id and the form's previous state (its bound arguments, as the body's part "0" carries
 * them: the script posts them as part 0, while the page writes them as part 1 and refers to values in
 * them by that number), from the hidden fields React renders into a form with useActionState.
 */
function actionOf(fields: Map<string, string>): { id: string; bound: string } {
  const action = [...fields].find(([name]) => /^\$ACTION_\d+:0$/.test(name));
  const { id, bound: reference } = JSON.parse(action?.[1] ?? "{}") as { id?: string; bound?: string };
  const part = /^\$@(\d+)$/.exec(reference ?? "")?.[1];
  const bound = action && part ? fields.get(action[0].replace(/:0$/, `:${part}`)) : undefined;
  if (!id || !part || !bound) throw new Error("填报页的表单中找不到服务端动作的编号或状态");
  return { id, bound: bound.replaceAll(`"$${part}:`, '"$0:') };
}

export function monthlySave(base: string, month: string, fields: Map<string, string>) {
  const url = `${base}/entry/${month}`;
  const action = actionOf(fields);
  const original = Number(fields.get(BASE_FIELD));
  if (!Number.isFinite(original)) throw new Error(`填报页没有 ${FIELD} 的已存值`);
  let stored = original;

  /** The form's fields with 保姆式服务新增 changed: the stored value as what the form showed, another as typed. */
  function changedFields(): Map<string, string> {
    const typed = stored === original ? original + 1 : original;
    const posted = new Map(fields);
    posted.set("month", month);
    posted.set(BASE_FIELD, String(stored));
    posted.set(FIELD, String(typed));
    stored = typed;
    return posted;
  }

  function script(cookie: string): Request {
    const form = new FormData();
    // React encodes the action's FormData argument as reference 1, its fields prefixed "_1_"
    for (const [name, value] of changedFields()) form.set(`_1_${name}`, value);
    form.set("0", `${action.bound.slice(0, -1)},"$K1"]`);
    return [url, { method: "POST", body: form, headers: { cookie, Origin: base, "Next-Action": action.id, Accept: "text/x-component" } }];
  }

  function noScript(cookie: string): Request {
    const form = new FormData();
    for (const [name, value] of changedFields()) form.set(name, value);
    return [url, { method: "POST", body: form, headers: { cookie, Origin: base } }];
  }

  return {
    /** The next save, as the staff member signed in with `cookie`. */
    request: (way: SaveWay, cookie: string): Request => (way === "script" ? script(cookie) : noScript(cookie)),
    /** Throws unless the answer says the month was saved. */
    verify(way: SaveWay, body: string): void {
      const saved = way === "script" ? body.includes('"status":"saved"') : body.includes('data-status="saved"');
      if (!saved) throw new Error(`月度保存（${way === "script" ? "脚本" : "无脚本"}）没有保存成功：${body.slice(0, 300)}`);
    },
  };
}

export type MonthlySave = ReturnType<typeof monthlySave>;
