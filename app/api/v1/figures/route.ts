import { bearerToken } from "@/lib/api-token";
import { currentTime } from "@/lib/clock";
import { authenticateApiToken } from "@/db/api-tokens";
import { getDb } from "@/db/client";
import { listExportFigures } from "@/db/export";
import { exportFilter } from "@/db/export-request";
import { routeUnit } from "@/app/_auth/scope";
import { getCurrentUser, type SessionUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="kepu"' };

/**
 * Read-only: every stored figure from `from` to `to` (YYYY-MM, both optional), optionally of some
 * indicators. A signed-in user's session cookie or an administrator-issued token
 * (`Authorization: Bearer …`) is required. A token can read, and nothing else exists here to call.
 */
export async function GET(request: Request) {
  const db = getDb();
  const presented = bearerToken(request.headers.get("authorization"));
  let user: SessionUser | null = null;
  if (presented !== null) {
    if (!authenticateApiToken(db, presented)) return json(401, { error: "令牌无效或已被撤销。" }, CHALLENGE);
  } else {
    user = await getCurrentUser();
    if (!user) return json(401, { error: "请先登录，或在请求头中提供 Authorization: Bearer 令牌。" }, CHALLENGE);
  }
  const params = new URL(request.url).searchParams;
  // a session limited to a town reads that town; a token or a district account the district, or a town by `unit`
  const unit = routeUnit(user, params.get("unit"));
  if (!unit.ok) return json(unit.status, { error: unit.message });
  const filter = exportFilter(db, params);
  if (!filter.ok) return json(400, { error: filter.message });
  const organization = unit.unit;
  const figures = listExportFigures(db, organization.id, filter.filter);
  return json(200, {
    organization: organization.name,
    unit: { id: organization.id, kind: organization.kind },
    from: filter.filter.from === "0000-01" ? null : filter.filter.from,
    to: filter.filter.to === "9999-12" ? null : filter.filter.to,
    generatedAt: currentTime().toISOString(),
    count: figures.length,
    figures: figures.map((figure) => ({
      key: figure.key,
      name: figure.name,
      unit: figure.unit,
      kind: figure.kind,
      period: figure.period,
      value: figure.value,
      rankedUnits: figure.rankedUnits,
      valueAbove: figure.valueAbove,
      valueBelow: figure.valueBelow,
      isDemo: figure.isDemo,
      enteredBy: figure.enteredBy,
      enteredAt: figure.enteredAt.toISOString(),
    })),
  });
}

/** Read-only: writing is refused whatever the credentials. */
export function POST() {
  return json(405, { error: "只读接口：不支持写入。" }, { Allow: "GET" });
}
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
