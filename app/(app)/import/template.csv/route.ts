import { templateCsv } from "@/lib/sheet/template";
import { getDb } from "@/db/client";
import { loadTemplateInput, templateYear } from "@/db/template";
import { getCurrentUser } from "@/app/_auth/session";
import { CSV_TYPE, downloadResponse, refusal } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** The import template as CSV (UTF-8 with a BOM, so Excel shows the Chinese); any signed-in user. */
export async function GET(request: Request) {
  if (!(await getCurrentUser())) return refusal(401, "请先登录。");
  const today = new Date();
  const year = templateYear(new URL(request.url).searchParams.get("year"), today);
  if (!year.ok) return refusal(400, year.message);
  const text = templateCsv(loadTemplateInput(getDb(), year.year, today));
  return downloadResponse(text, CSV_TYPE, `template-${year.year}.csv`, `${year.year}年指标数据导入模板.csv`);
}
