import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { monthOfDate, quarterOf } from "@/lib/periods";
import { getDb } from "@/db/client";
import { getLeaderMonth } from "@/db/dashboard";
import { pageUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The pack of the quarter holding the leader's current month (lib/dashboard.ts `leaderMonth`), as the dashboard opens on. */
export default async function ReviewIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const db = getDb();
  const { month } = getLeaderMonth(db, page.unit.id, monthOfDate(currentTime()));
  redirect(`/review/${quarterOf(month)}${page.explicit ? `?unit=${page.unit.id}` : ""}`);
}
