import { revisionsCsv } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportRevisions } from "@/db/export";
import { exportFilter } from "@/db/export-request";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { CSV_TYPE, downloadResponse, refusal } from "@/app/_lib/download";

export const dynamic = "force-dynamic";

/** Every revision of a unit (optionally `unit`, `from`/`to`, `year`, `indicator`) as CSV, UTF-8 with a BOM. */
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
  return downloadResponse(revisionsCsv(listExportRevisions(db, organization.id, filter.filter)), CSV_TYPE, "revisions.csv", `${organization.shortName}科协修订记录.csv`);
}
