import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { monthOfDate, quarterOf } from "@/lib/periods";
import { getDb } from "@/db/client";
import { listReportedMonths } from "@/db/observations";
import { pageUnit, UNIT_PARAM } from "@/app/_auth/scope";
import { requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

/** The pack of the quarter holding the latest figures. */
export default async function ReviewIndexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const page = pageUnit(user, (await searchParams)[UNIT_PARAM]);
  const db = getDb();
  const latest = listReportedMonths(db, page.unit.id)[0]?.month ?? monthOfDate(currentTime());
  redirect(`/review/${quarterOf(latest)}${page.explicit ? `?unit=${page.unit.id}` : ""}`);
}
