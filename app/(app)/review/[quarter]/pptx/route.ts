import { renderPackPptx } from "@/lib/pack/pptx";
import { PPTX_TYPE } from "@/app/_lib/download";
import { packDownload } from "../pack-download";

export const dynamic = "force-dynamic";

/** The meeting's slides, with native (editable) charts. */
export async function GET(request: Request, { params }: { params: Promise<{ quarter: string }> }) {
  return packDownload(request, params, { extension: "pptx", type: PPTX_TYPE, render: renderPackPptx });
}
