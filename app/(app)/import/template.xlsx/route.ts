import { templateXlsx } from "@/lib/sheet/template";
import { getDb } from "@/db/client";
import { loadTemplateInput, templateYear } from "@/db/template";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal, XLSX_TYPE } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** The import template for `?year=YYYY`, pre-filled with what is stored; any signed-in user. */
export async function GET(request: Request) {
  if (!(await getCurrentUser())) return refusal(401, "请先登录。");
  const today = new Date();
  const year = templateYear(new URL(request.url).searchParams.get("year"), today);
  if (!year.ok) return refusal(400, year.message);
  const bytes = await templateXlsx(loadTemplateInput(getDb(), year.year, today));
  return downloadResponse(bytes, XLSX_TYPE, `template-${year.year}.xlsx`, `${year.year}年指标数据导入模板.xlsx`);
}
