import "server-only";
import type { Organization } from "@/db/schema";
import { refusal } from "@/app/_lib/download";
import { routeUnit } from "./scope";
import { getCurrentUser } from "./session";

export type DownloadUnit = { ok: true; unit: Organization; params: URLSearchParams } | { ok: false; response: Response };

/**
 * The unit a download is for, with the request's query: a town's account downloads its town, others
 * the district or a town by `unit`. Otherwise the Chinese refusal to answer with (401 signed out,
 * 400/403/404 for the unit).
 */
export async function downloadUnit(request: Request): Promise<DownloadUnit> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: refusal(401, "请先登录。") };
  const params = new URL(request.url).searchParams;
  const unit = routeUnit(user, params.get("unit"));
  if (!unit.ok) return { ok: false, response: refusal(unit.status, unit.message) };
  return { ok: true, unit: unit.unit, params };
}
