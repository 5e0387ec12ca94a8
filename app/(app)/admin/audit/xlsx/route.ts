import { describeAuditFilter, parseAuditFilter } from "@/lib/audit";
import { buildAuditWorkbook } from "@/lib/audit-xlsx";
import { currentTime } from "@/lib/clock";
import { can } from "@/lib/roles";
import { listAuditAuthors, listAuditEntries } from "@/db/audit";
import { getDb } from "@/db/client";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** At most this many rows in one export; a narrower filter gets the rest. */
const EXPORT_LIMIT = 50_000;

/** The audit list, filtered as on the page, as an .xlsx file; administrators only. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("请先登录。", { status: 401 });
  if (!can(user, "audit:view")) return new Response("只有管理员可以导出审计记录。", { status: 403 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { filter } = parseAuditFilter(query);
  const db = getDb();
  const unit = routeUnit(user, new URL(request.url).searchParams.get("unit"));
  if (!unit.ok) return new Response(unit.message, { status: unit.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const organization = unit.unit;
  const { entries, more } = listAuditEntries(db, { organizationId: organization.id, filter, limit: EXPORT_LIMIT });
  const userName = filter.userId ? (listAuditAuthors(db).find((author) => author.id === filter.userId)?.name ?? null) : null;
  const now = currentTime();
  const workbook = await buildAuditWorkbook(entries, {
    organization: organization.name,
    generatedAt: now,
    filterText: describeAuditFilter(filter, userName),
    truncated: more,
  });
  const stamp = now.toISOString().slice(0, 10);
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计记录-${stamp}.xlsx`)}`,
      "Cache-Control": "no-store",
    },
  });
}
