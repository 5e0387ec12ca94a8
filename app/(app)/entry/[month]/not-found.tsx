import { currentTime } from "@/lib/clock";
import { formatMonth, monthOfDate } from "@/lib/periods";
import { NotFoundNotice } from "@/app/ui/not-found-notice";

export default function EntryNotFound() {
  const month = monthOfDate(currentTime());
  return (
    <NotFoundNotice
      message={`没有这个填报月份：月份应写作 YYYY-MM，例如 /entry/${month}。`}
      links={[{ href: `/entry/${month}`, label: `填报${formatMonth(month)}` }, { href: "/", label: "返回看板" }]}
    />
  );
}
