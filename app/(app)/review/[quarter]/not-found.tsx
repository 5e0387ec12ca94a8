import { currentTime } from "@/lib/clock";
import { formatQuarter, monthOfDate, quarterOf } from "@/lib/periods";
import { NotFoundNotice } from "@/app/ui/not-found-notice";

export default function ReviewNotFound() {
  const quarter = quarterOf(monthOfDate(currentTime()));
  return (
    <NotFoundNotice
      message={`没有这个季度的材料：季度应写作 YYYY-Qn，例如 /review/${quarter}。`}
      links={[{ href: `/review/${quarter}`, label: `${formatQuarter(quarter)}材料` }, { href: "/", label: "返回看板" }]}
    />
  );
}
