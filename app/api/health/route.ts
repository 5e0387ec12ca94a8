import { countIndicators } from "@/db/catalog";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** 200 once the database is open and migrated (opening it applies pending migrations). */
export function GET() {
  try {
    return Response.json({ status: "ok", indicators: countIndicators(getDb()) });
  } catch (error) {
    return Response.json({ status: "error", message: String(error) }, { status: 503 });
  }
}
