import { currentTime } from "@/lib/clock";
import { templateXlsx } from "@/lib/sheet/template";
import { getDb } from "@/db/client";
import { loadTemplateInput, templateLayout, templateYear } from "@/db/template";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal, XLSX_TYPE } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** The import template for `?year=YYYY`, pre-filled with what is stored; any signed-in user. */
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
  const bytes = await templateXlsx(loadTemplateInput(getDb(), year.year, layout.layout, today, unit.unit));
  return downloadResponse(bytes, XLSX_TYPE, `template-${year.year}${long ? "-long" : ""}.xlsx`, `${year.year}年指标数据导入模板${long ? "（每行一个数）" : ""}.xlsx`);
}
