import { currentTime } from "@/lib/clock";
import { redirect } from "next/navigation";
import { monthOfDate } from "@/lib/periods";
import { getDb } from "@/db/client";
import { listReportedMonths } from "@/db/observations";
import { pageUnit, UNIT_PARAM, withUnit } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The brief of the latest month with figures. */
export default async function ReportIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const latest = listReportedMonths(getDb(), page.unit.id)[0]?.month ?? monthOfDate(currentTime());
  redirect(withUnit(`/report/${latest}`, page));
}
