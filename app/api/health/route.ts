import { databasePath, getDb } from "@/db/client";
import { describeFault } from "@/db/faults";
import { checkWritable } from "@/db/health";

export const dynamic = "force-dynamic";

/**
 * For monitors: 200 only when a write could succeed now, 503 otherwise. The body says only ok or
 * failing; what failed goes to the server log (it names paths and errors a visitor need not see).
 */
export function GET() {
  let health;
  try {
    health = checkWritable(getDb(), databasePath());
  } catch (error) {
    health = { ok: false as const, problem: `${describeFault(error)}（${error instanceof Error ? error.message : String(error)}）` };
  }
  if (health.ok) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  console.error(`[health] 数据库不可写入 / database not writable: ${health.problem}`);
  return Response.json({ status: "failing" }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
