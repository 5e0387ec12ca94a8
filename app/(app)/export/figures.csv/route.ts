import { figuresCsv } from "@/lib/export/figures-file";
import { getDb } from "@/db/client";
import { listExportFigures } from "@/db/export";
import { CSV_TYPE, downloadResponse } from "@/app/_lib/download";
import { exportRequest } from "../export-request";

export const dynamic = "force-dynamic";

/** Every figure of a unit (optionally `unit`, `from`/`to`, `year`, `indicator`) as CSV, UTF-8 with a BOM. */
export async function GET(request: Request) {
  const target = await exportRequest(request);
  if (!target.ok) return target.response;
  const { unit, filter } = target;
  return downloadResponse(figuresCsv(listExportFigures(getDb(), unit.id, filter)), CSV_TYPE, "figures.csv", `${unit.shortName}科协指标数据.csv`);
}
