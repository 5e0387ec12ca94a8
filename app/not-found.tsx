import { NotFoundNotice } from "@/app/ui/not-found-notice";

export default function NotFound() {
  return <NotFoundNotice message="没有这个地址，请检查链接是否完整。" links={[{ href: "/", label: "返回看板" }]} />;
}
