import { templateCsv } from "@/lib/sheet/template";
import { CSV_TYPE, downloadResponse } from "@/app/_lib/download";
import { templateRequest } from "../template-request";

export const dynamic = "force-dynamic";

/** The import template as CSV (UTF-8 with a BOM, so Excel shows the Chinese); any signed-in user. */
export async function GET(request: Request) {
  const template = await templateRequest(request);
  if (!template.ok) return template.response;
  return downloadResponse(templateCsv(template.input), CSV_TYPE, `${template.name.ascii}.csv`, `${template.name.chinese}.csv`);
}
