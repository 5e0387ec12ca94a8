import Link from "next/link";

/** What a signed-in user sees on a page their role may not open (HTTP 403). */
export default function Forbidden() {
  return (
    <div className="space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">无权访问</h1>
      <p className="text-slate-600">此页面仅限管理员使用。如需使用，请联系管理员调整您的账号角色。</p>
      <Link href="/" className="text-brand-700 underline">返回看板</Link>
    </div>
  );
}
