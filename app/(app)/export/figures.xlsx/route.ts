import { currentTime } from "@/lib/clock";
import { exportWorkbook } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportFigures, listExportRevisions } from "@/db/export";
import { exportFilter } from "@/db/export-request";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal, XLSX_TYPE } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** Every figure and every revision of a unit (optionally `unit`, `from`/`to`, `year`, `indicator`) as one workbook. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return refusal(401, "请先登录。");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  // a town's staff download their town; others the district, or a town by `unit`
  const unit = routeUnit(user, params.get("unit"));
  if (!unit.ok) return refusal(unit.status, unit.message);
  const filter = exportFilter(db, params);
  if (!filter.ok) return refusal(400, filter.message);
  const organization = unit.unit;
  const generatedAt = currentTime();
  const bytes = await exportWorkbook(
    listExportFigures(db, organization.id, filter.filter),
    listExportRevisions(db, organization.id, filter.filter),
    { organization: organization.name, generatedAt, filterText: filter.text },
  );
  return downloadResponse(bytes, XLSX_TYPE, "figures.xlsx", `${organization.shortName}科协指标数据.xlsx`);
}
