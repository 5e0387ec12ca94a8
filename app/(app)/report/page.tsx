import { currentTime } from "@/lib/clock";
import { redirect } from "next/navigation";
import { monthOfDate } from "@/lib/periods";
import { getDb } from "@/db/client";
import { listReportedMonths } from "@/db/observations";
import { getHomeOrganization } from "@/db/organizations";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The brief of the latest month with figures. */
export default async function ReportIndexPage() {
  await requireUser();
  const db = getDb();
  const latest = listReportedMonths(db, getHomeOrganization(db).id)[0]?.month ?? monthOfDate(currentTime());
  redirect(`/report/${latest}`);
}
