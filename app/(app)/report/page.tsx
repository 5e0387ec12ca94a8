import { currentTime } from "@/lib/clock";
import { redirect } from "next/navigation";
import { monthOfDate } from "@/lib/periods";
import { getDb } from "@/db/client";
import { getLeaderMonth } from "@/db/dashboard";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The brief of the leader's current month (lib/dashboard.ts `leaderMonth`), as the dashboard opens on. */
export default async function ReportIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const { month } = getLeaderMonth(getDb(), page.unit.id, monthOfDate(currentTime()));
  redirect(withUnit(`/report/${month}`, page));
}
