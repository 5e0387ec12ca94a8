import "server-only";
import { currentTime } from "@/lib/clock";
import type { TemplateInput } from "@/lib/sheet/template";
import { getDb } from "@/db/client";
import { loadTemplateInput, templateLayout, templateYear } from "@/db/template";
import { downloadUnit } from "@/app/_auth/download-unit";
import { refusal } from "@/app/_lib/download";

type TemplateRequest =
  | { ok: true; input: TemplateInput; name: { ascii: string; chinese: string } }
  | { ok: false; response: Response };

/**
 * The import template a request asks for (`year`, `layout`, `unit`), pre-filled with what is stored,
 * and its file name without the extension; or the Chinese refusal to answer with. Any signed-in user.
 */
export async function templateRequest(request: Request): Promise<TemplateRequest> {
  const target = await downloadUnit(request);
  if (!target.ok) return target;
  const today = currentTime();
  const year = templateYear(target.params.get("year"), today);
  if (!year.ok) return { ok: false, response: refusal(400, year.message) };
  const layout = templateLayout(target.params.get("layout"));
  if (!layout.ok) return { ok: false, response: refusal(400, layout.message) };
  const long = layout.layout === "long";
  return {
    ok: true,
    input: loadTemplateInput(getDb(), year.year, layout.layout, today, target.unit),
    name: { ascii: `template-${year.year}${long ? "-long" : ""}`, chinese: `${year.year}年指标数据导入模板${long ? "（每行一个数）" : ""}` },
  };
}
