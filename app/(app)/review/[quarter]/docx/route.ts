import { renderPackDocx } from "@/lib/pack/docx";
import { DOCX_TYPE } from "@/app/_lib/download";
import { packDownload } from "../pack-download";

export const dynamic = "force-dynamic";

/** The pack as a Word document for the 季度工作推进会. */
export async function GET(request: Request, { params }: { params: Promise<{ quarter: string }> }) {
  return packDownload(request, params, { extension: "docx", type: DOCX_TYPE, render: renderPackDocx });
}
