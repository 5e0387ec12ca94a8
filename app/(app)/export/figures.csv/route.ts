import { figuresCsv } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportFigures } from "@/db/export";
import { exportFilter } from "@/db/export-request";
import { getHomeOrganization } from "@/db/organizations";
import { getCurrentUser } from "@/app/_auth/session";
import { CSV_TYPE, downloadResponse, refusal } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** Every figure (optionally `from`/`to`, `year`, `indicator`) as CSV, UTF-8 with a BOM. */
export async function GET(request: Request) {
  if (!(await getCurrentUser())) return refusal(401, "请先登录。");
  const db = getDb();
  const filter = exportFilter(db, new URL(request.url).searchParams);
  if (!filter.ok) return refusal(400, filter.message);
  const organization = getHomeOrganization(db);
  return downloadResponse(figuresCsv(listExportFigures(db, organization.id, filter.filter)), CSV_TYPE, "figures.csv", `${organization.shortName}科协指标数据.csv`);
}
