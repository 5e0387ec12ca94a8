import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { monthOfDate, quarterOf } from "@/lib/periods";
import { getDb } from "@/db/client";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The pack of the quarter holding the latest figures. */
export default async function ReviewIndexPage() {
  await requireUser();
  const db = getDb();
  const latest = listReportedMonths(db, getHomeOrganization(db).id)[0]?.month ?? monthOfDate(currentTime());
  redirect(`/review/${quarterOf(latest)}`);
}
