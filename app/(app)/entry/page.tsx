import { redirect } from "next/navigation";
import { monthOfDate } from "@/lib/periods";

export const dynamic = "force-dynamic";

/** The form for the current month (China Standard Time). */
export default function EntryIndexPage() {
  redirect(`/entry/${monthOfDate(new Date())}`);
}
