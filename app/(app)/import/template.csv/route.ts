import { currentTime } from "@/lib/clock";
import { templateCsv } from "@/lib/sheet/template";
import { getDb } from "@/db/client";
import { loadTemplateInput, templateLayout, templateYear } from "@/db/template";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { CSV_TYPE, downloadResponse, refusal } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** The import template as CSV (UTF-8 with a BOM, so Excel shows the Chinese); any signed-in user. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return refusal(401, "请先登录。");
  const today = currentTime();
  const params = new URL(request.url).searchParams;
  const unit = routeUnit(user, params.get("unit"));
  if (!unit.ok) return refusal(unit.status, unit.message);
  const year = templateYear(params.get("year"), today);
  if (!year.ok) return refusal(400, year.message);
  const layout = templateLayout(params.get("layout"));
  if (!layout.ok) return refusal(400, layout.message);
  const long = layout.layout === "long";
  const text = templateCsv(loadTemplateInput(getDb(), year.year, layout.layout, today, unit.unit));
  return downloadResponse(text, CSV_TYPE, `template-${year.year}${long ? "-long" : ""}.csv`, `${year.year}年指标数据导入模板${long ? "（每行一个数）" : ""}.csv`);
}
