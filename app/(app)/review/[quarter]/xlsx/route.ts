import { renderPackWorkbook } from "@/lib/pack/xlsx";
import { XLSX_TYPE } from "@/app/_lib/download";
import { packDownload } from "../pack-download";

export const dynamic = "force-dynamic";

/** The pack as an Excel workbook that prints on A4. */
export async function GET(request: Request, { params }: { params: Promise<{ quarter: string }> }) {
  return packDownload(request, params, { extension: "xlsx", type: XLSX_TYPE, render: renderPackWorkbook });
}
