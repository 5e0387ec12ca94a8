import "server-only";
import { redirect } from "next/navigation";
import type { Pack } from "@/lib/pack/model";
import { isQuarter } from "@/lib/periods";
import { getDb } from "@/db/client";
import { loadPack } from "@/db/pack";
import { routeUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal } from "@/app/_lib/download";

/**
 * A file of the quarter's pack (/review/YYYY-Qn/xlsx|docx|pptx) for any signed-in user: the pack is
 * loaded once and handed to the renderer, so the file says what the page says.
 */
export async function packDownload(
  request: Request,
  params: Promise<{ quarter: string }>,
  file: { extension: "xlsx" | "docx" | "pptx"; type: string; render: (pack: Pack) => Promise<Buffer> },
): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return refusal(401, "请先登录。");
  const { quarter } = await params;
  const upper = quarter.toUpperCase();
  if (upper !== quarter && isQuarter(upper)) redirect(`/review/${upper}/${file.extension}`);
  if (!isQuarter(quarter)) return refusal(404, `没有这个季度的材料：季度应写作 YYYY-Qn，例如 /review/2026-Q1/${file.extension}。`);
  const unit = routeUnit(user, new URL(request.url).searchParams.get(UNIT_PARAM));
  if (!unit.ok) return refusal(unit.status, unit.message);
  const db = getDb();
  const organization = unit.unit;
  const pack = loadPack(db, { organizationId: organization.id, quarter });
  const body = await file.render(pack);
  return downloadResponse(body, file.type, `review-${quarter}.${file.extension}`, `${organization.shortName}科协${pack.title}.${file.extension}`);
}
