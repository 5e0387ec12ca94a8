import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { formatQuarter, isQuarter } from "@/lib/periods";
import { isDraft } from "@/lib/review";
import { buildReviewWorkbook } from "@/lib/review-xlsx";
import { listCatalog } from "@/db/catalog";
import { getDb } from "@/db/client";
import { listComments } from "@/db/comments";
import { getHomeOrganization } from "@/db/organizations";
import { loadReview } from "@/db/review";
import { getStatusBands } from "@/db/settings";
import { getCurrentUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The review pack as an .xlsx file; any signed-in user may download it. */
export async function GET(_request: Request, { params }: { params: Promise<{ quarter: string }> }) {
  if (!(await getCurrentUser())) return new Response("请先登录。", { status: 401 });
  const { quarter } = await params;
  const upper = quarter.toUpperCase();
  if (upper !== quarter && isQuarter(upper)) redirect(`/review/${upper}/xlsx`);
  if (!isQuarter(quarter)) {
    return new Response("没有这个季度的材料：季度应写作 YYYY-Qn，例如 /review/2026-Q1/xlsx。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const db = getDb();
  const organization = getHomeOrganization(db);
  const catalog = listCatalog(db);
  const { review } = loadReview(db, { organizationId: organization.id, quarter, catalog, bands: getStatusBands(db) });
  const comments = listComments(db, organization.id, quarter);
  const workbook = await buildReviewWorkbook(review, comments, {
    organization: organization.name,
    generatedAt: currentTime(),
    draft: isDraft(review.red, comments),
  });
  const filename = `${organization.shortName}科协${formatQuarter(quarter)}工作推进会材料.xlsx`;
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="review-${quarter}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
