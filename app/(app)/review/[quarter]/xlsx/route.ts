import { renderPackWorkbook } from "@/lib/pack/xlsx";
import { XLSX_TYPE } from "@/app/_lib/download";
import { packDownload } from "../pack-download";

export const dynamic = "force-dynamic";

/** The pack as an Excel workbook that prints on A4. */
export async function GET(_request: Request, { params }: { params: Promise<{ quarter: string }> }) {
  return packDownload(params, { extension: "xlsx", type: XLSX_TYPE, render: renderPackWorkbook });
}
