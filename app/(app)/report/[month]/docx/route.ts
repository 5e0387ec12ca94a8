import { currentTime } from "@/lib/clock";
import { renderMonthDocx } from "@/lib/pack/docx";
import { isMonth, isFutureMonth } from "@/lib/periods";
import { getDb } from "@/db/client";
import { loadMonthReport } from "@/db/pack";
import { routeUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { DOCX_TYPE, downloadResponse, refusal } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** The month's 工作简报 as a Word document: the saved text (or the draft), the month's table and lists. */
export async function GET(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const user = await getCurrentUser();
  if (!user) return refusal(401, "请先登录。");
  const { month } = await params;
  if (!isMonth(month)) return refusal(404, "没有这个月份的简报：月份应写作 YYYY-MM，例如 /report/2026-10/docx。");
  if (isFutureMonth(month, currentTime())) return refusal(404, "这个月份还没有到，没有简报。");
  const unit = routeUnit(user, new URL(request.url).searchParams.get(UNIT_PARAM));
  if (!unit.ok) return refusal(unit.status, unit.message);
  const db = getDb();
  const organization = unit.unit;
  const report = loadMonthReport(db, { organizationId: organization.id, month });
  return downloadResponse(await renderMonthDocx(report), DOCX_TYPE, `report-${month}.docx`, `${organization.shortName}科协${report.title}.docx`);
}
