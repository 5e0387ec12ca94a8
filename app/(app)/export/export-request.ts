import "server-only";
import type { FigureFilter } from "@/lib/export/filter";
import { getDb } from "@/db/client";
import { exportFilter } from "@/db/export-request";
import type { Organization } from "@/db/schema";
import { downloadUnit } from "@/app/_auth/download-unit";
import { refusal } from "@/app/_lib/download";

type ExportRequest = { ok: true; unit: Organization; filter: FigureFilter; filterText: string } | { ok: false; response: Response };

/** An export's unit (`unit`) and filter (`from`/`to`, `year`, `indicator`), or the Chinese refusal to answer with. */
export async function exportRequest(request: Request): Promise<ExportRequest> {
  const target = await downloadUnit(request);
  if (!target.ok) return target;
  const filter = exportFilter(getDb(), target.params);
  if (!filter.ok) return { ok: false, response: refusal(400, filter.message) };
  return { ok: true, unit: target.unit, filter: filter.filter, filterText: filter.text };
}
