import { currentTime } from "@/lib/clock";
import { formatMonth, monthOfDate, yearOf } from "@/lib/periods";
import { NotFoundNotice } from "@/app/ui/not-found-notice";

export default function EntryNotFound() {
  const month = monthOfDate(currentTime());
  return (
    <NotFoundNotice
      message={`没有这个填报月份：月份应写作 YYYY-MM，例如 /entry/${month}；往年的全年合计写作 YYYY，例如 /entry/${yearOf(month) - 1}。`}
      links={[{ href: `/entry/${month}`, label: `填报${formatMonth(month)}` }, { href: "/", label: "返回看板" }]}
    />
  );
}
