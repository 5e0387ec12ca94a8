import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">页面不存在</h1>
      <p className="text-slate-600">请检查地址是否正确，例如填报页应为 /entry/2024-03。</p>
      <Link href="/" className="text-brand-700 underline">返回看板</Link>
    </div>
  );
}
