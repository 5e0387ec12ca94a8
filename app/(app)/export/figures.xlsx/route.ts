import { currentTime } from "@/lib/clock";
import { exportWorkbook } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportFigures, listExportRevisions } from "@/db/export";
import { exportFilter } from "@/db/export-request";
import { getHomeOrganization } from "@/db/organizations";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal, XLSX_TYPE } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** Every figure and every revision (optionally `from`/`to`, `year`, `indicator`) as one workbook. */
export async function GET(request: Request) {
  if (!(await getCurrentUser())) return refusal(401, "请先登录。");
  const db = getDb();
  const filter = exportFilter(db, new URL(request.url).searchParams);
  if (!filter.ok) return refusal(400, filter.message);
  const organization = getHomeOrganization(db);
  const generatedAt = currentTime();
  const bytes = await exportWorkbook(
    listExportFigures(db, organization.id, filter.filter),
    listExportRevisions(db, organization.id, filter.filter),
    { organization: organization.name, generatedAt, filterText: filter.text },
  );
  return downloadResponse(bytes, XLSX_TYPE, "figures.xlsx", `${organization.shortName}科协指标数据.xlsx`);
}
