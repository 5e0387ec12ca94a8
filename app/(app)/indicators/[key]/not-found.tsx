import { NotFoundNotice } from "@/app/ui/not-found-notice";

export default function IndicatorNotFound() {
  return (
    <NotFoundNotice
      message="没有这个指标：地址中的指标键名不在指标目录中（已停用的指标仍可查看）。"
      links={[{ href: "/indicators", label: "查看全部指标" }, { href: "/", label: "返回看板" }]}
    />
  );
}
