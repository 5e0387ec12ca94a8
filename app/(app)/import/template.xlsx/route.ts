import { templateXlsx } from "@/lib/sheet/template";
import { downloadResponse, XLSX_TYPE } from "@/app/_lib/download";
import { templateRequest } from "../template-request";

export const dynamic = "force-dynamic";

/** The import template for `?year=YYYY`, pre-filled with what is stored; any signed-in user. */
export async function GET(request: Request) {
  const template = await templateRequest(request);
  if (!template.ok) return template.response;
  return downloadResponse(await templateXlsx(template.input), XLSX_TYPE, `${template.name.ascii}.xlsx`, `${template.name.chinese}.xlsx`);
}
