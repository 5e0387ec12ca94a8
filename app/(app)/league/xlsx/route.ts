import { buildLeagueWorkbook } from "@/lib/league-xlsx";
import { monthOfDate } from "@/lib/periods";
import { getDb } from "@/db/client";
import { loadLeague } from "@/db/league";
import { getStatusBands } from "@/db/settings";
import { isDistrictWide } from "@/app/_auth/scope";
import { getCurrentUser } from "@/app/_auth/session";
import { downloadResponse, refusal, XLSX_TYPE } from "@/app/_lib/download";
import { leagueParams } from "../params";

export const dynamic = "force-dynamic";

/** The league table as the 通报's .xlsx, with the page's parameters; 400 for parameters it cannot use. */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return refusal(401, "请先登录。");
  if (!isDistrictWide(user)) return refusal(403, "您的账号只能查看本镇街的数据。");
  const db = getDb();
  const now = new Date();
  const today = monthOfDate(now);
  const params = leagueParams(db, Object.fromEntries(new URL(request.url).searchParams), today);
  if (params.problems.length > 0) return refusal(400, `${params.problems.join("；")}。`);
  const loaded = loadLeague(db, { ...params, today, now, bands: getStatusBands(db) });
  if ("error" in loaded) return refusal(400, loaded.error);
  const bytes = await buildLeagueWorkbook(loaded.report, now);
  return downloadResponse(bytes, XLSX_TYPE, `league-${params.level}-${params.month}.xlsx`, `${loaded.report.title}.xlsx`);
}
