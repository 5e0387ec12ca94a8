import { currentTime } from "@/lib/clock";
import { exportWorkbook } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportFigures, listExportRevisions } from "@/db/export";
import { downloadResponse, XLSX_TYPE } from "@/app/_lib/download";
import { exportRequest } from "../export-request";

export const dynamic = "force-dynamic";

/** Every figure and every revision of a unit (optionally `unit`, `from`/`to`, `year`, `indicator`) as one workbook. */
export async function GET(request: Request) {
  const target = await exportRequest(request);
  if (!target.ok) return target.response;
  const { unit, filter, filterText } = target;
  const db = getDb();
  const bytes = await exportWorkbook(listExportFigures(db, unit.id, filter), listExportRevisions(db, unit.id, filter), {
    organization: unit.name,
    generatedAt: currentTime(),
    filterText,
  });
  return downloadResponse(bytes, XLSX_TYPE, "figures.xlsx", `${unit.shortName}科协指标数据.xlsx`);
}
